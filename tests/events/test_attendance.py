"""Attendance from the meeting tool's participant list (CSV) and by hand; the figures per event."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.models import AuditEntry
from events import services
from events.enums import RegistrationStatus
from events.models import Event, Registration
from events.selectors import attendance_rate, with_counts
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEAMS_CSV = (
    "1. Yhteenveto\n"
    "Kokouksen otsikko\tAI-aamu\n"
    "Osallistujia\t4\n"
    "\n"
    "2. Osallistujat\n"
    "Nimi\tEnsimmäinen liittyminen\tViimeinen poistuminen\tSähköposti\tRooli\n"
    "Maija Meikäläinen\t4.3.2026 8.29.01\t4.3.2026 9.31.12\tMAIJA@Example.fi\tOsallistuja\n"
    "Olli Osallistuja\t4.3.2026 8.35.10\t4.3.2026 9.10.00\tolli@example.fi\tOsallistuja\n"
    "Vieras Henkilö\t4.3.2026 8.40.00\t4.3.2026 9.00.00\tvieras@muu.example\tOsallistuja\n"
    "Maija Meikäläinen\t4.3.2026 9.00.00\t4.3.2026 9.30.00\tmaija@example.fi\tOsallistuja\n"
)


def test_import_matches_emails_case_insensitively_and_reports_the_rest():
    event = EventFactory()
    maija = RegistrationFactory(event=event, email="maija@example.fi")
    olli = RegistrationFactory(event=event, email="Olli@Example.FI", attended=True)
    absent = RegistrationFactory(event=event, email="poissa@example.fi")
    other_event = RegistrationFactory(email="vieras@muu.example")
    coordinator = UserFactory()

    result = services.attendance_import(event=event, content=TEAMS_CSV.encode("utf-16"), actor=coordinator)

    assert (result.rows, result.matched, result.newly_marked, result.unmatched) == (
        4,
        2,
        1,
        ["vieras@muu.example"],
    )
    attended = dict(Registration.objects.values_list("pk", "attended"))
    assert attended == {maija.pk: True, olli.pk: True, absent.pk: False, other_event.pk: False}
    entry = AuditEntry.objects.get(action="events.attendance.imported")
    assert (entry.actor_id, entry.object_id) == (coordinator.pk, str(event.pk))
    assert entry.new == {
        "rows": 4,
        "matched": 2,
        "newly_marked": 1,
        "unmatched": 1,
        "file_total": 4,
        "reported_attendance": 4,
    }
    assert entry.old == {"reported_attendance": None}


@pytest.mark.parametrize(
    "content",
    [
        b"name,email\nMaija,maija@example.fi\nZoom Guest,guest@example.com\n",
        'Nimi;Sähköposti\nMaija;"maija@example.fi"\nVieras;guest@example.com\n'.encode("cp1252"),
        "\ufeffName,Email\r\nMaija,MAIJA@EXAMPLE.FI\r\nGuest,guest@example.com\r\n".encode(),
    ],
)
def test_import_reads_common_csv_dialects(content):
    event = EventFactory()
    RegistrationFactory(event=event, email="maija@example.fi")
    result = services.attendance_import(event=event, content=content, actor=None)
    assert (result.matched, result.unmatched) == (1, ["guest@example.com"])


def test_import_refuses_binary_files():
    with pytest.raises(services.EventError) as exc:
        services.attendance_import(event=EventFactory(), content=b"\x89PNG\x00\x00binary", actor=None)
    assert exc.value.code == "not_csv"


def test_manual_marking_and_the_figures_per_event():
    event = EventFactory(capacity=10)
    registrations = RegistrationFactory.create_batch(4, event=event)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED, attended=True)
    coordinator = UserFactory()
    assert services.attendance_mark(registrations=registrations[:3], attended=True, actor=coordinator) == 3
    assert services.attendance_mark(registrations=registrations[:3], attended=True, actor=coordinator) == 0
    assert services.attendance_mark(registrations=registrations[:1], attended=False, actor=coordinator) == 1
    assert AuditEntry.objects.filter(action="events.attendance.marked").count() == 4
    annotated = with_counts(Event.objects.filter(pk=event.pk)).get()
    figures = (annotated.registered_count, annotated.waiting_count, annotated.attended_count)
    assert figures == (4, 1, 2)
    assert attendance_rate(registered=4, attended=2) == Decimal("50.0")
    assert attendance_rate(registered=3, attended=2) == Decimal("66.7")
    assert attendance_rate(registered=4, attended=9) == Decimal("100.0")
    assert attendance_rate(registered=0, attended=0) is None
    event.reported_attendance = 260
    event.save()
    assert with_counts(Event.objects.filter(pk=event.pk)).get().attended_count == 260
