"""The production URLconf plus the framework floor (bench.views.floor)."""

from django.urls import path

from bench import views
from config.urls import handler400, handler403, handler404, handler500, urlpatterns

urlpatterns = [
    path("bench/floor/<int:size>/", views.floor, name="bench-floor"),
    path("bench/floor/<int:size>/<str:coding>/", views.floor, name="bench-floor-coded"),
    *urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
