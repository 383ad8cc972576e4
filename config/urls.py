from django.contrib import admin
from django.urls import include, path

from content.admin import review_due_view

urlpatterns = [
    path("admin/review-due/", admin.site.admin_view(review_due_view), name="review-due"),
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
]
