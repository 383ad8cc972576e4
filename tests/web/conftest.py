from tests.api.conftest import _empty_cache, _version_from_the_database

__all__ = ["_empty_cache", "_version_from_the_database"]
