"""The generated benchmark databases, kept between runs.

Each is tagged (a comment on the database) with what generated it: the
sizes, the seed and a digest of the generator's code and the migrations. A
database whose tag differs, or `BENCH_FRESH=1`, is generated again; otherwise
it is only migrated (new migrations) and reused, which takes seconds.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432"
GENERATOR_FILES = (
    "content/seed/generation.py",
    "content/services/items.py",
    "content/services/storing.py",
    "content/bulk.py",
    "content/rendering.py",
    "content/search.py",
    "content/management/commands/generate_content.py",
)
SEED = 1


@dataclass(frozen=True)
class Dataset:
    database: str
    conditions: int
    faqs: int
    regions: int = 50

    @property
    def url(self) -> str:
        return f"{SERVER}/{self.database}"

    def tag(self) -> str:
        digest = hashlib.blake2b(digest_size=8)
        for name in GENERATOR_FILES:
            digest.update((ROOT / name).read_bytes())
        for path in sorted((ROOT / "content" / "migrations").glob("*.py")):
            digest.update(path.name.encode())
        sizes = f"{self.conditions}c-{self.faqs}f-{self.regions}r-seed{SEED}"
        return f"ims-bench {sizes} {digest.hexdigest()}"


LARGE = Dataset("ims_bench_large", conditions=5000, faqs=50000)
SMALL = Dataset("ims_bench_small", conditions=200, faqs=2000)


def ensure(dataset: Dataset, *, env: dict[str, str], fresh: bool) -> bool:
    """Make `dataset` ready; True if it was generated now, False if reused."""
    env = {**env, "DATABASE_URL": dataset.url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    if not fresh and _stored_tag(dataset.database) == dataset.tag():
        _manage(env, "migrate", "--no-input", "-v0")
        return False
    psql(f'DROP DATABASE IF EXISTS "{dataset.database}"')
    psql(f'CREATE DATABASE "{dataset.database}"')
    _manage(env, "migrate", "--no-input", "-v0")
    _manage(
        env, "generate_content", f"--seed={SEED}", f"--conditions={dataset.conditions}",
        f"--faqs={dataset.faqs}", f"--regions={dataset.regions}",
    )  # fmt: skip
    psql("VACUUM ANALYZE", database=dataset.database)
    psql(f"COMMENT ON DATABASE \"{dataset.database}\" IS '{dataset.tag()}'")
    return True


def _stored_tag(database: str) -> str:
    query = "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{}'"
    return psql(query.format(database)).strip()


def psql(sql: str, *, database: str = "postgres") -> str:
    command = [
        "psql",
        "-X",
        "-q",
        "-t",
        "-A",
        "-v",
        "ON_ERROR_STOP=1",
        f"{SERVER}/{database}",
        "-c",
        sql,
    ]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def fresh_requested() -> bool:
    return os.environ.get("BENCH_FRESH", "") not in ("", "0", "false")
