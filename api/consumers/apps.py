from django.apps import AppConfig


class ConsumersConfig(AppConfig):
    """API clients: their keys, rate limits and CORS origins (DESIGN 2.8)."""

    name = "api.consumers"
    # The label the ApiClient table and migrations were created under.
    label = "api"
    verbose_name = "API clients"

    def ready(self) -> None:
        from corsheaders.signals import check_request_enabled

        from api.consumers.cors import origin_of_an_active_client

        # corsheaders' own extension point for origins that live in the database.
        check_request_enabled.connect(origin_of_an_active_client, dispatch_uid="api-client-origins")
