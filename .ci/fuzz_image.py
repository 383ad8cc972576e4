"""Publish one image with a generated picture for `make fuzz` (.ci/fuzz): the seed's
image awaits its picture, so without it the images endpoints would answer only 404s
and 400s. Run with manage.py shell, after load_content."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as Pillow

from content.models import Image
from content.services import content_publish, content_save, images

buffer = io.BytesIO()
Pillow.new("RGB", (800, 600), (200, 200, 210)).save(buffer, format="PNG")
stored = images.image_upload(file=SimpleUploadedFile("tray.png", buffer.getvalue()))
image = Image.objects.filter(slug="fuzz-tray").first() or Image(slug="fuzz-tray")
image.name_en, image.alt_en = "A tray (generated)", "A plain grey rectangle."
image.file, image.width, image.height = stored.name, stored.width, stored.height
content_save(item=image, by=None)
# The renditions the save enqueued, made as a worker makes them.
call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
content_publish(item=Image.objects.get(slug="fuzz-tray"), by=None)
