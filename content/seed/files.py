"""Reading and writing the seed files under a content directory.

Layout (see content/seed/): `taxonomy.yaml`, and one Markdown file per item in
`images/`, `mechanisms/`, `conditions/` and `faqs/`, named `<slug>.md`, with the fields in
YAML front matter and the body in Markdown after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from content import documents

FRONT_MATTER = "---"
# In the order they load: an item names its image, a condition its mechanisms.
ITEM_FOLDERS: dict[str, type[documents.Item]] = {
    "images": documents.Image,
    "mechanisms": documents.Mechanism,
    "conditions": documents.Condition,
    "faqs": documents.Faq,
}
TAXONOMY_FILE = "taxonomy.yaml"

Doc = TypeVar("Doc", bound=documents.Document)


class ContentFileError(Exception):
    """A seed file that cannot be loaded; the message names the file and the field."""

    def __init__(self, path: Path | str, problem: str, *, field: str = "") -> None:
        self.path, self.field, self.problem = str(path), field, problem
        where = f"{self.path}: {field}" if field else self.path
        super().__init__(f"{where}: {problem}")


@dataclass
class SeedSet:
    """Every document of a content directory, with the file each came from."""

    taxonomy: documents.TaxonomyFile = field(default_factory=documents.TaxonomyFile)
    images: dict[Path, documents.Item] = field(default_factory=dict)
    mechanisms: dict[Path, documents.Item] = field(default_factory=dict)
    conditions: dict[Path, documents.Item] = field(default_factory=dict)
    faqs: dict[Path, documents.Item] = field(default_factory=dict)


def read_seed(directory: Path) -> SeedSet:
    """Parse and validate every file under `directory`; ContentFileError names the bad one."""
    if not directory.is_dir():
        raise ContentFileError(directory, "is not a directory")
    seed = SeedSet()
    taxonomy_path = directory / TAXONOMY_FILE
    if taxonomy_path.exists():
        seed.taxonomy = _validate(documents.TaxonomyFile, _load_yaml(taxonomy_path), taxonomy_path)
    for folder, schema in ITEM_FOLDERS.items():
        items: dict[Path, Any] = getattr(seed, folder)
        for path in sorted((directory / folder).glob("*.md")):
            items[path] = read_item(path, schema)
    return seed


def read_item(path: Path, schema: type[Doc]) -> Doc:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER:
        raise ContentFileError(path, "must start with a `---` line opening the front matter")
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == FRONT_MATTER)
    except StopIteration:
        raise ContentFileError(path, "front matter is not closed by a `---` line") from None
    front_matter = _parse_yaml("\n".join(lines[1:end]), path)
    if not isinstance(front_matter, dict):
        raise ContentFileError(path, "front matter must be a mapping of fields")
    doc = _validate(schema, {**front_matter, "body": "\n".join(lines[end + 1 :])}, path)
    if isinstance(doc, documents.Item) and path.stem != doc.slug:
        raise ContentFileError(path, f"file name must be the slug: {doc.slug}.md", field="slug")
    return doc


def write_seed(seed: SeedSet, directory: Path) -> list[Path]:
    """Write `seed` in the layout `read_seed` reads; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    taxonomy_path = directory / TAXONOMY_FILE
    taxonomy_path.write_text(_dump_yaml(seed.taxonomy.to_front_matter()), encoding="utf-8")
    written = [taxonomy_path]
    for folder in ITEM_FOLDERS:
        (directory / folder).mkdir(exist_ok=True)
        for doc in getattr(seed, folder).values():
            path = directory / folder / f"{doc.slug}.md"
            path.write_text(render_item(doc), encoding="utf-8")
            written.append(path)
    return written


def render_item(doc: documents.Item) -> str:
    front_matter = _dump_yaml(doc.to_front_matter())
    body = f"{doc.body}\n" if doc.body else ""
    return f"{FRONT_MATTER}\n{front_matter}{FRONT_MATTER}\n{body}"


def _load_yaml(path: Path) -> Any:
    return _parse_yaml(path.read_text(encoding="utf-8"), path)


def _parse_yaml(text: str, path: Path) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ContentFileError(path, f"is not valid YAML: {error}") from None


class _Dumper(yaml.SafeDumper):
    """Writes text as an editor would: one line per value, multi-line text as a `|` block."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def _dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)


def _validate(schema: type[Doc], data: Any, path: Path) -> Doc:
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        raise ContentFileError(path, first["msg"], field=location) from None
