"""The Redis cache backend keeps its client (config/caches.py), and can be told not to."""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache

from config.caches import FailFastRedisCache, KeptClients

LOCATION = "redis://127.0.0.1:6379/15"


def test_one_client_serves_every_call_to_one_server() -> None:
    cache = FailFastRedisCache(LOCATION, {})

    # What it relies on in Django: the client class is RedisCache._class, and
    # the client object is what `_cache` builds from it.
    assert isinstance(cache._cache, KeptClients)
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)
    assert cache._cache.get_client() is cache._cache.get_client()


def test_the_setting_restores_djangos_client_per_call() -> None:
    cache = FailFastRedisCache(LOCATION, {"KEEP_CLIENTS": False})

    assert type(cache._cache) is type(RedisCache(LOCATION, {})._cache)
    assert cache._cache.get_client() is not cache._cache.get_client()


def test_several_servers_get_djangos_client_per_call() -> None:
    cache = FailFastRedisCache(f"{LOCATION},redis://127.0.0.1:6379/14", {})

    assert cache._cache.get_client() is not cache._cache.get_client()
