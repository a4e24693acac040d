"""Nothing the services own is deleted through the admin, by any staff group or a superuser."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory

from tests.factories import UserFactory
from tests.funding.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

#: The records whose paths out are withdrawal, cancellation and the privacy erasure services.
SERVICE_OWNED = {
    "funding.Application",
    "funding.Decision",
    "funding.Review",
    "funding.ReviewAssignment",
    "members.Organisation",
    "events.Registration",
    "newsletter.Subscriber",
    "newsletter.Campaign",
    "newsletter.Delivery",
    "newsletter.TrackingEvent",
    "projects.Project",
    "projects.Report",
    "outbox.OutgoingMail",
    "privacy.RetentionRun",
    "core.AuditEntry",
}


def people():
    """A superuser and one staff member of every staff group the migrations create."""
    yield "superuser", UserFactory(is_staff=True, is_superuser=True)
    for group in Group.objects.order_by("name"):
        user = UserFactory(is_staff=True)
        user.groups.add(group)
        yield group.name, user


def test_no_service_owned_model_offers_delete_to_any_group_or_a_superuser():
    for label in SERVICE_OWNED:
        apps.get_model(label)  # every name above is a real model
    registered = {model._meta.label: model_admin for model, model_admin in admin.site._registry.items()}
    owned = {label: registered[label] for label in SERVICE_OWNED if label in registered}
    assert {"funding.Application", "members.Organisation", "events.Registration"} <= set(owned)
    offered = []
    for who, user in people():
        request = RequestFactory().get("/fi/admin/")
        request.user = user
        for label, model_admin in sorted(owned.items()):
            if model_admin.has_delete_permission(request) or model_admin.has_delete_permission(
                request, model_admin.model()
            ):
                offered.append((who, label, "delete"))
            if "delete_selected" in model_admin.get_actions(request):
                offered.append((who, label, "delete_selected"))
    assert offered == []


def test_no_staff_group_holds_a_delete_permission_of_a_service_owned_model():
    held = sorted(
        (group.name, f"{p.content_type.app_label}.{p.codename}")
        for group in Group.objects.prefetch_related("permissions__content_type")
        for p in group.permissions.all()
        if p.codename.startswith("delete_")
        and f"{p.content_type.app_label}.{p.content_type.model_class().__name__}" in SERVICE_OWNED
    )
    assert held == []


def test_a_coordinator_cannot_delete_an_application_one_by_one_or_in_bulk(client):
    application = ApplicationFactory()
    coordinator = UserFactory(is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(coordinator)
    changelist = "/fi/admin/funding/application/"
    assert client.post(f"{changelist}{application.pk}/delete/", {"post": "yes"}).status_code == 403
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [application.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert 'value="delete_selected"' not in client.get(changelist).content.decode()
    application.refresh_from_db()
