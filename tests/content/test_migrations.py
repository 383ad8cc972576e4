from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from content import versions
from content.models import Condition, ContentEvent, Suggestion, SuggestionWord
from content.services import content_publish, content_save
from tests.factories import ConditionCategoryFactory, ConditionFactory, untranslated

pytestmark = pytest.mark.django_db

section_headings = importlib.import_module("content.migrations.0010_section_headings")


def _run() -> None:
    """Run the migration's data function with historical models of the schema the test
    database has (the latest: a column renamed since would be missing from its own)."""
    loader = MigrationExecutor(connection).loader
    state = loader.project_state(loader.graph.leaf_nodes("content")[0])
    section_headings.render_again(state.apps, None)


def test_bodies_stored_with_a_plain_text_heading_are_rendered_again(client, editor, seed) -> None:
    item = content_save(
        item=ConditionFactory.build(
            category=ConditionCategoryFactory(), slug="knee-pain", body="# Causes\n\nStrain."
        ),
        by=editor,
    )
    content_publish(item=item, by=editor)
    # As the renderer before this migration stored it.
    stale = {"html": "Causes\n<p>Strain.</p>", "blocks": [{"type": "heading", "level": 1}]}
    Condition.objects.filter(pk=item.pk).update(
        body_html=stale["html"], body_html_en=stale["html"], body_blocks_en=stale["blocks"]
    )
    version, untouched = versions.stored().value, Condition.objects.get(slug="tennis-elbow")
    assert client.get("/api/v1/conditions/knee-pain/").json()["body"] == stale["html"]

    _run()

    stored = Condition.objects.get(pk=item.pk)
    assert stored.body_html_en == stored.body_html == "<h2>Causes</h2>\n<p>Strain.</p>"
    assert stored.body_blocks_en[0] == {"type": "heading", "level": 2, "text": "Causes"}
    assert (stored.revision, stored.stamp) == (2, version + 1)
    assert client.get("/api/v1/conditions/knee-pain/").json()["body"] == stored.body_html
    event = ContentEvent.objects.last()
    assert (event.kind, event.item_type, event.slug, event.revision) == (
        "updated", "condition", "knee-pain", 2
    )  # fmt: skip
    again = Condition.objects.get(slug="tennis-elbow")
    assert (again.revision, again.stamp, again.body_html) == (
        untouched.revision, untouched.stamp, untouched.body_html
    )  # fmt: skip


suggestion_index = importlib.import_module("content.migrations.0018_suggestion_index")


def test_the_suggestion_index_is_built_for_what_was_published_before_it(seed) -> None:
    def rows() -> set[tuple[object, ...]]:
        fields = ("language", "key", "item_type", "item_id", "title", "alias", "word")
        return set(Suggestion.objects.values_list(*fields))

    kept = rows()
    Suggestion.objects.all().delete()
    loader = MigrationExecutor(connection).loader
    state = loader.project_state(loader.graph.leaf_nodes("content")[0])

    suggestion_index.index_published(state.apps, None)

    assert kept  # as content.suggestions writes them on every publish
    assert rows() == kept


search_vocabulary = importlib.import_module("content.migrations.0021_search_vocabulary")


def test_the_vocabulary_is_rebuilt_as_publishing_writes_it(seed) -> None:
    kept = set(SuggestionWord.objects.values_list("language", "word"))
    SuggestionWord.objects.all().delete()
    SuggestionWord.objects.create(language="en", word="tendonitis?")  # as 0020 collected
    loader = MigrationExecutor(connection).loader
    state = loader.project_state(loader.graph.leaf_nodes("content")[0])

    search_vocabulary.rebuild_vocabulary(state.apps, None)

    assert ("en", "tennis") in kept
    assert ("fr-ca", "epicondylite") in kept  # folded, as keys are
    assert ("en", "sciatica") in kept  # a word of a search term only
    assert set(SuggestionWord.objects.values_list("language", "word")) == kept


suggestion_fallback = importlib.import_module("content.migrations.0022_suggestion_fallback")


def test_suggestions_indexed_before_say_which_names_fell_back(seed) -> None:
    untranslated(Condition.objects.get(slug="golfers-elbow"))
    tennis = Condition.objects.get(slug="tennis-elbow")
    tennis.aliases_fr_ca = []  # French name, English aliases
    content_save(item=tennis, by=None)
    kept = set(Suggestion.objects.values_list("pk", "fallback"))
    Suggestion.objects.update(fallback=False)
    loader = MigrationExecutor(connection).loader
    state = loader.project_state(loader.graph.leaf_nodes("content")[0])

    suggestion_fallback.mark_fallbacks(state.apps, None)

    assert Suggestion.objects.filter(slug="tennis-elbow", language="fr-ca", fallback=True)
    assert Suggestion.objects.filter(slug="tennis-elbow", language="fr-ca", fallback=False)
    assert set(Suggestion.objects.values_list("pk", "fallback")) == kept


vocabulary_spellings = importlib.import_module("content.migrations.0023_vocabulary_spellings")


def test_the_vocabulary_is_rebuilt_with_how_its_words_are_written(seed) -> None:
    def rows() -> set[tuple[str, str, str]]:
        return set(SuggestionWord.objects.values_list("language", "word", "spelling"))

    kept = rows()
    SuggestionWord.objects.all().delete()
    loader = MigrationExecutor(connection).loader
    state = loader.project_state(loader.graph.leaf_nodes("content")[0])

    vocabulary_spellings.rebuild_vocabulary(state.apps, None)

    assert ("fr-ca", "gelee", "gelée") in kept  # as content.suggestions writes them
    assert rows() == kept
