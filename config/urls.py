from django.contrib import admin
from django.urls import include, path

from content.admin import review_due_view

urlpatterns = [
    path("admin/review-due/", admin.site.admin_view(review_due_view), name="review-due"),
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
    path("", include("config.clients")),
]

# Under /api/ and the health endpoints, errors are application/problem+json.
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
