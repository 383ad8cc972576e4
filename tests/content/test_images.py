"""Images (issue 20, DESIGN 1.6): uploads checked by their content, stored once,
made into upright renditions without EXIF, cropped around the focal point, served
as immutable; an image is live only with a picture and its renditions."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db.models import ProtectedError
from PIL import Image as Pillow

from content.models import Condition, Image, Rendition
from content.renditions import formats
from content.seed.exporting import export_content
from content.services import content_delete, content_publish, content_save, images
from tests.admin import change_url, form_data
from tests.pictures import claiming, picture
from tests.tasks import DATABASE_TASKS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def _image(upload=None, **fields) -> Image:  # type: ignore[no-untyped-def]
    """A new draft image, with the picture `upload` when given."""
    image = Image(name_en="IMS needles", slug="ims-needles", alt_en="Fine needles in a tray.")
    if upload is not None:
        stored = images.image_upload(file=upload)
        image.file, image.width, image.height = stored.name, stored.width, stored.height
    for name, value in fields.items():
        setattr(image, name, value)
    return image


def _saved(image: Image, django_capture_on_commit_callbacks) -> Image:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        return content_save(item=image, by=None)


def _opened(rendition: Rendition) -> Pillow.Image:
    with default_storage.open(rendition.file) as stored:
        return Pillow.open(io.BytesIO(stored.read()))


def test_a_photo_is_made_upright_into_every_width_and_format_without_its_exif(
    django_capture_on_commit_callbacks,
) -> None:
    # Taken sideways (EXIF orientation 6: turn it a quarter clockwise), with a position.
    upload = picture(1200, 800, orientation=6, located=True)

    image = _saved(_image(upload), django_capture_on_commit_callbacks)

    assert (image.width, image.height) == (800, 1200)
    assert image.file.name.startswith("originals/")
    assert image.file.name.endswith(".jpg")
    made = Rendition.objects.filter(source=image.file.name)
    # No wider than the picture: 320 and 640 of the default 320, 640, 1024, 1600.
    assert {(r.format, r.width) for r in made.filter(crop="")} == {
        (kind, width) for kind in formats() for width in (320, 640)
    }
    assert {r.crop for r in made} == {"", "16:9", "1:1"}
    for rendition in made:
        opened = _opened(rendition)
        assert not opened.getexif(), rendition.file
        assert opened.size == (rendition.width, rendition.height)
        assert opened.format.lower() == rendition.format
    upright = _opened(made.get(crop="", format="jpeg", width=640))
    assert upright.size == (640, 960)
    # The band on the right of the sensor is at the bottom of the turned photo.
    red, green, _ = upright.convert("RGB").getpixel((320, 955))
    assert red > 150
    assert green < 100


def test_a_crop_keeps_the_focal_point_in_frame(django_capture_on_commit_callbacks) -> None:
    image = _saved(_image(picture(1600, 900), focal_x=0.1), django_capture_on_commit_callbacks)
    left = _opened(Rendition.objects.get(crop="1:1", focus="0.10,0.50", format="jpeg", width=640))

    image.focal_x = 0.95
    _saved(image, django_capture_on_commit_callbacks)
    right = _opened(Rendition.objects.get(crop="1:1", focus="0.95,0.50", format="jpeg", width=640))

    # The red band is the picture's right tenth: in the square around x = 0.95 only.
    assert left.size == right.size == (640, 640)
    assert left.convert("RGB").getpixel((630, 320))[1] > 200
    assert right.convert("RGB").getpixel((630, 320))[1] < 100


def test_the_same_picture_is_stored_and_rendered_once(django_capture_on_commit_callbacks) -> None:
    first = _saved(_image(picture(700, 500)), django_capture_on_commit_callbacks)
    second = _image(picture(700, 500), slug="ims-needles-again")
    second = _saved(second, django_capture_on_commit_callbacks)

    assert first.file.name == second.file.name
    assert Rendition.objects.filter(source=first.file.name, crop="").count() == 2 * len(formats())


BAD_UPLOADS = [
    (lambda: picture(name="notes.jpg", format="GIF"), "This is a GIF file: upload a JPEG, PNG"),
    (lambda: claiming(40_000, 40_000), "This picture has so many pixels, over the 50 million"),
    (lambda: claiming(8_000, 8_000), "This picture has 8,000 by 8,000 pixels, over the 50 million"),
]


@pytest.mark.parametrize(("upload", "message"), BAD_UPLOADS)
def test_a_bad_upload_is_refused_saying_why(upload, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        images.image_upload(file=upload())

    assert message in refused.value.messages[0]
    assert not default_storage.exists("originals")


def test_text_named_like_a_photo_is_not_a_picture() -> None:
    upload = picture()
    upload.file = io.BytesIO(b"<svg onload=alert(1)>not a picture</svg>")

    with pytest.raises(ValidationError, match="This file is not a picture we can read"):
        images.image_upload(file=upload)


def test_a_photo_cut_short_is_refused() -> None:
    whole = picture(900, 600).read()
    cut = picture()
    cut.file = io.BytesIO(whole[: len(whole) // 2])

    with pytest.raises(ValidationError, match="damaged or cut short"):
        images.image_upload(file=cut)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read_as_a_picture(settings) -> None:
    settings.IMAGE_MAX_UPLOAD_MB = 1
    huge = picture()
    huge.file = io.BytesIO(b"\xff" * (1024 * 1024 + 1))

    with pytest.raises(ValidationError, match="This file is over 1 MB"):
        images.image_upload(file=huge)


def test_an_image_goes_live_only_with_a_picture_and_its_renditions(
    settings, editor, django_capture_on_commit_callbacks
) -> None:
    awaiting = content_save(item=_image(), by=None)
    with pytest.raises(ValidationError, match="This image awaits a picture"):
        content_publish(item=awaiting, by=editor)

    # Renditions wait for a worker (none runs here): not live yet.
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        uploaded = _image(picture(640, 480), slug="ims-tray")
        content_save(item=uploaded, by=None)
    with pytest.raises(ValidationError, match="renditions are still being made"):
        content_publish(item=uploaded, by=editor)
    assert Image.objects.get(slug="ims-tray").status == "draft"


def test_an_editor_uploads_an_image_with_its_alt_text_and_sees_it(
    client, writer, django_capture_on_commit_callbacks
) -> None:
    client.force_login(writer)
    form = {
        "name_en": "IMS needles", "slug": "ims-needles", "position": "0",
        "focal_x": "0.5", "focal_y": "0.5", "file": picture(900, 600),
    }  # fmt: skip

    refused = client.post("/admin/content/image/add/", form)
    with django_capture_on_commit_callbacks(execute=True):
        added = client.post(
            "/admin/content/image/add/",
            {**form, "file": picture(900, 600), "alt_en": "Fine needles in a steel tray."},
        )

    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()
    assert added.status_code == 302, added.content.decode()[:2000]
    image = Image.objects.get(slug="ims-needles")
    assert (image.width, image.height, image.status) == (900, 600, "draft")
    page = client.get(change_url(image)).content.decode()
    preview = Rendition.objects.get(source=image.file.name, crop="", format="jpeg", width=320)
    assert f'src="/media/{preview.file}" alt="Fine needles in a steel tray."' in page
    served = client.get(f"/media/{preview.file}", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "public, max-age=31536000, immutable"
    # A JPEG is compressed already: it is sent as it is, not gzipped again.
    assert "Content-Encoding" not in served
    assert len(b"".join(served.streaming_content)) == preview.bytes
    # The original, with whatever EXIF it came with, is not served.
    assert client.get(f"/media/{image.file.name}").status_code == 404


def test_a_new_picture_for_a_live_image_waits_in_its_working_copy(
    client, editor, django_capture_on_commit_callbacks
) -> None:
    live = _saved(_image(picture(700, 500)), django_capture_on_commit_callbacks)
    content_publish(item=live, by=editor)
    client.force_login(editor)
    form = form_data(client.get(change_url(live)))

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(change_url(live), {**form, "file": picture(1000, 500, right=(0, 0, 0))})

    assert saved.status_code == 302
    still = Image.objects.get(pk=live.pk)
    assert still.file.name == live.file.name
    replacement = {r.source for r in Rendition.objects.all()} - {live.file.name}
    assert len(replacement) == 1  # made for the working copy, before it is published
    content_publish(item=still, by=editor)
    assert Image.objects.get(pk=live.pk).file.name == replacement.pop()


def test_an_image_an_item_shows_is_kept_and_its_changes_reach_the_item(
    seed, editor, django_capture_on_commit_callbacks
) -> None:
    image = _saved(_image(picture(700, 500)), django_capture_on_commit_callbacks)
    content_publish(item=image, by=editor)
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.image = image
    content_save(item=condition, by=None)

    with pytest.raises(ProtectedError):
        content_delete(item=Image.objects.get(pk=image.pk), by=editor)
    image = Image.objects.get(pk=image.pk)
    image.caption_en = "Needles are single-use and sterile."
    content_save(item=image, by=None)

    # What the condition shows of its image changed: it is stamped with the image.
    assert Condition.objects.get(slug="tennis-elbow").stamp == image.stamp


def test_the_clinic_pages_picture_is_seeded_awaiting_its_upload(seed, editor) -> None:
    tools = Image.objects.get(slug="ims-tools")

    # The page's own words for it; no picture is made up (DESIGN 1.6).
    assert tools.alt_en == "Image of IMS (intramuscular Stimulation) tools."
    assert (tools.status, tools.file.name) == ("draft", "")
    with pytest.raises(ValidationError, match="This image awaits a picture"):
        content_publish(item=tools, by=editor)


def test_a_lead_image_is_written_to_the_content_files_by_its_slug(seed, tmp_path) -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.image = Image.objects.get(slug="ims-tools")
    content_save(item=condition, by=None)

    export_content(directory=tmp_path)

    written = (tmp_path / "conditions" / "tennis-elbow.md").read_text()
    assert "\nimage: ims-tools\n" in written
    assert "image:" not in (tmp_path / "conditions" / "golfers-elbow.md").read_text()
    assert (tmp_path / "images" / "ims-tools.md").exists()
