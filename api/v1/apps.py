from django.apps import AppConfig


class V1Config(AppConfig):
    """Version 1 of the API: what it registers at start-up."""

    name = "api.v1"
    label = "api_v1"
    verbose_name = "API v1"

    def ready(self) -> None:
        from api.caching import edge, warming
        from api.v1 import links
        from api.v1.resources import RESOURCES
        from api.webhooks import tasks as webhooks
        from content.versions import version_moved

        # Publishing has a worker render what it changed for v1's readers
        # (api/caching/warming.py).
        version_moved.connect(
            warming.receiver("v1", RESOURCES), weak=False, dispatch_uid="api-v1-warm"
        )
        # An edge cache in front forgets what a change made stale (api/caching/edge.py).
        version_moved.connect(edge.receiver, weak=False, dispatch_uid="api-edge-purge")
        # Webhook deliveries carry v1's item URLs.
        webhooks.register("v1", links.item_url)
