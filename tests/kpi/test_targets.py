"""Targets are data: coordinators edit them in the admin, each change is audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from core.groups import COORDINATORS, DECISION_MAKERS
from core.models import AuditEntry
from kpi.enums import Measure
from kpi.models import Target
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def staff(group: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_migration_seeds_the_four_2026_targets():
    assert sorted(Target.objects.values_list("measure", "value", "valid_from", "valid_to")) == [
        (Measure.AI_MORNING_ATTENDANCE, Decimal("250.00"), date(2026, 1, 1), date(2026, 12, 31)),
        (Measure.MEMBERS, Decimal("300.00"), date(2026, 1, 1), date(2026, 12, 31)),
        (Measure.SATISFACTION, Decimal("4.00"), date(2026, 1, 1), date(2026, 12, 31)),
        (Measure.SUBSCRIBERS, Decimal("1500.00"), date(2026, 1, 1), date(2026, 12, 31)),
    ]


def test_coordinator_changes_a_target_in_the_admin_with_an_audit_entry(client):
    coordinator = staff(COORDINATORS)
    target = Target.objects.get(measure=Measure.MEMBERS)
    client.force_login(coordinator)
    response = client.post(
        f"/fi/admin/kpi/target/{target.pk}/change/",
        {
            "measure": Measure.MEMBERS,
            "value": "320",
            "valid_from": "1.1.2026",
            "valid_to": "31.12.2026",
            "note": target.note,
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == Decimal("320.00")
    entry = AuditEntry.objects.get(action="kpi.target.changed")
    assert (entry.actor, entry.object_id, entry.old, entry.new) == (
        coordinator,
        str(target.pk),
        {"value": "300.00"},
        {"value": "320"},
    )


def test_coordinator_adds_a_target_and_decision_makers_only_view(client):
    coordinator = staff(COORDINATORS)
    client.force_login(coordinator)
    response = client.post(
        "/fi/admin/kpi/target/add/",
        {
            "measure": Measure.SUBSCRIBERS,
            "value": "2000",
            "valid_from": "1.1.2027",
            "valid_to": "",
            "note": "",
        },
    )
    assert response.status_code == 302
    added = Target.objects.get(valid_from=date(2027, 1, 1))
    entry = AuditEntry.objects.get(action="kpi.target.created")
    assert (entry.object_id, entry.new["value"], entry.new["measure"]) == (
        str(added.pk),
        "2000",
        "subscribers",
    )

    client.force_login(staff(DECISION_MAKERS))
    assert client.get("/fi/admin/kpi/target/").status_code == 200
    assert client.get(f"/fi/admin/kpi/target/{added.pk}/change/").status_code == 200
    refused = client.post(
        f"/fi/admin/kpi/target/{added.pk}/change/",
        {"measure": Measure.SUBSCRIBERS, "value": "1", "valid_from": "1.1.2027", "valid_to": "", "note": ""},
    )
    assert refused.status_code == 403
    added.refresh_from_db()
    assert added.value == Decimal("2000.00")
