from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from content import documents
from content.models import FAQ, BodyRegion, Condition, Mechanism, Status
from content.seed import SEED_DIRECTORY
from content.seed.exporting import EDITORIAL_RECORD_FILE, export_content
from content.seed.files import ContentFileError, read_seed
from content.seed.loading import load_content
from content.seed.planning import Action
from content.services import content_approve

pytestmark = pytest.mark.django_db


def test_every_seed_item_loads_published_with_its_relations(seed) -> None:
    assert Condition.objects.published().count() == 18
    assert FAQ.objects.published().count() == 5
    assert Mechanism.objects.published().count() == 3
    assert BodyRegion.objects.count() == 12

    tennis = Condition.objects.get(slug="tennis-elbow")
    assert tennis.category.slug == "tendon"
    assert [r.slug for r in tennis.body_regions.all()] == ["elbow"]
    assert "lateral epicondylitis" in tennis.aliases
    assert [link.mechanism.slug for link in tennis.mechanism_links.all()] == [
        "twitch-response",
        "healing-response",
    ]
    assert all(link.note for link in tennis.mechanism_links.all())
    assert tennis.body_html.startswith("<p>")
    assert tennis.revision == 1
    overview = FAQ.objects.get(slug="what-is-ims")
    assert overview.topic.slug == "about-ims"
    assert overview.mechanisms.count() == 3


def test_the_seed_has_the_pages_conditions_spelled_right(seed) -> None:
    names = set(Condition.objects.values_list("name", flat=True))

    assert {"Tennis elbow", "Golfer's elbow", "Shin splints", "Frozen shoulder"} <= names
    assert not Condition.objects.filter(name__icontains="splits").exists()
    assert Condition.objects.get(slug="frozen-shoulder").aliases[0] == "adhesive capsulitis"


def test_seed_review_metadata_is_left_pending_not_invented(seed) -> None:
    for model in (Condition, FAQ, Mechanism):
        assert not model.objects.exclude(last_reviewed=None).exists()
        assert not model.objects.exclude(reviewed_by_name="").exists()


def test_the_seeds_urgent_care_advice_is_structured_pending_and_only_where_the_page_gave_it(
    seed,
) -> None:
    headaches = Condition.objects.get(slug="headaches")
    nerve = Condition.objects.get(slug="nerve-root-compression")
    pending = {"reviewed_by": "", "reviewed_at": None}

    assert headaches.urgent_care_en == [
        {"text": "Sudden, severe or unusual headaches need prompt medical attention.", **pending}
    ]
    assert nerve.urgent_care_en == [
        {
            "text": "Rapidly worsening weakness, or changes in bladder or bowel control, need "
            "urgent medical care.",
            **pending,
        }
    ]
    # Moved out of the bodies, not copied.
    assert "medical attention" not in headaches.body
    assert "bladder" not in nerve.body
    # No reviewer approved any other statement: lower back pain has none.
    others = Condition.objects.exclude(pk__in=[headaches.pk, nerve.pk])
    assert [c.slug for c in others if c.urgent_care_en or c.urgent_care_fr_ca] == []
    assert Condition.objects.get(slug="lower-back-pain").urgent_care_en == []


def test_loading_twice_changes_nothing_and_says_so(seed, capsys) -> None:
    before = {c.pk: (c.revision, c.updated_at) for c in Condition.objects.all()}

    call_command("load_content")

    assert "Nothing to do: all 50 items are up to date." in capsys.readouterr().out
    assert {c.pk: (c.revision, c.updated_at) for c in Condition.objects.all()} == before


def test_export_writes_back_exactly_the_seed_files(seed, tmp_path: Path) -> None:
    export_content(directory=tmp_path)

    exported = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    shipped = sorted(
        p.relative_to(SEED_DIRECTORY)
        for p in SEED_DIRECTORY.rglob("*")
        if p.is_file() and not _is_code(p)
    )
    # And, beside them, the editorial record (never loaded back).
    assert exported == sorted([*shipped, Path(EDITORIAL_RECORD_FILE)])
    for relative in shipped:
        assert (tmp_path / relative).read_text() == (SEED_DIRECTORY / relative).read_text()


def test_an_edited_export_loads_back_with_nothing_lost(seed, tmp_path: Path) -> None:
    export_content(directory=tmp_path)
    condition_file = tmp_path / "conditions" / "neck-pain.md"
    # The French, the last of the front matter, replaced by other French.
    text = condition_file.read_text()
    start, end = text.index("\ntranslations:\n"), text.index("\n---\n", 4)
    text = text[:start] + text[end:]
    text = text.replace("references: []", _REFERENCES_AND_FRENCH)
    condition_file.write_text(text.replace("status: published", "status: archived"))

    report = load_content(directory=tmp_path)
    second = tmp_path / "again"
    export_content(directory=second)

    assert report.labels(Action.UPDATED) == ["condition neck-pain"]
    assert (second / "conditions" / "neck-pain.md").read_text() == condition_file.read_text()
    neck = Condition.objects.get(slug="neck-pain")
    assert neck.status == Status.ARCHIVED
    assert neck.references[0]["url"] == "https://example.test/study"
    assert neck.body_html_fr_ca == "<p>Texte <em>fr</em>.</p>"
    assert neck.translation_records["fr-ca"] == {
        "status": "human",
        "reviewed_at": "2026-11-30",
        "reviewed_by_name": "Alex Tremblay",
        "reviewed_by_credentials": "pht",
    }


def test_statements_and_their_reviews_round_trip_through_export_and_load(
    seed, reviewer, tmp_path: Path
) -> None:
    headaches = Condition.objects.get(slug="headaches")
    content_approve(item=headaches, by=reviewer)
    export_content(directory=tmp_path)
    path = tmp_path / "conditions" / "headaches.md"
    exported = path.read_text()
    today = date.today().isoformat()
    assert (
        "urgent_care:\n"
        "- text: Sudden, severe or unusual headaches need prompt medical attention.\n"
        "  reviewed_by: Dr. Reviewer, PT, IMS certified\n"
        f"  reviewed_at: '{today}'\n"
    ) in exported
    french = "- text: Les maux de tête soudains, intenses ou inhabituels nécessitent une "
    exported = exported.replace(
        french
        + "consultation médicale rapide.\n      reviewed_by: Dr. Reviewer, PT, IMS certified\n"
        f"      reviewed_at: '{today}'\n",
        "- text: Un mal de tête soudain exige des soins.\n      reviewed_by: ''\n"
        "      reviewed_at: null\n",
    )
    path.write_text(exported)

    report = load_content(directory=tmp_path, force=True)
    again = tmp_path / "again"
    export_content(directory=again)

    assert report.labels(Action.UPDATED) == ["condition headaches"]
    assert (again / "conditions" / "headaches.md").read_text() == path.read_text()
    headaches.refresh_from_db()
    assert headaches.urgent_care_en[0]["reviewed_at"] == today  # as the file has it
    assert headaches.urgent_care_fr_ca == [
        {"text": "Un mal de tête soudain exige des soins.", "reviewed_by": "", "reviewed_at": None}
    ]


# content/seed is also the package of the code that reads it: its Python
# files are not content.
_CODE = shutil.ignore_patterns("*.py", "__pycache__")
# Nor is the record of why each alias is there (tests/content/test_alias_audit.py).
AUDIT_FILE = "alias-audit.yaml"


def _is_code(path: Path) -> bool:
    return path.suffix == ".py" or "__pycache__" in path.parts or path.name == AUDIT_FILE


_FRENCH_SUMMARY = "    status: machine\n    summary: "
_REFERENCES_AND_FRENCH = """references:
- citation: Example, A. A study of neck pain. 2020.
  url: https://example.test/study
translations:
  fr-ca:
    status: human
    review:
      reviewed_at: '2026-11-30'
      reviewed_by_name: Alex Tremblay
      reviewed_by_credentials: pht
    body: Texte *fr*.
    name: Douleur au cou"""


@pytest.mark.parametrize(
    ("edit", "field", "problem"),
    [
        (("summary: ", "summary: " + "x" * 201), "summary", "200 characters"),
        (("category: ", "colour: blue\ncategory: "), "colour", "Extra inputs"),
        (("category: tendon", "category: bones"), "category", "no condition category"),
        (("slug: tennis-elbow", "slug: tennis elbow"), "slug", "pattern"),
        (
            (_FRENCH_SUMMARY, _FRENCH_SUMMARY + "y" * 201),
            "translations.fr-ca.summary",
            "200 characters",
        ),
        (
            ("  fr-ca:\n    status: machine\n", "  fr-ca:\n"),
            "translations.fr-ca",
            "say how this text was translated",
        ),
        (("status: published", "status: live"), "status", "draft"),
    ],
)
def test_a_bad_file_is_reported_by_file_and_field_and_nothing_is_loaded(
    no_content, tmp_path: Path, edit: tuple[str, str], field: str, problem: str
) -> None:
    # Into an empty database, as a first `make seed`: a file refused only when
    # saved comes after 16 conditions that were, and must be gone too.
    shutil.copytree(SEED_DIRECTORY, tmp_path, dirs_exist_ok=True, ignore=_CODE)
    path = tmp_path / "conditions" / "tennis-elbow.md"
    path.write_text(path.read_text().replace(*edit, 1))

    with pytest.raises(ContentFileError) as error:
        load_content(directory=tmp_path)

    assert error.value.path == str(path)
    assert error.value.field == field
    assert problem in error.value.problem
    assert not Condition.objects.exists()


def test_the_command_fails_with_a_clear_message(db, tmp_path: Path) -> None:
    (tmp_path / "faqs").mkdir()
    (tmp_path / "faqs" / "broken.md").write_text("no front matter here\n")

    with pytest.raises(Exception, match=r"Nothing was loaded\. .*broken\.md: must start with"):
        call_command("load_content", str(tmp_path))


def test_every_seed_item_and_term_is_in_french_marked_as_a_machine_translation() -> None:
    seed = read_seed(SEED_DIRECTORY)
    items = [*seed.conditions.values(), *seed.faqs.values(), *seed.mechanisms.values()]
    for doc in items:
        french = doc.translations["fr-ca"]
        title = "question" if isinstance(doc, documents.Faq) else "name"
        assert french.status == "machine", doc.slug  # no human translator wrote it
        assert french.review is None, doc.slug  # nor has anyone reviewed it yet
        assert all(getattr(french, field) for field in (title, "summary", "body")), doc.slug
    for condition in seed.conditions.values():
        assert all(link.translations["fr-ca"].note for link in condition.mechanisms)
        # Every statement of the English has its French.
        assert len(condition.translations["fr-ca"].urgent_care) == len(condition.urgent_care)
    taxonomy = seed.taxonomy
    for term in [*taxonomy.body_regions, *taxonomy.condition_categories, *taxonomy.faq_topics]:
        assert term.translations["fr-ca"].name, term.slug
        assert term.translations["fr-ca"].description, term.slug
