"""A condition's search terms (what people type that is not another name of it), and
the derived column search reads renamed to `search_text` to make room for them."""

from django.db import migrations, models

import content.validators

TABLES = ("content_condition", "content_faq", "content_mechanism")


def rename_trigram_indexes(old, new):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table in TABLES:
                schema_editor.execute(
                    f"ALTER INDEX IF EXISTS {table}_{old}_trgm RENAME TO {table}_{new}_trgm"
                )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0015_translation_records_and_synthetic"),
    ]

    operations = [
        *(
            migrations.RenameField(
                model_name=model, old_name="search_terms", new_name="search_text"
            )
            for model in ("condition", "faq", "mechanism")
        ),
        migrations.RunPython(
            rename_trigram_indexes("search_terms", "search_text"),
            rename_trigram_indexes("search_text", "search_terms"),
        ),
        *(
            migrations.AddField(
                model_name="condition",
                name=name,
                field=models.JSONField(
                    blank=True,
                    default=list,
                    help_text="What people type to find it that is not another name of it, "
                    "such as “heel pain” for plantar fasciitis: used by search only.",
                    validators=[content.validators.validate_search_terms],
                    **extra,
                ),
            )
            for name, extra in (
                ("search_terms", {}),
                ("search_terms_en", {"null": True}),
                ("search_terms_fr_ca", {"null": True}),
            )
        ),
        *(
            migrations.AlterField(
                model_name="condition",
                name=name,
                field=models.JSONField(
                    blank=True,
                    default=list,
                    help_text="Other names of this same condition, such as “lateral "
                    "epicondylitis”, or common misspellings of its name. Partners' pages "
                    "publish them as its names: never a broader or another condition.",
                    validators=[content.validators.validate_aliases],
                    **extra,
                ),
            )
            for name, extra in (
                ("aliases", {}),
                ("aliases_en", {"null": True}),
                ("aliases_fr_ca", {"null": True}),
            )
        ),
        *(
            migrations.AlterField(
                model_name="condition",
                name=name,
                field=models.JSONField(
                    blank=True,
                    default=list,
                    help_text="Other names of this same condition, such as “lateral "
                    "epicondylitis”, or common misspellings of its name. Partners' pages "
                    "publish them as its names: never a broader or another condition.",
                    validators=[content.validators.validate_aliases],
                    **extra,
                ),
            )
            for name, extra in (
                ("aliases", {}),
                ("aliases_en", {"null": True}),
                ("aliases_fr_ca", {"null": True}),
            )
        ),
    ]
