from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import AuditEntry
from outbox.models import OutgoingMail
from projects import services
from projects.enums import ReportStatus
from projects.models import Report
from projects.tasks import report_send_reminders
from tests.factories import ContactPersonFactory
from tests.projects.factories import ReportDeadlineFactory, funded_project

pytestmark = pytest.mark.django_db


def reminders():
    return list(OutgoingMail.objects.filter(template="projects_report_reminder").order_by("id"))


def test_each_reminder_is_sent_once_though_the_beat_task_runs_twice():
    project, contact = funded_project(deadlines=0)
    second = ContactPersonFactory(organisation=contact.organisation, is_primary=False, language="sv")
    project.contact_persons.add(second)
    today = timezone.localdate()
    call = project.application.call
    soon = ReportDeadlineFactory(call=call, due_date=today + timedelta(days=14))  # default: 14 days before
    later = ReportDeadlineFactory(call=call, due_date=today + timedelta(days=15))
    late = ReportDeadlineFactory(call=call, due_date=today - timedelta(days=1))
    ReportDeadlineFactory(call=call, due_date=today + timedelta(days=4), reminder_days=2)  # not yet
    services._ensure_reports(project)

    assert report_send_reminders.apply().get() == {"before": 1, "late": 1}
    assert report_send_reminders.apply().get() == {"before": 0, "late": 0}

    sent = reminders()
    assert sorted((m.to, m.language) for m in sent) == sorted(
        [(contact.email, "fi"), (second.email, "sv"), (contact.email, "fi"), (second.email, "sv")]
    )
    by_deadline = {r.deadline_id: r for r in Report.objects.all()}
    assert by_deadline[soon.pk].reminder_sent_at is not None
    assert by_deadline[soon.pk].late_reminder_sent_at is None
    assert by_deadline[late.pk].late_reminder_sent_at is not None
    assert by_deadline[later.pk].reminder_sent_at is None
    subjects = sorted(m.subject for m in sent if m.language == "fi")
    assert subjects == [
        f"Raportin määräpäivä lähestyy: Väliraportti, {project.public_title_fi}",
        f"Raportti myöhässä: Väliraportti, {project.public_title_fi}",
    ]
    assert AuditEntry.objects.filter(action="projects.report.remind").count() == 2

    # A day later the next one is due: only it is sent.
    tomorrow = timezone.now() + timedelta(days=1)
    assert services.report_send_reminders(now=tomorrow) == {"before": 1, "late": 0}
    assert services.report_send_reminders(now=tomorrow) == {"before": 0, "late": 0}
    assert len(reminders()) == 6


def test_a_submitted_report_gets_no_reminder():
    project, contact = funded_project(deadlines=0)
    ReportDeadlineFactory(call=project.application.call, due_date=timezone.localdate() - timedelta(days=2))
    services._ensure_reports(project)
    Report.objects.update(status=ReportStatus.SUBMITTED, funding_used=Decimal("0"))
    assert report_send_reminders.apply().get() == {"before": 0, "late": 0}
    assert reminders() == []
