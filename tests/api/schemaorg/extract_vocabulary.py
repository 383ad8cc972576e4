"""Write vocabulary.json: the part of schema.org our JSON-LD relies on.

The source is schema-dts, Google's typings generated from the schema.org
release (https://github.com/google/schema-dts); rerun after upgrading it:

    npm pack schema-dts@2.1.0 && tar xzf schema-dts-2.1.0.tgz
    python tests/api/schemaorg/extract_vocabulary.py package/dist/schema.d.ts

For each type our output uses, and each of their ancestors, it keeps the
parents and the properties declared on that type with the types each accepts.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

# Every type api/v1/linkeddata.py writes, and the data types its values use.
ROOTS = (
    "MedicalWebPage", "MedicalCondition", "MedicalTherapy", "AnatomicalStructure",
    "FAQPage", "Question", "Answer", "ItemList", "ListItem", "Person", "CreativeWork",
    "Organization", "ImageObject", "WebPageElement", "Patient", "MedicalSpecialty",
    "QuantitativeValue",
)  # fmt: skip
DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Number", "Integer", "Boolean"}
SOURCE_VERSION = "schema-dts 2.1.0"

_BLOCK = re.compile(
    r"^(?:export )?interface (\w+?)(Base|Leaf) extends ([^{]+) \{\n(.*?)^\}", re.M | re.S
)
_PROPERTY = re.compile(r'^ {4}"(\w+)"\?: SchemaValue<(.+?), "\1">;', re.M)
# `export type Specialty = SpecialtyLeaf | MedicalSpecialty;`: a type and its subtypes;
# an enumeration's alternatives also name its members ("https://schema.org/Physiotherapy").
_UNION = re.compile(r"^export type (\w+) = (.+);$", re.M)
MEMBER = "https://schema.org/"


def parse(source: str) -> dict[str, dict[str, object]]:
    bases: dict[str, tuple[list[str], dict[str, list[str]]]] = {}
    leaves: dict[str, list[str]] = {}
    for name, kind, extends, body in _BLOCK.findall(source):
        parents = [p.strip().removesuffix("Base") for p in extends.split(",") if "<" not in p]
        if kind == "Leaf":
            leaves[name] = parents
            continue
        properties = {
            prop: sorted({t.strip() for t in ranges.split("|")} - {"IdReference"})
            for prop, ranges in _PROPERTY.findall(body)
        }
        bases[name] = (parents, properties)
    types: dict[str, dict[str, object]] = {}
    for name, parents in leaves.items():
        # A type that adds no property of its own extends its parent's base.
        own_parents, properties = bases.get(name, (parents, {}))
        types[name] = {"parents": [p for p in own_parents if p != name], "properties": properties}
    for name, alternatives in _UNION.findall(source):
        options = [a.strip() for a in alternatives.split("|")]
        members = sorted(o.strip('"') for o in options if o.startswith(f'"{MEMBER}'))
        if members and name in types:
            types[name]["members"] = members
        for option in options:
            parents = types.get(option, {}).get("parents")
            if isinstance(parents, list) and name in types and name not in parents:
                parents.append(name)
    return types


def main(path: str) -> None:
    types = parse(Path(path).read_text())
    keep: dict[str, dict[str, object]] = {}
    todo = list(ROOTS)
    while todo:
        name = todo.pop()
        if name in keep or name not in types:
            continue
        keep[name] = types[name]
        todo.extend(types[name]["parents"])  # type: ignore[arg-type]
    out = {
        "source": SOURCE_VERSION,
        "data_types": sorted(DATA_TYPES),
        "types": dict(sorted(keep.items())),
    }
    target = Path(__file__).with_name("vocabulary.json")
    target.write_text(json.dumps(out, indent=1, sort_keys=False) + "\n")
    print(f"{len(keep)} types written to {target}")


if __name__ == "__main__":
    main(sys.argv[1])
