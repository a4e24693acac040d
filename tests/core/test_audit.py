"""The audit trail's helpers: one entry, many entries in one insert, and the changed values."""

import pytest

from core.audit import audit_log_many, changed_values
from core.models import AuditEntry
from members.models import Organisation
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_many_entries_are_written_in_one_insert(django_assert_num_queries):
    actor = UserFactory()
    first, second = OrganisationFactory(), OrganisationFactory()
    with django_assert_num_queries(1):
        audit_log_many(
            action="members.organisation.checked",
            actor=actor,
            model=Organisation,
            new={first.pk: {"region": first.region, "ok": True}, second.pk: {"ok": False}},
            old={first.pk: {"ok": False}},
        )
    entries = AuditEntry.objects.filter(action="members.organisation.checked").order_by("object_id")
    assert [(e.actor_id, e.object_type, e.object_id, e.old, e.new) for e in entries] == [
        (actor.pk, "members.organisation", str(first.pk), {"ok": False}, {"region": None, "ok": True}),
        (actor.pk, "members.organisation", str(second.pk), {}, {"ok": False}),
    ]


def test_a_batch_job_without_a_person_writes_no_actor():
    organisation = OrganisationFactory()
    audit_log_many(action="x.y.z", actor=None, model=Organisation, new={organisation.pk: {}})
    assert AuditEntry.objects.get(action="x.y.z").actor_id is None


def test_changed_values_names_only_what_differs():
    stored = OrganisationFactory(municipality="Tampere", description_sv=None)
    changed = Organisation.objects.get(pk=stored.pk)
    changed.municipality, changed.description_sv = "Pori", ""
    assert changed_values(stored, changed) == ({"municipality": "Tampere"}, {"municipality": "Pori"})
    assert changed_values(stored, changed, exclude=("municipality",)) == ({}, {})
