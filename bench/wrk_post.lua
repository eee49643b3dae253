-- POST requests.json from wrk: a new Idempotency-Key and point per request (bench/open311_api.py
-- --client wrk). The API key comes from BENCH_API_KEY; the summary (`done`) is bench/wrk_report.lua's,
-- loaded from BENCH_WRK_REPORT.
local key = os.getenv("BENCH_API_KEY")
local counter = 0
local thread_id = 0

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

request = function()
  counter = counter + 1
  local lat = string.format("%.4f", 22.62 + (counter % 10) / 1000)
  local lng = string.format("%.4f", 120.31 + (counter % 7) / 1000)
  local body = "api_key=" .. key .. "&service_code=D12&lat=" .. lat .. "&long=" .. lng ..
    "&description=wrk%20" .. counter .. "%3A%20%E9%9B%BB%E7%B7%9A%E6%A1%BF%E4%B8%8A%E7%9A%84%E9%81%95%E8%A6%8F%E5%B0%8F%E5%BB%A3%E5%91%8A"
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Idempotency-Key"] = string.format("wrk-%s-%d-%d-%d", key:sub(-6), os.time(), tid or 0, counter),
  }
  return wrk.format("POST", "/open311/v2/requests.json", headers, body)
end

dofile(os.getenv("BENCH_WRK_REPORT"))
