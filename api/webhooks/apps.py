from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Webhooks for API clients (DESIGN 2.10): the changes feed's events, pushed."""

    name = "api.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from api.webhooks import tasks
        from content.versions import version_moved

        # After every committed change: the events it appended, to each subscriber.
        version_moved.connect(tasks.changed, weak=False, dispatch_uid="webhooks-dispatch")
