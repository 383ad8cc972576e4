from django.urls import path
from rest_framework.routers import SimpleRouter

from api.v1 import search, syndication, views

app_name = "v1"

router = SimpleRouter()
router.register("conditions", views.ConditionViewSet, basename="condition")
router.register("faqs", views.FaqViewSet, basename="faq")
router.register("mechanisms", views.MechanismViewSet, basename="mechanism")
router.register("images", views.ImageViewSet, basename="image")
router.register("body-regions", views.BodyRegionViewSet, basename="body-region")

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("suggest/", search.SuggestView.as_view(), name="suggest"),
    path("changes/", syndication.ChangesView.as_view(), name="changes"),
    path("bundle/", syndication.BundleView.as_view(), name="bundle"),
    *router.urls,
]
