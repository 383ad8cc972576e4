from django.contrib import admin
from django.urls import include, path, re_path

from content.admin.review import review_due_view
from web.problems import API_NOT_FOUND, api_not_found

urlpatterns = [
    path("admin/review-due/", admin.site.admin_view(review_due_view), name="review-due"),
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
    path("", include("web.urls")),
    # Whatever else is under /api/, however cased or slashed (`//api/`, `/API/`).
    re_path(r"^[/]*[Aa][Pp][Ii](?:/|$)", api_not_found, name=API_NOT_FOUND),
]

# Under /api/ and the health probes, errors are application/problem+json.
handler400 = "web.problems.bad_request"
handler403 = "web.problems.permission_denied"
handler404 = "web.problems.page_not_found"
handler500 = "web.problems.server_error"
