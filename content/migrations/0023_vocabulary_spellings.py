"""The vocabulary (content.models.SuggestionWord) records how each folded word is written
("gelee" → "gelée"), so that a word typed without its accents is searched as written;
rebuilt from the names indexed and published conditions' search terms, as
content.suggestions writes it."""

import re
import unicodedata

from django.db import migrations, models

_WORD = re.compile(r"\w+")


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _written(language, text):
    return {(language, _fold(w)[:100], w[:100]) for w in _WORD.findall(text.lower())}


def rebuild_vocabulary(apps, schema_editor):
    Suggestion = apps.get_model("content", "Suggestion")
    SuggestionWord = apps.get_model("content", "SuggestionWord")
    Condition = apps.get_model("content", "Condition")
    words = set()
    names = Suggestion.objects.values_list("language", "title", "alias").distinct()
    for language, title, alias in names.iterator():
        words |= _written(language, alias or title)
    terms = Condition.objects.filter(status="published").values_list(
        "search_terms_en", "search_terms_fr_ca"
    )
    for english, french in terms.iterator():
        for language, own in (("en", english), ("fr-ca", french or english)):
            for term in own or ():
                words |= _written(language, term)
    SuggestionWord.objects.all().delete()
    SuggestionWord.objects.bulk_create(
        (SuggestionWord(language=la, word=w, spelling=s) for la, w, s in sorted(words)),
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0022_suggestion_fallback"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="suggestionword",
            name="suggestionword_unique",
        ),
        migrations.AddField(
            model_name="suggestionword",
            name="spelling",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddConstraint(
            model_name="suggestionword",
            constraint=models.UniqueConstraint(
                fields=("language", "word", "spelling"), name="suggestionword_unique"
            ),
        ),
        migrations.RunPython(rebuild_vocabulary, migrations.RunPython.noop),
    ]
