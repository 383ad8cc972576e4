"""Render the stored bodies again: a `# Heading` is now an h2 (content.rendering).

It was stored as bare text in `html` and as a level-1 `heading` block, which
BodyBlockV1 does not allow. Only items whose renditions change are written. A
published one changes as any change a consumer can see does (content.services):
its revision goes up, its stamp takes the new content version (its stored
representations are not read again) and the changes feed says "updated", so
that partners who keep bodies fetch it again. The plain text is the same as
before, so the search index is too.
"""

from django.db import migrations
from django.db.models import F
from django.utils import timezone

from content.rendering import render_markdown

DEFAULT_LANGUAGE, *TRANSLATIONS = LANGUAGES = ("en", "fr_ca")
# Model -> its name in the changes feed (content.types).
ITEM_TYPES = {"Condition": "condition", "FAQ": "faq", "Mechanism": "mechanism"}


def _rendered(item):
    """The fields whose stored renditions differ from what rendering makes now, set on `item`."""
    changed = []
    for language in LANGUAGES:
        source = getattr(item, f"body_{language}")
        if language in TRANSLATIONS and not source:
            continue  # no translation: no renditions, reads fall back to English
        rendition = render_markdown(source or "")
        for form in ("html", "text", "blocks"):
            name = f"body_{form}_{language}"
            value = getattr(rendition, form)
            if getattr(item, name) != value:
                default = language == DEFAULT_LANGUAGE
                if default and getattr(item, f"body_{form}") == getattr(item, name):
                    # modeltranslation's own column holds the default language's value.
                    setattr(item, f"body_{form}", value)
                    changed.append(f"body_{form}")
                setattr(item, name, value)
                changed.append(name)
    return changed


def render_again(apps, schema_editor):
    ContentVersion = apps.get_model("content", "ContentVersion")
    ContentEvent = apps.get_model("content", "ContentEvent")
    stamp = None
    for model_name, item_type in ITEM_TYPES.items():
        model = apps.get_model("content", model_name)
        for item in model._base_manager.order_by("pk"):
            changed = _rendered(item)
            if not changed:
                continue
            if item.status == "published":
                if stamp is None:
                    ContentVersion.objects.get_or_create(pk=1)
                    ContentVersion.objects.filter(pk=1).update(
                        value=F("value") + 1, changed_at=timezone.now()
                    )
                    stamp = ContentVersion.objects.get(pk=1).value
                item.revision += 1
                item.stamp = stamp
                item.updated_at = timezone.now()
                changed += ["revision", "stamp", "updated_at"]
                ContentEvent.objects.create(
                    kind="updated",
                    item_type=item_type,
                    item_id=item.pk,
                    slug=item.slug,
                    revision=item.revision,
                )
            item.save(update_fields=changed)


class Migration(migrations.Migration):

    dependencies = [
        ("content", "0009_remember_deletions_and_loaded_documents"),
    ]

    operations = [
        migrations.RunPython(render_again, migrations.RunPython.noop),
    ]
