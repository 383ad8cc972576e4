"""Misspellings are now corrected in Python over the vocabulary read once per content
version (api.querying.spelling), the same way on both backends: the vocabulary's
trigram index (0020) is no longer read."""

from django.db import migrations


def postgres_only(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0023_vocabulary_spellings"),
    ]

    operations = [
        migrations.RunPython(
            postgres_only("DROP INDEX IF EXISTS content_suggestionword_trgm"),
            postgres_only(
                "CREATE INDEX content_suggestionword_trgm ON content_suggestionword "
                "USING gist (word gist_trgm_ops)"
            ),
        ),
    ]
