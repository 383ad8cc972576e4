"""A GiST trigram index on the titles and aliases search matches (`search_text`), on
PostgreSQL: its nearest-neighbour scan gives a search its best title matches without
ranking every match (api.querying.search: the bounded candidate set)."""

from django.db import migrations

TABLES = ("content_condition", "content_faq", "content_mechanism")


def postgres_only(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0018_suggestion_index"),
    ]

    operations = [
        migrations.RunPython(
            postgres_only(
                [
                    f"CREATE INDEX IF NOT EXISTS {t}_search_text_trgm_gist "
                    f"ON {t} USING gist (search_text gist_trgm_ops)"
                    for t in TABLES
                ]
            ),
            postgres_only([f"DROP INDEX IF EXISTS {t}_search_text_trgm_gist" for t in TABLES]),
        ),
    ]
