"""Coordinators are told (issue 20): the admin index and a daily digest through the outbox show join
applications, AI implementations waiting for review, answers to information requests and failing mail;
a member is told when its AI implementation is published."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from core.groups import COORDINATORS
from core.models import AuditEntry
from kpi import services
from kpi.models import DigestRun
from kpi.tasks import coordinator_digest
from members.enums import MembershipStatus
from network import services as network_services
from network.enums import ImplementationStatus
from outbox.enums import MailState
from outbox.models import OutgoingMail
from tests.factories import ContactPersonFactory, OrganisationFactory, UserFactory
from tests.network.factories import ImplementationFactory

pytestmark = pytest.mark.django_db


def coordinator(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


def some_work(now):
    OrganisationFactory(status=MembershipStatus.PENDING, applied_at=now - timedelta(days=10))
    OrganisationFactory(status=MembershipStatus.PENDING, applied_at=now - timedelta(hours=3))
    ImplementationFactory(status=ImplementationStatus.SUBMITTED, submitted_at=now - timedelta(hours=2))
    mail = OutgoingMail.objects.create(
        to="x@example.fi",
        sender="noreply@localhost",
        language="fi",
        template="notice",
        subject="s",
        body_text="b",
        message_id="<m1@localhost>",
        state=MailState.FAILED,
    )
    OutgoingMail.objects.create(
        to="y@example.fi",
        sender="noreply@localhost",
        language="fi",
        template="notice",
        subject="s",
        body_text="b",
        message_id="<m2@localhost>",
        state=MailState.AWAITING_RETRY,
    )
    return mail


def test_the_admin_index_shows_what_waits_for_the_coordinators(client):
    some_work(timezone.now())
    client.force_login(coordinator())
    page = client.get("/en/admin/").content.decode()
    assert "Waiting for the coordinators" in page
    assert "Membership applications waiting for a decision: 2 (1 new)" in page  # one came 10 days ago
    assert "AI implementations waiting for review: 1 (1 new)" in page
    assert "Answers to requests for more information: 0" in page
    assert "Mail that failed: 1; waiting for another attempt: 1" in page
    assert 'href="/en/admin/members/organisation/?status__exact=pending"' in page


def test_the_daily_digest_goes_once_a_day_from_seven_through_the_outbox():
    fi, sv = coordinator(email="k1@example.fi"), coordinator(email="k2@example.fi", language="sv")
    some_work(timezone.now())
    morning = timezone.make_aware(datetime(2026, 12, 2, 6, 30))
    assert services.coordinator_digest_send(now=morning) is None  # before seven
    seven = morning + timedelta(minutes=45)

    run = services.coordinator_digest_send(now=seven)

    assert (run.day.isoformat(), run.recipients) == ("2026-12-02", 2)
    mails = {m.to: m for m in OutgoingMail.objects.filter(template="kpi_coordinator_digest")}
    assert sorted(mails) == [fi.email, sv.email]
    assert mails[sv.email].language == "sv"
    assert "Medlemsansökningar som väntar på beslut: 2" in mails[sv.email].body_text
    assert "/sv/admin/members/organisation/?status__exact=pending" in mails[sv.email].body_text
    entry = AuditEntry.objects.get(action="kpi.digest.sent")
    assert (entry.new["recipients"], entry.new["applications_waiting"], entry.new["mail_retrying"]) == (
        2,
        2,
        1,
    )
    # Again the same day: nothing more.
    assert services.coordinator_digest_send(now=seven + timedelta(hours=5)) is None
    assert OutgoingMail.objects.filter(template="kpi_coordinator_digest").count() == 2
    assert DigestRun.objects.count() == 1


def test_a_quiet_day_mails_nobody_and_the_task_is_safe_to_repeat():
    coordinator()
    assert coordinator_digest() in (0,)
    assert OutgoingMail.objects.filter(template="kpi_coordinator_digest").count() == 0


def test_the_member_is_told_when_its_implementation_is_published():
    contact = ContactPersonFactory(language="sv")
    implementation = ImplementationFactory(
        owner=contact.organisation,
        status=ImplementationStatus.SUBMITTED,
        title_sv="Vårdviskaren",
        published_at=None,
    )
    network_services.implementation_publish(actor=coordinator(), implementation=implementation)
    mail = OutgoingMail.objects.get(template="network_implementation_published")
    assert (mail.to, mail.language, mail.subject) == (contact.email, "sv", "Publicerad: Vårdviskaren")
    assert f"/sv/ai-implementations/{implementation.pk}/" in mail.body_text
