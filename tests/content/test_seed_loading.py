"""Loading never undoes editors (DESIGN 1.4): deleted items stay deleted, edited items stay as
edited, a dry run writes nothing, and starting the service loads only into an empty database."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from reversion.models import Version

from content import versions
from content.models import FAQ, BodyRegion, Condition, Deletion, LoadedDocument, Status
from content.seed import SEED_DIRECTORY
from content.seed.files import ContentFileError
from content.seed.loading import load_content
from content.seed.planning import Action
from content.services import (
    content_archive,
    content_delete,
    content_save,
    content_unpublish,
    taxonomy_delete,
    taxonomy_save,
)
from tests.admin import form_data

pytestmark = pytest.mark.django_db

PROJECT = SEED_DIRECTORY.parents[1]
NEW_ID = "6f1c2a8e-0d4b-4c55-9a8e-2b7f3c1d9e01"


@pytest.mark.parametrize("archived_first", [False, True], ids=["published", "archived"])
def test_an_item_deleted_through_the_services_is_not_created_again(
    seed, editor, capsys, archived_first: bool
) -> None:
    headaches = Condition.objects.get(slug="headaches")
    pk = headaches.pk
    if archived_first:
        # Deleting an archived item leaves no event in the public changes feed.
        headaches = content_archive(item=headaches, by=editor)
    content_delete(item=headaches, by=editor)

    call_command("load_content")

    assert not Condition.objects.filter(pk=pk).exists()
    deleted_on = f"{Deletion.objects.get(pk=pk).at:%Y-%m-%d}"
    assert (
        f"skipped condition headaches: deleted here on {deleted_on} by editor; "
        f"--restore {pk} brings it back\n"
    ) in capsys.readouterr().out


def test_an_item_deleted_in_the_admin_is_not_created_again(seed, client, editor) -> None:
    client.force_login(editor)
    headaches = Condition.objects.get(slug="headaches")

    response = client.post(
        reverse("admin:content_condition_delete", args=[headaches.pk]), {"post": "yes"}
    )
    plan = load_content(directory=SEED_DIRECTORY)

    assert response.status_code == 302
    assert plan.labels(Action.DELETED) == ["condition headaches"]
    assert not Condition.objects.filter(pk=headaches.pk).exists()


def test_restore_brings_a_deleted_item_back_as_its_file_has_it(seed, editor, capsys) -> None:
    headaches = Condition.objects.get(slug="headaches")
    content_delete(item=headaches, by=editor)

    call_command("load_content", "--force")
    assert not Condition.objects.filter(pk=headaches.pk).exists()
    call_command("load_content", "--restore", str(headaches.pk))

    restored = Condition.objects.get(pk=headaches.pk)
    assert (restored.status, restored.summary) == (Status.PUBLISHED, headaches.summary)
    assert not Deletion.objects.filter(pk=headaches.pk).exists()
    assert "created condition headaches: restored, deleted here on" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("restore", "problem"),
    [
        (NEW_ID, f"has no item or term with the id {NEW_ID}"),
        ("80589cf3-8ccf-4e92-9670-ee0be7001aad", r"condition neck-pain \(.*\) is not deleted"),
    ],
)
def test_restore_refuses_an_id_it_cannot_restore(seed, restore: str, problem: str) -> None:
    with pytest.raises(CommandError, match=f"Nothing was loaded. .*{problem}"):
        call_command("load_content", "--restore", restore)


def test_a_new_item_naming_a_deleted_one_says_how_to_bring_it_back(
    seed, editor, tmp_path: Path
) -> None:
    _copy_seed(tmp_path)
    headaches = Condition.objects.get(slug="headaches")
    content_delete(item=headaches, by=editor)
    faq = (tmp_path / "faqs" / "what-is-a-trigger-point.md").read_text()
    faq = faq.replace("slug: what-is-a-trigger-point", "slug: new-faq").replace(
        "conditions:", "conditions:\n- headaches", 1
    )
    (tmp_path / "faqs" / "new-faq.md").write_text(_with_id(faq, NEW_ID))

    with pytest.raises(ContentFileError, match=f"--restore {headaches.pk} brings it back"):
        load_content(directory=tmp_path)


def test_an_edited_item_is_skipped_and_overwritten_only_with_force(seed, editor, capsys) -> None:
    neck = Condition.objects.get(slug="neck-pain")
    shipped = neck.summary
    neck.summary = "Rewritten by an editor."
    content_save(item=neck, by=editor)

    call_command("load_content")
    assert Condition.objects.get(pk=neck.pk).summary == "Rewritten by an editor."
    call_command("load_content", "--force")

    assert Condition.objects.get(pk=neck.pk).summary == shipped
    out = capsys.readouterr().out
    assert (
        "skipped condition neck-pain: edited here since it was loaded (summary, review); "
        "--force overwrites it\n"
    ) in out
    assert (
        "updated condition neck-pain: edited here since it was loaded (summary, review); "
        "overwritten (--force)\n"
    ) in out


def test_an_approved_statement_counts_as_edited_here_and_force_puts_the_file_back(
    seed, editor, capsys
) -> None:
    headaches = Condition.objects.get(slug="headaches")
    content_save(item=headaches, by=editor)  # editor is a reviewer: a live change approves

    call_command("load_content")
    assert Condition.objects.get(pk=headaches.pk).urgent_care_en[0]["reviewed_by"]
    call_command("load_content", "--force")

    assert Condition.objects.get(pk=headaches.pk).urgent_care_en[0]["reviewed_by"] == ""
    assert (
        "skipped condition headaches: edited here since it was loaded (review, urgent_care, "
        "translations); --force overwrites it\n"
    ) in capsys.readouterr().out


def test_archived_and_unpublished_items_stay_so(seed, editor) -> None:
    content_archive(item=Condition.objects.get(slug="headaches"), by=editor)
    content_unpublish(item=FAQ.objects.get(slug="what-is-ims"), by=editor)

    plan = load_content(directory=SEED_DIRECTORY)

    assert Condition.objects.get(slug="headaches").status == Status.ARCHIVED
    assert FAQ.objects.get(slug="what-is-ims").status == Status.DRAFT
    assert plan.labels(Action.EDITED) == ["condition headaches", "FAQ what-is-ims"]


def test_a_changed_file_updates_an_item_nobody_changed_here(seed, tmp_path: Path) -> None:
    _copy_seed(tmp_path)
    _edit(
        tmp_path / "conditions" / "neck-pain.md", "name: Neck pain", "name: Neck and shoulder pain"
    )

    plan = load_content(directory=tmp_path)

    assert plan.labels(Action.UPDATED) == ["condition neck-pain"]
    assert Condition.objects.get(slug="neck-pain").name == "Neck and shoulder pain"
    assert not load_content(directory=tmp_path).changed


def test_an_item_that_differs_from_its_file_without_a_record_counts_as_edited(
    seed, tmp_path: Path
) -> None:
    # Loaded before loading kept records: whether an editor changed it is not known.
    _copy_seed(tmp_path)
    _edit(
        tmp_path / "conditions" / "neck-pain.md", "name: Neck pain", "name: Neck and shoulder pain"
    )
    neck = Condition.objects.get(slug="neck-pain")
    LoadedDocument.objects.filter(pk=neck.pk).delete()

    plan = load_content(directory=tmp_path)

    assert [step.line for step in plan.steps if step.action != Action.UNCHANGED] == [
        "skipped condition neck-pain: differs from its file (name) and was not loaded as it is; "
        "--force overwrites it"
    ]
    assert Condition.objects.get(pk=neck.pk).name == "Neck pain"


def test_terms_edited_or_deleted_here_are_left_so(seed, editor) -> None:
    elbow = BodyRegion.objects.get(slug="elbow")
    elbow.name = "Elbow and forearm"
    taxonomy_save(term=elbow, by=editor)
    taxonomy_delete(term=BodyRegion.objects.get(slug="jaw"), by=editor)

    plan = load_content(directory=SEED_DIRECTORY)

    assert BodyRegion.objects.get(slug="elbow").name == "Elbow and forearm"
    assert not BodyRegion.objects.filter(slug="jaw").exists()
    assert plan.labels(Action.DELETED) == ["body region jaw"]
    # Taken off the conditions it grouped: an editor's change to them too.
    assert plan.labels(Action.EDITED) == ["body region elbow", "condition tmj-jaw-pain"]


def test_keep_existing_creates_what_is_missing_and_updates_nothing(seed, tmp_path: Path) -> None:
    _copy_seed(tmp_path)
    _edit(
        tmp_path / "conditions" / "neck-pain.md", "name: Neck pain", "name: Neck and shoulder pain"
    )
    # Gone without a trace, as deleting left none before deletions were remembered.
    Condition.objects.filter(slug="headaches").delete()

    plan = load_content(directory=tmp_path, keep_existing=True)

    assert plan.labels(Action.CREATED) == ["condition headaches"]
    assert plan.labels(Action.KEPT) == ["condition neck-pain"]
    assert Condition.objects.get(slug="neck-pain").name == "Neck pain"


def test_a_dry_run_reports_every_kind_of_step_and_writes_nothing(
    seed, editor, tmp_path: Path, capsys
) -> None:
    _copy_seed(tmp_path)
    _edit(
        tmp_path / "conditions" / "tennis-elbow.md",
        "name: Tennis elbow",
        "name: Tennis elbow (lateral)",
    )
    whiplash = (
        (tmp_path / "conditions" / "neck-pain.md")
        .read_text()
        .replace("slug: neck-pain", "slug: whiplash")
    )
    (tmp_path / "conditions" / "whiplash.md").write_text(_with_id(whiplash, NEW_ID))
    neck = Condition.objects.get(slug="neck-pain")
    neck.summary = "Rewritten by an editor."
    content_save(item=neck, by=editor)
    headaches = Condition.objects.get(slug="headaches")
    content_delete(item=headaches, by=editor)
    # Unchanged, and without a record that a real run would write.
    LoadedDocument.objects.filter(pk=Condition.objects.get(slug="shin-splints").pk).delete()
    database, version = connection.creation.serialize_db_to_string(), versions.stored()

    call_command("load_content", str(tmp_path), "--dry-run")

    deleted_on = f"{Deletion.objects.get(pk=headaches.pk).at:%Y-%m-%d}"
    assert capsys.readouterr().out.splitlines() == [
        f"skipped condition headaches: deleted here on {deleted_on} by editor; "
        f"--restore {headaches.pk} brings it back",
        "skipped condition neck-pain: edited here since it was loaded (summary, review); "
        "--force overwrites it",
        "updated condition tennis-elbow",
        "created condition whiplash",
        f"Dry run of {tmp_path}, nothing written: 1 created, 1 updated, 1 skipped as edited, "
        "1 skipped as deleted, 47 unchanged.",
    ]
    assert connection.creation.serialize_db_to_string() == database
    assert versions.stored() == version


def test_start_up_loads_the_seed_into_an_empty_database(no_content, capsys) -> None:
    call_command("load_content", "--if-empty")

    assert Condition.objects.published().count() == 18
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"Loaded {SEED_DIRECTORY}: 50 created, 0 updated, 0 unchanged."
    )


def test_start_up_leaves_a_database_with_content_alone(seed, editor, capsys) -> None:
    content_delete(item=Condition.objects.get(slug="headaches"), by=editor)
    content_archive(item=Condition.objects.get(slug="neck-pain"), by=editor)
    database = connection.creation.serialize_db_to_string()

    call_command("load_content", "--if-empty")

    assert capsys.readouterr().out == (
        "Content not loaded: the database already holds 26 content items "
        "(--if-empty loads only into an empty one).\n"
    )
    assert connection.creation.serialize_db_to_string() == database


@pytest.mark.parametrize("path", ["Makefile", "docker/entrypoint.sh"])
def test_starting_the_service_loads_content_with_if_empty(path: str) -> None:
    lines = (PROJECT / path).read_text().splitlines()

    calls = [line.split("manage.py ")[1] for line in lines if "manage.py load_content" in line]

    assert calls == ["load_content --if-empty"]


def test_items_deleted_before_deletions_were_remembered_are_found_in_their_history(seed) -> None:
    migration = importlib.import_module(
        "content.migrations.0009_remember_deletions_and_loaded_documents"
    )
    headaches = Condition.objects.get(slug="headaches")
    # As content_delete did: the item goes, its history stays.
    Condition.objects.filter(pk=headaches.pk).delete()

    migration.remember_earlier_deletions(apps, None)

    assert list(Deletion.objects.values_list("pk", "kind", "slug")) == [
        (headaches.pk, "condition", "headaches")
    ]


def _copy_seed(directory: Path) -> None:
    # content/seed is also the package of the code that reads it.
    ignore = shutil.ignore_patterns("*.py", "__pycache__")
    shutil.copytree(SEED_DIRECTORY, directory, dirs_exist_ok=True, ignore=ignore)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _with_id(text: str, new_id: str) -> str:
    """An item file's text as a new item's: `text` with its `id` line replaced."""
    lines = text.split("\n")
    return "\n".join(f"id: {new_id}" if line.startswith("id: ") else line for line in lines)


def test_an_item_recovered_in_the_admin_is_no_longer_remembered_as_deleted(
    seed, client, editor
) -> None:
    client.force_login(editor)
    headaches = Condition.objects.get(slug="headaches")
    pk = headaches.pk
    content_delete(item=headaches, by=editor)
    version = Version.objects.get_for_object_reference(Condition, pk).first()
    url = reverse("admin:content_condition_recover", args=[version.pk])

    response = client.post(url, form_data(client.get(url)))

    assert response.status_code == 302
    assert Condition.objects.filter(pk=pk).exists()
    assert not Deletion.objects.filter(pk=pk).exists()
