"""The Redis cache backend production uses (yankao.core.cache.RedisCache)."""

from __future__ import annotations

import threading

import pytest
from django.core.cache.backends.locmem import LocMemCache

from yankao.core.cache import RedisCache, count_and_get
from yankao.core.tests.test_tasks import _redis_url


def test_the_redis_cache_shares_one_client_and_works_across_threads():
    url = _redis_url()
    if url is None:
        pytest.skip("no Redis server answers (CI sets YANKAO_REQUIRE_REDIS and has one)")
    cache = RedisCache(url.rsplit("/", 1)[0] + "/14", {"KEY_PREFIX": "yankao-test-cache"})
    client = cache._cache
    assert client.get_client(write=True) is client.get_client(write=True)
    cache.clear()
    assert cache.add("n", 1, timeout=30) and not cache.add("n", 5, timeout=30)
    assert cache.incr("n") == 2

    def bump() -> None:
        for _ in range(50):
            cache.incr("n")

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.get("n") == 202
    cache.set("blob", b"\x1f\x8b" + bytes(range(256)) * 100, timeout=30)
    assert cache.get("blob") == b"\x1f\x8b" + bytes(range(256)) * 100
    cache.clear()
    assert cache.get("n") is None


def test_count_and_get_counts_and_reads_in_one_go_on_redis():
    url = _redis_url()
    if url is None:
        pytest.skip("no Redis server answers (CI sets YANKAO_REQUIRE_REDIS and has one)")
    cache = RedisCache(url.rsplit("/", 1)[0] + "/14", {"KEY_PREFIX": "yankao-test-count"})
    cache.clear()
    cache.set("stamp", "abc", timeout=30)
    assert count_and_get("hits", timeout=70, keys=["stamp", "missing"], using=cache) == (1, ["abc", None])
    assert count_and_get("hits", timeout=70, using=cache) == (2, [])
    ttl = cache._cache.get_client().ttl(cache.make_and_validate_key("hits"))
    assert cache.get("hits") == 2 and 60 < ttl <= 70  # the expiry is set once, when the counter is made
    cache.clear()


def test_count_and_get_on_another_cache_backend():
    cache = LocMemCache("count-and-get", {})
    cache.set("stamp", "abc")
    assert count_and_get("hits", timeout=70, keys=["stamp"], using=cache) == (1, ["abc"])
    assert count_and_get("hits", timeout=70, keys=["stamp"], using=cache) == (2, ["abc"])
