"""v1's registry: each item type as v1 serves it.

Its serializer renders the stored representations; `expandable` names the
relation fields `expand` can inline and the collection each points to.
Adding v2 adds api/v2/resources.py; nothing here changes.
"""

from __future__ import annotations

from api import querysets
from api.caching.representations import Resource
from api.v1 import serializers
from content import types

RESOURCES = {
    resource.name: resource
    for resource in (
        Resource(
            api_version="v1",
            item_type=types.CONDITION,
            serializer=serializers.ConditionV1Serializer,
            rendering_queryset=querysets.conditions_for_rendering,
            expandable={"mechanisms": "mechanisms", "faqs": "faqs", "image": "images"},
        ),
        Resource(
            api_version="v1",
            item_type=types.FAQ_TYPE,
            serializer=serializers.FaqV1Serializer,
            rendering_queryset=querysets.faqs_for_rendering,
            expandable={"conditions": "conditions", "mechanisms": "mechanisms"},
        ),
        Resource(
            api_version="v1",
            item_type=types.MECHANISM,
            serializer=serializers.MechanismV1Serializer,
            rendering_queryset=querysets.mechanisms_for_rendering,
            expandable={"conditions": "conditions", "faqs": "faqs", "image": "images"},
        ),
        Resource(
            api_version="v1",
            item_type=types.IMAGE,
            serializer=serializers.ImageV1Serializer,
            rendering_queryset=querysets.images_for_rendering,
        ),
    )
}
