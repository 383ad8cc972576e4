from django.contrib import admin
from django.urls import include, path

from content.admin.review import review_due_view

urlpatterns = [
    path("admin/review-due/", admin.site.admin_view(review_due_view), name="review-due"),
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
    path("", include("web.urls")),
]

# Under /api/ and the health probes, errors are application/problem+json.
handler400 = "web.problems.bad_request"
handler403 = "web.problems.permission_denied"
handler404 = "web.problems.page_not_found"
handler500 = "web.problems.server_error"
