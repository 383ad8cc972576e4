"""Images in an S3-compatible bucket (issue 20): the same upload and renditions through
django-storages, against moto's S3 server on loopback (an emulator of the S3 API over
real HTTP: not AWS, not MinIO), and the renditions read back from its URLs."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator

import boto3
import pytest
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer

from content.models import Image, Rendition
from content.services import content_save, images
from tests.pictures import picture

pytestmark = pytest.mark.django_db
BUCKET = "clinic-images"
# The bucket policy docs/operating.md gives: anyone may read renditions, not originals.
PUBLIC_RENDITIONS = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "RenditionsArePublic",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/images/*",
        }
    ],
}


@pytest.fixture
def bucket(settings, monkeypatch) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """An S3 server on loopback with an empty bucket, as MEDIA_S3_* configure it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for name, value in [
        ("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
    ]:  # fmt: skip
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=endpoint)
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_RENDITIONS))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET, "endpoint_url": endpoint, "querystring_auth": False,
                "default_acl": None,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
    }  # fmt: skip
    yield endpoint
    server.stop()


def test_an_upload_and_its_renditions_go_to_the_bucket_and_are_served_from_it(
    bucket: str, django_capture_on_commit_callbacks
) -> None:
    stored = images.image_upload(file=picture(700, 500))
    image = Image(name_en="IMS needles", slug="ims-needles", alt_en="Fine needles in a tray.")
    image.file, image.width, image.height = stored.name, stored.width, stored.height

    with django_capture_on_commit_callbacks(execute=True):
        content_save(item=image, by=None)

    keys = {
        entry["Key"]
        for entry in boto3.client("s3", endpoint_url=bucket).list_objects_v2(Bucket=BUCKET)[
            "Contents"
        ]
    }
    made = Rendition.objects.filter(source=stored.name)
    assert keys == {stored.name, *(r.file for r in made)}
    webp = made.get(crop="", format="webp", width=640)
    url = default_storage.url(webp.file)
    assert url == f"{bucket}/{BUCKET}/{webp.file}"
    with urllib.request.urlopen(url) as response:
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.read()[8:12] == b"WEBP"
    # The original, as uploaded (EXIF and all), is not readable without credentials.
    with pytest.raises(urllib.error.HTTPError, match="403"):
        urllib.request.urlopen(default_storage.url(stored.name))
