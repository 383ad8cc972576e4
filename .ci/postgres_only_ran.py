"""Fail when a test marked postgres_only was skipped in the PostgreSQL run.

Reads a pytest JUnit report; the skip reason comes from tests/conftest.py.
"""

import sys
import xml.etree.ElementTree as ET

report = ET.parse(sys.argv[1])
skipped = [
    f"{case.get('classname')}::{case.get('name')}"
    for case in report.iter("testcase")
    for skip in case.findall("skipped")
    if "postgres_only" in (skip.get("message") or "")
]
ran = [case for case in report.iter("testcase") if not case.findall("skipped")]
if skipped:
    print("PostgreSQL-only tests were skipped in the PostgreSQL run:", *skipped, sep="\n  ")
    sys.exit(1)
print(f"{len(ran)} tests ran on PostgreSQL; no PostgreSQL-only test was skipped.")
