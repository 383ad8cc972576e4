"""What history (django-reversion) records of content: every column an editor writes,
each language's too, and a condition's mechanism links with it.

Registered when content's app is ready, not where the models are defined: a
model's columns per language are added by django-modeltranslation (an earlier
app) after the model class exists, and django-reversion takes the list of
columns to record when a model is registered. Registered earlier, history
kept only the English value of a translated field, and restoring an old
version could not bring back its French.
"""

from __future__ import annotations

import reversion

from content.models import FAQ, Condition, ConditionMechanism, Disclaimer, Image, Mechanism

# Derived on save (content.search): history keeps only what editors wrote.
NOT_VERSIONED = ("search_text", "search_vector")


def register() -> None:
    """Register the editorial models with django-reversion (before their admins, which
    would otherwise register them with the defaults)."""
    reversion.register(Mechanism, exclude=NOT_VERSIONED)
    reversion.register(Condition, follow=("mechanism_links",), exclude=NOT_VERSIONED)
    reversion.register(ConditionMechanism)
    reversion.register(FAQ, exclude=NOT_VERSIONED)
    reversion.register(Image, exclude=NOT_VERSIONED)
    reversion.register(Disclaimer)
