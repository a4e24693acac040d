"""Measures that can be defended (issue 20): hand-computed values for each rule, seen from the user's side."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.groups import COORDINATORS
from events import services as event_services
from events.enums import RegistrationStatus
from events.models import Event
from events.selectors import attendance_figures, with_counts
from kpi import selectors
from surveys.enums import RoundState
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.kpi.factories import at
from tests.surveys.factories import QuestionFactory, SurveyRoundFactory, answered

pytestmark = pytest.mark.django_db
NOW = at(date(2026, 11, 1))

# A Teams attendance report: the summary states 8 participants; 5 of them registered.
TEAMS_REPORT = (
    "1. Summary\n"
    "Meeting title\tAI-aamu\n"
    "Attended participants\t8\n"
    "\n"
    "2. Participants\n"
    "Name\tFirst Join\tLast Leave\tEmail\tRole\n"
    + "".join(
        f"Rekisteröity {n}\t4.3.2026 8.29\t4.3.2026 9.31\trek{n}@example.fi\tAttendee\n" for n in range(5)
    )
    + "Vieras Yksi\t4.3.2026 8.40\t4.3.2026 9.00\tvieras1@muu.example\tAttendee\n"
    + "Vieras Kaksi\t4.3.2026 8.41\t4.3.2026 9.00\tvieras2@muu.example\tAttendee\n"
    # The eighth dialled in by phone: no address, but the meeting tool counted them.
    + "+358 40 123\t4.3.2026 8.45\t4.3.2026 9.00\t\tAttendee\n"
)


def coordinator():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


def test_importing_the_attendance_file_counts_its_total_not_only_the_matched(client):
    held = EventFactory(starts_at=at(date(2026, 3, 4), 8), reported_attendance=None)
    for n in range(6):  # the sixth registered but did not come
        RegistrationFactory(event=held, email=f"rek{n}@example.fi")
    EventFactory(starts_at=at(date(2026, 2, 18), 8), reported_attendance=240)
    user = coordinator()
    client.force_login(user)
    upload = SimpleUploadedFile("teams.csv", TEAMS_REPORT.encode("utf-16"), "text/csv")

    response = client.post(f"/en/admin/events/event/{held.pk}/attendance/", {"file": upload})

    assert response.status_code == 200
    held.refresh_from_db()
    assert held.reported_attendance == 8
    figures = attendance_figures(with_counts(Event.objects.filter(pk=held.pk)).get())
    # 8 participants; 5 of the 6 registered came (83.3 %); 3 joined without registering.
    assert (figures.attended, figures.rate, figures.unregistered) == (8, Decimal("83.3"), 3)
    text = response.content.decode()
    assert "Attendance recorded: 8, of whom 3 joined without a matching registration" in text
    data = selectors.dashboard(today=NOW.date(), now=NOW)
    assert [(m.day, m.attended) for m in data.ai_mornings] == [
        (date(2026, 2, 18), 240),
        (date(2026, 3, 4), 8),
    ]
    assert data.ai_morning_average == Decimal("124.00")  # (240 + 8) / 2, not (240 + 5) / 2


def test_a_file_without_a_total_counts_the_distinct_participants_listed():
    event = EventFactory()
    RegistrationFactory(event=event, email="maija@example.fi")
    content = b"name,email\nMaija,maija@example.fi\nGuest,guest@example.com\nMaija,MAIJA@example.fi\n"
    result = event_services.attendance_import(event=event, content=content, actor=None)
    event.refresh_from_db()
    assert (result.file_total, result.attendance, result.unregistered, event.reported_attendance) == (
        None,
        2,
        1,
        2,
    )


@pytest.mark.parametrize(
    ("language", "rate"), [("fi", "58,8\u00a0%"), ("sv", "58,8\u00a0%"), ("en", "58.8\u00a0%")]
)
def test_the_admin_rate_is_of_the_registered_never_above_100_and_in_the_language(client, language, rate):
    # The demo's shape: 17 registered, 279 in the meeting; 10 of the registered were marked attended.
    event = EventFactory(
        starts_at=timezone.now() - timedelta(days=7), reported_attendance=279, title="Tekoälyaamu"
    )
    RegistrationFactory.create_batch(10, event=event, attended=True)
    RegistrationFactory.create_batch(7, event=event, attended=False)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED, attended=True)
    client.force_login(coordinator())

    listing = client.get(f"/{language}/admin/events/event/").content.decode()
    feedback = client.get(f"/{language}/admin/events/event/{event.pk}/feedback/").content.decode()

    # 10 of the 17 registered came: 58.8 %, not 279 / 17 = 1641.2 %.
    assert f'<td class="field-attendance_rate">{rate}</td>' in listing
    assert f"<td>{rate}</td>" in feedback
    # Joined without registering: 279 - the 10 registrations marked attended (not the cancelled one).
    assert "<td>269</td>" in feedback
    figures = attendance_figures(with_counts(Event.objects.filter(pk=event.pk)).get())
    assert (figures.attended, figures.rate, figures.unregistered) == (279, Decimal("58.8"), 269)


def test_satisfaction_comes_from_closed_rounds_only():
    summer = SurveyRoundFactory(state=RoundState.CLOSED, closes_at=at(date(2026, 6, 30)))
    q1, q2 = QuestionFactory.create_batch(2, round=summer)
    answered(summer, {q1: 4, q2: 4})
    answered(summer, {q1: 3, q2: 5})
    answered(summer, {q1: 4, q2: None})
    # A round opened since: its first answer is a 5, and must not replace the measure.
    autumn = SurveyRoundFactory(state=RoundState.OPEN, closes_at=NOW + timedelta(days=20))
    answered(autumn, {QuestionFactory(round=autumn): 5})

    data = selectors.dashboard(today=NOW.date(), now=NOW)

    assert [(r.round_id, r.average, r.responses) for r in data.satisfaction] == [
        (summer.pk, Decimal("4.00"), 3)  # (4 + 4 + 3 + 5 + 4) / 5
    ]


def test_each_dashboard_figure_links_to_how_it_is_computed(client):
    client.force_login(coordinator())
    html = client.get("/en/dashboard/").content.decode()
    anchors = re.findall(r'<a class="kpi-figure__method" href="#([a-z_-]+)">', html)
    assert anchors == [
        "method-members",
        "method-subscribers",
        "method-ai_morning_attendance",
        "method-satisfaction",
    ]
    for anchor in anchors:
        assert f'<dt id="{anchor}">' in html
    assert "A round still open is not counted until it closes." in html
