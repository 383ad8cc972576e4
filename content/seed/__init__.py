"""The seed content and the code that moves it in and out of the database.

The shipped content lives here as files (`taxonomy.yaml`, `conditions/`, `faqs/`,
`mechanisms/`, and `images/`: an image's words, its picture uploaded in the admin);
`files` reads and writes that format, `planning` decides what loading would do to
each item without undoing editors, `loading` loads it through content.services,
`exporting` writes stored content back as files, and `generation` makes the large
made-up set the benchmarks use.
"""

from pathlib import Path

SEED_DIRECTORY = Path(__file__).resolve().parent
