"""A full-text vector of the names alone (title, aliases, search terms), GIN-indexed, on
PostgreSQL: items whose names hold every word rank first, and a search takes its
candidates among those (api.querying.search). It replaces the trigram nearest-neighbour
scan over the names, whose two indexes go: that scan cost 8 to 47 ms a type on the
50,000-FAQ set."""

import django.contrib.postgres.search
from django.db import migrations

TABLES = ("content_condition", "content_faq", "content_mechanism")


def postgres_only(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


FORWARD = [
    *(
        f"UPDATE {t} SET names_vector = to_tsvector('english', search_text) "
        f"|| to_tsvector('french', search_text)"
        for t in TABLES
    ),
    *(f"CREATE INDEX {t}_names_vector ON {t} USING gin (names_vector)" for t in TABLES),
    # Without statistics of the new column the planner takes every item whose names
    # hold a common word for a few (14,068 FAQs for "pain": 96 ms instead of 14).
    *(f"ANALYZE {t}" for t in TABLES),
    *(f"DROP INDEX IF EXISTS {t}_search_text_trgm_gist" for t in TABLES),
    *(f"DROP INDEX IF EXISTS {t}_search_text_trgm" for t in TABLES),
]
BACKWARD = [
    *(f"DROP INDEX IF EXISTS {t}_names_vector" for t in TABLES),
    *(
        f"CREATE INDEX {t}_search_text_trgm_gist ON {t} USING gist (search_text gist_trgm_ops)"
        for t in TABLES
    ),
    *(
        f"CREATE INDEX {t}_search_text_trgm ON {t} USING gin (search_text gin_trgm_ops)"
        for t in TABLES
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0024_drop_vocabulary_trigram_index"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model,
                name="names_vector",
                field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
            )
            for model in ("condition", "faq", "mechanism")
        ),
        migrations.RunPython(postgres_only(FORWARD), postgres_only(BACKWARD)),
    ]
