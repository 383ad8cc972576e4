from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Content"
    default_auto_field = "django.db.models.BigAutoField"
    default = True

    def ready(self) -> None:
        from content import history

        # History first: the admins below would register their models otherwise.
        history.register()
        # Registers the editors' ModelAdmins with the admin site.
        from content.admin import (  # noqa: F401
            events,
            images,
            items,
            notices,
            review,
            reviewers,
            schedules,
            taxonomy,
        )


class ContentAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the editors' site (content/admin/site.py)."""

    default = False
    default_site = "content.admin.site.ContentAdminSite"
