"""Each suggestion says whether its title or alias is in English for want of it in the
row's language (`fallback`), so that /suggest/ can name the languages it answers in; the
rows indexed already are marked from their items."""

from django.db import migrations, models

# The item types as they are now: their model, title field, and whether they have aliases.
TYPES = (("condition", "name", True), ("faq", "question", False), ("mechanism", "name", False))
CHUNK = 2000


def mark_fallbacks(apps, schema_editor):
    """As content.suggestions writes it: a French row falls back when the item has no
    French title, or, for an alias, no French aliases."""
    Suggestion = apps.get_model("content", "Suggestion")
    french = Suggestion.objects.filter(language="fr-ca")
    for model_name, title_field, has_aliases in TYPES:
        columns = [f"{title_field}_fr_ca", *(["aliases_fr_ca"] if has_aliases else [])]
        rows = apps.get_model("content", model_name).objects.values_list("pk", *columns)
        no_title, no_aliases = [], []
        for pk, title, *aliases in rows.iterator():
            if not title:
                no_title.append(pk)
            elif has_aliases and not aliases[0]:
                no_aliases.append(pk)
        for start in range(0, len(no_title), CHUNK):
            french.filter(item_id__in=no_title[start : start + CHUNK]).update(fallback=True)
        for start in range(0, len(no_aliases), CHUNK):
            aliases_of = french.filter(item_id__in=no_aliases[start : start + CHUNK])
            aliases_of.exclude(alias="").update(fallback=True)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0021_search_vocabulary"),
    ]

    operations = [
        migrations.AddField(
            model_name="suggestion",
            name="fallback",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_fallbacks, migrations.RunPython.noop),
    ]
