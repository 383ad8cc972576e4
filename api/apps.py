from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from corsheaders.signals import check_request_enabled

        from api import warming
        from api.cors import origin_of_an_active_client
        from api.v1.views import RESOURCES
        from api.views import CACHE_PREFIX
        from content.versions import version_moved

        # corsheaders' own extension point for origins that live in the database.
        check_request_enabled.connect(origin_of_an_active_client, dispatch_uid="api-client-origins")
        # Publishing renders what it changed for v1's readers (api/warming.py).
        version_moved.connect(
            warming.receiver(RESOURCES, prefix=CACHE_PREFIX), weak=False, dispatch_uid="api-v1-warm"
        )
