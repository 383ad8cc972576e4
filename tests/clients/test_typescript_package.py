"""clients/typescript as its users get it: packed, installed into a fresh project, compiled, run.

What `make clients-check` cannot show: that the tarball holds what a consumer's
TypeScript resolves (`exports`, the declarations, schema.d.ts beside them) under
both `moduleResolution` settings front ends use, and that the built module runs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.conf import settings

from tests.faults.conftest import Served

PACKAGE = Path(settings.BASE_DIR) / "clients" / "typescript"
CONSUMER = Path(__file__).parent / "consumer"
NODE = shutil.which("node")
NPM = shutil.which("npm")
# .ci/run fails the build when this reason shows up in its JUnit report.
NO_NODE = "typescript package: needs Node.js 20 and npm on PATH"
# Marked, not skipped in a fixture: the session's server would start first.
pytestmark = pytest.mark.skipif(NODE is None or NPM is None, reason=NO_NODE)

# A strict consumer that checks the package's declarations too: skipLibCheck
# off, only TypeScript's own lib.*.d.ts skipped (two thirds of tsc's time).
# The client's types name fetch, Response and AbortSignal: the DOM's here, or
# Node's from @types/node.
COMPILER_OPTIONS = {
    "strict": True,
    "target": "ES2022",
    "lib": ["ES2022", "DOM"],
    "types": [],
    "skipLibCheck": False,
    "skipDefaultLibCheck": True,
    "pretty": False,
}
RESOLUTIONS = {
    "NodeNext": {"module": "NodeNext", "moduleResolution": "NodeNext"},
    "Bundler": {"module": "ESNext", "moduleResolution": "Bundler"},
}


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def _npm(*arguments: str, cwd: Path) -> None:
    assert NPM is not None
    result = _run(NPM, *arguments, "--no-audit", "--no-fund", cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr


def _tsc(project: Path, *, resolution: str, file: str, out_dir: str | None = None) -> str:
    """Compile `file` in `project` with `resolution`; tsc's exit status and output."""
    emit = {"outDir": out_dir} if out_dir else {"noEmit": True}
    config = project / f"tsconfig.{resolution}.{Path(file).stem}.json"
    options = {**COMPILER_OPTIONS, **RESOLUTIONS[resolution], **emit}
    config.write_text(json.dumps({"compilerOptions": options, "files": [file]}))
    assert NODE is not None
    result = _run(NODE, "node_modules/typescript/bin/tsc", "-p", config.name, cwd=project)
    return f"exit {result.returncode}\n{result.stdout}{result.stderr}"


@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh project with the packed package and TypeScript installed from the registry."""
    if not (PACKAGE / "node_modules" / ".bin" / "tsc").exists():
        _npm("ci", cwd=PACKAGE)  # the build's own TypeScript, for prepack
    project = tmp_path_factory.mktemp("consumer")
    _npm("pack", "--pack-destination", str(project), cwd=PACKAGE)
    (tarball,) = project.glob("*.tgz")
    # The TypeScript the package is checked with: npm has it cached already.
    version = json.loads((PACKAGE / "package.json").read_text())["devDependencies"]["typescript"]
    (project / "package.json").write_text(json.dumps({"private": True, "type": "module"}))
    _npm("install", "--prefer-offline", f"typescript@{version}", f"./{tarball.name}", cwd=project)
    for source in CONSUMER.iterdir():
        shutil.copy(source, project)
    return project


def test_the_tarball_holds_the_built_package_and_nothing_else(consumer: Path) -> None:
    (tarball,) = consumer.glob("*.tgz")
    with tarfile.open(tarball) as archive:
        names = {name.removeprefix("package/") for name in archive.getnames()}

    assert names == {
        "package.json",
        "README.md",
        "dist/index.js",
        "dist/index.d.ts",
        "dist/client.js",
        "dist/client.d.ts",
        # A declaration file the build copies: tsc never emits one.
        "dist/schema.d.ts",
    }


@pytest.fixture(scope="module")
def compiled(consumer: Path) -> dict[str, str]:
    """tsc's output for main.ts under each resolution; NodeNext's also emits out/main.js."""
    return {
        resolution: _tsc(
            consumer, resolution=resolution, file="main.ts",
            out_dir="out" if resolution == "NodeNext" else None,
        )
        for resolution in RESOLUTIONS
    }  # fmt: skip


@pytest.mark.parametrize("resolution", RESOLUTIONS)
def test_a_consumer_type_checks_under_each_module_resolution(
    compiled: dict[str, str], resolution: str
) -> None:
    assert compiled[resolution] == "exit 0\n"


def test_a_wrong_path_is_a_compile_error_naming_it(consumer: Path) -> None:
    output = _tsc(consumer, resolution="NodeNext", file="wrong.ts")

    assert output.splitlines()[1:] == [
        "wrong.ts(5,17): error TS2345: Argument of type '\"/api/v1/condition/{slug}/\"' "
        "is not assignable to parameter of type 'GetPath'.",
        "wrong.ts(6,17): error TS2345: Argument of type '\"/api/v1/patients/\"' "
        "is not assignable to parameter of type 'GetPath'.",
    ]


def test_the_built_client_reads_the_served_api(
    consumer: Path, compiled: dict[str, str], served_app: Served
) -> None:
    assert compiled["NodeNext"] == "exit 0\n"
    assert NODE is not None

    result = _run(NODE, "run.mjs", served_app.url, cwd=consumer)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "count": 18,
        "slug": "neck-pain",
        # The same page again is a 304, answered with the body kept from the first.
        "keptOn304": True,
        "problem": "404 Not found",
        "statuses": [200, 304, 404],
    }
