from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from corsheaders.signals import check_request_enabled

        from api.cors import origin_of_an_active_client

        # corsheaders' own extension point for origins that live in the database.
        check_request_enabled.connect(origin_of_an_active_client, dispatch_uid="api-client-origins")
