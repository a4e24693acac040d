from django.urls import path
from rest_framework.routers import SimpleRouter

from opendata import api

app_name = "opendata"

router = SimpleRouter()
router.register("v1/members", api.MemberViewSet, basename="members")
router.register("v1/implementations", api.ImplementationViewSet, basename="implementations")
router.register("v1/funded-projects", api.FundedProjectViewSet, basename="funded-projects")
router.register("v1/events", api.EventViewSet, basename="events")

urlpatterns = [
    path("v1/schema/", api.SchemaView.as_view(), name="schema"),
    *router.urls,
]
