"""The v1 serializers, by what they describe: items, images, body regions, other documents."""

from api.v1.serializers.documents import (
    BundleV1Serializer,
    ChangesV1Serializer,
    ChangeV1Serializer,
    DisclaimerV1Serializer,
    IndexV1Serializer,
    SearchResultV1Serializer,
    SuggestionsV1Serializer,
)
from api.v1.serializers.images import ImageV1Serializer
from api.v1.serializers.items import (
    ConditionV1Serializer,
    ContentItemV1Serializer,
    FaqV1Serializer,
    MechanismV1Serializer,
)
from api.v1.serializers.regions import BodyRegionV1Serializer

__all__ = [
    "BodyRegionV1Serializer",
    "BundleV1Serializer",
    "ChangeV1Serializer",
    "ChangesV1Serializer",
    "ConditionV1Serializer",
    "ContentItemV1Serializer",
    "DisclaimerV1Serializer",
    "FaqV1Serializer",
    "ImageV1Serializer",
    "IndexV1Serializer",
    "MechanismV1Serializer",
    "SearchResultV1Serializer",
    "SuggestionsV1Serializer",
]
