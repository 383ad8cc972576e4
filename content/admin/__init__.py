"""The editors' admin (DESIGN 1.5).

Every write goes through content.services: saving renders the Markdown, and
the publish / unpublish / archive actions change status and revision. Status
is never edited by hand, so nothing is published by accident. History and
restore come from django-reversion; a field per language from django-modeltranslation
(its plain admin, not the tabbed one, which loads jQuery UI from a CDN: editors
may work offline).
"""

from django.contrib import admin

# Importing the modules registers their ModelAdmins with the site.
from content.admin import events, items, review, taxonomy

__all__ = ["events", "items", "review", "taxonomy"]

admin.site.index_template = "admin/content/index.html"
admin.site.site_header = "IMS content"
admin.site.site_title = "IMS content"
