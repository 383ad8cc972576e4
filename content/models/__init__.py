"""The content model (DESIGN 1.1 to 1.3, 1.6).

Four editorial types (Condition, FAQ, Mechanism, and Image in `images.py`
with the renditions of its files) share `ContentItem` (`items.py`); three
taxonomies (BodyRegion, ConditionCategory, FaqTopic) share `Taxonomy`
(`taxonomy.py`); `changes.py` holds what records a change a
consumer can see (the content version and the event feed); `drafts.py` the
working copies of live items; `audit.py` the editorial record and what
waits for review; `notices.py` the medical disclaimer; `provenance.py`
what loading content files needs to leave editors' work alone (what was
deleted here, what was last loaded); `reviewers.py` who may approve clinical
content and how they are credited; `schedules.py` what is to be published or
unpublished at a set time; `suggestions.py` the narrow index that
search-as-you-type reads. Text fields are translated by
django-modeltranslation (see `content/translation.py`): each gets a column per
language and falls back to English field by field.

Models hold data and the invariants the database can enforce. Every write with
a side effect (rendering Markdown, publishing, bumping the revision) is a
function in `content/services.py`.
"""

from content.models.audit import EditorialEvent, Submission
from content.models.changes import ContentEvent, ContentVersion
from content.models.drafts import Draft
from content.models.images import Image, Rendition
from content.models.items import (
    FAQ,
    Condition,
    ConditionMechanism,
    ContentItem,
    Mechanism,
    Status,
)
from content.models.notices import Disclaimer
from content.models.provenance import Deletion, LoadedDocument
from content.models.reviewers import ReviewerProfile
from content.models.schedules import Schedule
from content.models.suggestions import Suggestion, SuggestionWord
from content.models.taxonomy import BodyRegion, ConditionCategory, FaqTopic, Taxonomy

__all__ = [
    "FAQ",
    "BodyRegion",
    "Condition",
    "ConditionCategory",
    "ConditionMechanism",
    "ContentEvent",
    "ContentItem",
    "ContentVersion",
    "Deletion",
    "Disclaimer",
    "Draft",
    "EditorialEvent",
    "FaqTopic",
    "Image",
    "LoadedDocument",
    "Mechanism",
    "Rendition",
    "ReviewerProfile",
    "Schedule",
    "Status",
    "Submission",
    "Suggestion",
    "SuggestionWord",
    "Taxonomy",
]
