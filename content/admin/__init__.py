"""The editors' admin (DESIGN 1.5).

Every write goes through content.services: saving renders the Markdown, and
the publish / unpublish / archive actions change status and revision. Status
is never edited by hand, so nothing is published by accident. History and
restore come from django-reversion; a field per language from django-modeltranslation
(its plain admin, not the tabbed one, which loads jQuery UI from a CDN: editors
may work offline).
"""

# The modules register their ModelAdmins when content's AppConfig is ready
# (content/apps.py), not here: this package also holds the admin site class,
# which Django imports while setting up `admin.site` itself.
