"""Benchmark-only settings: production settings plus the floor view's URLconf.

Production never loads this module, so it never serves /bench/floor/.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
