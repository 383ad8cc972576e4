"""The vocabulary misspellings are corrected to (content.models.SuggestionWord), rebuilt
as content.suggestions now writes it: the words of the names without the punctuation
around them ("tendonitis", not "tendonitis?"), and the words of published conditions'
search terms, since search corrects a misspelt word against it too
(api.querying.spelling)."""

import re
import unicodedata

from django.db import migrations

_WORD = re.compile(r"\w+")


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def rebuild_vocabulary(apps, schema_editor):
    Suggestion = apps.get_model("content", "Suggestion")
    SuggestionWord = apps.get_model("content", "SuggestionWord")
    Condition = apps.get_model("content", "Condition")
    keys = Suggestion.objects.values_list("language", "key")
    words = {(language, _WORD.findall(key)[0][:100]) for language, key in keys.iterator()}
    terms = Condition.objects.filter(status="published").values_list(
        "search_terms_en", "search_terms_fr_ca"
    )
    for english, french in terms.iterator():
        for language, own in (("en", english), ("fr-ca", french or english)):
            for term in own or ():
                words |= {(language, word[:100]) for word in _WORD.findall(_fold(term))}
    SuggestionWord.objects.all().delete()
    SuggestionWord.objects.bulk_create(
        (SuggestionWord(language=language, word=word) for language, word in sorted(words)),
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0020_suggestion_words"),
    ]

    operations = [
        migrations.RunPython(rebuild_vocabulary, migrations.RunPython.noop),
    ]
