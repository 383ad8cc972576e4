"""Every write with a side effect (DESIGN 5: services), in six modules:

- `items`: the editorial transitions of an item (save, publish, unpublish, archive,
  approve, review a translation, delete) and what loading content files records;
- `drafts`: working copies of live items (save, discard, submit, publish's part,
  previews);
- `terms`: the taxonomies;
- `notices`: the medical disclaimer;
- `schedules`: publishing and unpublishing at a set time;
- `storing`: how each change is stored and recorded, shared by the three.

Every function is atomic and records a revision (django-reversion) with who made the
change, and a step of the editorial record. `revision` goes up on every change a
consumer can see: a published change, and every change of status. Such a change also
moves the content version and stamps the items whose representation shows it
(content.stamps). Callers import from here.
"""

from content.services.drafts import (
    content_request_changes,
    content_restored,
    content_submit,
    draft_discard,
    draft_save,
    drafts_applied,
)
from content.services.items import (
    content_approve,
    content_archive,
    content_delete,
    content_publish,
    content_save,
    content_unpublish,
    loaded_document_save,
    translation_review,
)
from content.services.notices import disclaimer_save
from content.services.schedules import content_schedule, content_unschedule
from content.services.storing import TransitionNotAllowed, content_relations_saved, content_render
from content.services.terms import taxonomy_delete, taxonomy_save

__all__ = [
    "TransitionNotAllowed",
    "content_approve",
    "content_archive",
    "content_delete",
    "content_publish",
    "content_relations_saved",
    "content_render",
    "content_request_changes",
    "content_restored",
    "content_save",
    "content_schedule",
    "content_submit",
    "content_unpublish",
    "content_unschedule",
    "disclaimer_save",
    "draft_discard",
    "draft_save",
    "drafts_applied",
    "loaded_document_save",
    "taxonomy_delete",
    "taxonomy_save",
    "translation_review",
]
