-- wrk's summary as one JSON line: requests/s, latency percentiles (ms), non-2xx/3xx and errors.
-- Used by bench/open311_api.py --client wrk.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'WRK {"requests": %d, "per_second": %.1f, "p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, "mean_ms": %.1f, "non_2xx_3xx": %d, "socket_errors": %d, "bytes": %d}\n',
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000, summary.errors.status, errors, summary.bytes))
end
