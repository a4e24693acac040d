"""The demo data: a year of AI mornings and the open info session of 20.9.2024 with its programme."""

from __future__ import annotations

import io
from datetime import time

import pytest
from django.utils import timezone

from events import demo
from events.models import Event, Registration
from events.selectors import ai_morning_average_attendance

pytestmark = pytest.mark.django_db


def test_seed_adds_a_year_of_ai_mornings_and_the_info_session_once():
    demo.seed(stdout=io.StringIO())
    counts = (Event.objects.count(), Registration.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (Event.objects.count(), Registration.objects.count()) == counts
    # Nobody has registered for a future event at a moment still to come.
    now = timezone.now()
    assert Registration.objects.filter(created_at__gt=now).count() == 0
    assert Registration.objects.filter(consented_at__gt=now).count() == 0

    mornings = list(Event.objects.filter(type="ai_morning").order_by("starts_at"))
    assert len(mornings) == 26
    assert {timezone.localtime(e.starts_at).weekday() for e in mornings} == {2}
    assert {
        (timezone.localtime(e.starts_at).time(), timezone.localtime(e.ends_at).time()) for e in mornings
    } == {(time(8, 30), time(9, 30))}
    days = [timezone.localdate(e.starts_at) for e in mornings]
    assert {(b - a).days for a, b in zip(days, days[1:], strict=False)} == {14}
    assert {e.language for e in mornings} == {"fi"}
    past = [e for e in mornings if e.is_past]
    assert past and all(200 <= e.reported_attendance <= 300 for e in past)
    per_event = [Registration.objects.filter(event=e).count() for e in mornings]
    assert all(3 <= n <= 30 for n in per_event)
    kpi = ai_morning_average_attendance()
    assert kpi.events == len(past)
    assert 200 <= kpi.average <= 300

    info = Event.objects.get(slug=demo.INFO_SESSION_SLUG)
    start = timezone.localtime(info.starts_at)
    assert (start.date().isoformat(), start.time(), timezone.localtime(info.ends_at).time()) == (
        "2024-09-20",
        time(10, 0),
        time(11, 30),
    )
    programme = [
        (
            item.starts_at.strftime("%H.%M"),
            item.title_fi,
            [(s.name, s.title_fi, s.organisation) for s in item.speakers.all()],
        )
        for item in info.programme.order_by("starts_at")
    ]
    assert programme == [
        (
            "10.00",
            "Tervetuloa!",
            [
                (
                    "Jukka Lähesmaa",
                    "ekosysteemin puheenjohtaja, erityisasiantuntija",
                    "sosiaali- ja terveysministeriö",
                ),
                (
                    "Jarmo Pulkkinen",
                    "ekosysteemin koordinaattori, asiantuntija, väitöskirjatutkija",
                    "DigiFinland Oy",
                ),
            ],
        ),
        ("10.05", "Tekoälyn tilannekuva ja ekosysteemin esittely", []),
        ("10.20", "Tekoälyhankkeiden rahoitushaku hyvinvointialueille 16.9.–25.10.2024", []),
        (
            "10.45",
            "Yrityssektorin sote-tekoälyratkaisuja Suomessa",
            [("Kirsi Talman", "terveysteknologian asiantuntija", "Sailab – MedTech Finland ry")],
        ),
        ("11.05", "", [("Sandra Liede", "johtava lakiasiantuntija", "Teknologiateollisuus")]),
        ("11.25", "Kiitos & palautekysely", []),
        ("11.30", "Tilaisuus päättyy", []),
    ]
