"""Registration, waiting list, cancellation, messages, feedback: state, audit trail, mail at the sink."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from core.models import AuditEntry
from events import services
from events.enums import QuestionKind, RegistrationStatus
from events.ics import event_uid
from events.models import FeedbackAnswer, FeedbackQuestion, Registration
from events.selectors import ai_morning_average_attendance, feedback_results
from tests.events.factories import EventFactory, FeedbackQuestionFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")


def in_language(language: str, msgid: str, **values) -> str:
    with translation.override(language):
        text = translation.gettext(msgid)
    return text % values if values else text


def register(event, email="maija@example.fi", language="fi", **kwargs):
    values = {
        "event": event,
        "name": "Maija Meikäläinen",
        "email": email,
        "organisation": "Pirkanmaan hyvinvointialue",
        "language": language,
        "consent": True,
    }
    values.update(kwargs)
    return services.registration_create(**values)


def test_registration_confirms_with_calendar_and_private_link(smtp, mail_after_commit, settings):
    settings.SITE_URL = "https://sotetekoaly.example"
    starts = timezone.make_aware(timezone.datetime(2030, 3, 6, 8, 30), HELSINKI)
    event = EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=1), title_sv="AI-morgon om tal")
    with mail_after_commit():
        registration = register(event, email="Anna.Svensson@Example.fi", language="sv")

    registration.refresh_from_db()
    assert (registration.status, registration.email, registration.language) == (
        "registered",
        "Anna.Svensson@Example.fi",
        "sv",
    )
    assert len(registration.token) >= 43
    entry = AuditEntry.objects.get(action="events.registration.created")
    assert (entry.object_type, entry.object_id) == ("events.registration", str(registration.pk))
    assert entry.new == {
        "event": event.pk,
        "email": "Anna.Svensson@Example.fi",
        "status": "registered",
        "language": "sv",
    }

    [mail] = smtp.wait_for(1)
    assert mail.rcpt_tos == ["Anna.Svensson@Example.fi"]
    assert mail.subject == in_language("sv", "Registration confirmed: %(title)s", title="AI-morgon om tal")
    text = mail.text()
    assert f"https://sotetekoaly.example/sv/events/registration/{registration.token}/" in text
    assert "https://teams.example.com/join/secret-meeting-123" in text
    assert "6 mars 2030" in text
    [attachment] = mail.attachments()
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "event.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == event_uid(event)
    assert vevent.decoded("DTSTART") == starts
    assert str(vevent["DTSTART"].params["TZID"]) == "Europe/Helsinki"
    assert vevent.decoded("DTSTART").tzinfo.key == "Europe/Helsinki"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert "https://teams.example.com/join/secret-meeting-123" in str(vevent["LOCATION"])


def test_calendar_uid_is_stable_for_an_event(smtp, mail_after_commit):
    event = EventFactory()
    with mail_after_commit():
        register(event, email="a@example.fi")
        register(event, email="b@example.fi")
    uids = [
        str(icalendar.Calendar.from_ical(m.attachments()[0].get_content()).walk("VEVENT")[0]["UID"])
        for m in smtp.wait_for(2)
    ]
    assert uids == [event_uid(event), event_uid(event)]


def test_full_event_puts_people_on_the_waiting_list_in_order(smtp, mail_after_commit):
    event = EventFactory(capacity=1)
    with mail_after_commit():
        first = register(event, email="first@example.fi")
        second = register(event, email="second@example.fi", language="en")
        third = register(event, email="third@example.fi")
    assert [r.status for r in (first, second, third)] == ["registered", "waiting", "waiting"]
    mails = {m.rcpt_tos[0]: m for m in smtp.wait_for(3)}
    waiting = mails["second@example.fi"]
    assert waiting.subject == in_language(
        "en", "You are on the waiting list: %(title)s", title=event.title_en
    )
    assert waiting.attachments() == []
    assert "secret-meeting-123" not in waiting.text()


def test_same_email_twice_is_refused_in_the_persons_language():
    event = EventFactory()
    register(event, email="maija@example.fi")
    with translation.override("fi"), pytest.raises(services.EventError) as fi:
        register(event, email=" MAIJA@example.FI ")
    with translation.override("en"), pytest.raises(services.EventError) as en:
        register(event, email="Maija@Example.fi")
    assert fi.value.message == in_language("fi", "This email address is already registered for the event.")
    assert en.value.message == "This email address is already registered for the event."
    assert Registration.objects.filter(event=event).count() == 1


def test_the_database_refuses_a_second_active_registration_for_an_email():
    event = EventFactory()
    RegistrationFactory(event=event, email="x@example.fi")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=event, email="X@EXAMPLE.FI")
    RegistrationFactory(event=event, email="X@example.fi", status=RegistrationStatus.CANCELLED)


def test_a_cancelled_person_may_register_again():
    event = EventFactory()
    registration = register(event, email="maija@example.fi")
    services.registration_cancel(registration=registration)
    again = register(event, email="maija@example.fi")
    assert again.status == "registered"
    assert Registration.objects.filter(event=event).count() == 2


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"consent": False}, "consent"),
        ({"email": "not-an-address"}, "email"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
    ],
)
def test_invalid_registration_input_is_refused(changes, code):
    event = EventFactory()
    with pytest.raises(services.EventError) as exc:
        register(event, **changes)
    assert exc.value.code == code
    assert Registration.objects.count() == 0


def test_registration_window_is_enforced():
    now = timezone.now()
    not_yet = EventFactory(registration_opens_at=now + timedelta(days=1))
    closed = EventFactory(registration_closes_at=now - timedelta(minutes=1))
    started = EventFactory(starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(minutes=55))
    unpublished = EventFactory(published=False)
    codes = []
    for event in (not_yet, closed, started, unpublished):
        with pytest.raises(services.EventError) as exc:
            register(event)
        codes.append(exc.value.code)
    assert codes == ["not_open", "closed", "closed", "closed"]


def test_cancellation_promotes_the_first_waiting_person_and_tells_them(smtp, mail_after_commit):
    event = EventFactory(capacity=1, title_en="AI morning on speech")
    actor = UserFactory()
    with mail_after_commit():
        first = register(event, email="first@example.fi")
        second = register(event, email="second@example.fi", language="en")
        third = register(event, email="third@example.fi")
    smtp.clear()
    with mail_after_commit():
        cancelled, promoted = services.registration_cancel(registration=first, actor=actor)

    assert cancelled.status == "cancelled"
    assert [p.pk for p in promoted] == [second.pk]
    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses == {
        "first@example.fi": "cancelled",
        "second@example.fi": "registered",
        "third@example.fi": "waiting",
    }
    actions = list(
        AuditEntry.objects.filter(action__startswith="events.registration.")
        .exclude(action="events.registration.created")
        .order_by("id")
        .values_list("action", "object_id", "actor_id")
    )
    assert actions == [
        ("events.registration.cancelled", str(first.pk), actor.pk),
        ("events.registration.promoted", str(second.pk), actor.pk),
    ]
    mails = {m.rcpt_tos[0]: m for m in smtp.wait_for(2)}
    assert sorted(mails) == ["first@example.fi", "second@example.fi"]
    assert mails["first@example.fi"].subject == in_language(
        "fi", "Registration cancelled: %(title)s", title=event.title_fi
    )
    mail = mails["second@example.fi"]
    assert mail.subject == "A place freed up for you: AI morning on speech"
    assert "https://teams.example.com/join/secret-meeting-123" in mail.text()
    assert [a.get_filename() for a in mail.attachments()] == ["event.ics"]
    Registration.objects.get(pk=third.pk)  # still waiting, untouched


def test_cancelling_a_waiting_registration_promotes_nobody():
    event = EventFactory(capacity=1)
    register(event, email="first@example.fi")
    waiting = register(event, email="second@example.fi")
    third = register(event, email="third@example.fi")
    _cancelled, promoted = services.registration_cancel(registration=waiting)
    assert promoted == []
    assert Registration.objects.get(pk=third.pk).status == "waiting"


def test_cancelling_twice_or_after_the_start_is_refused():
    event = EventFactory()
    registration = register(event)
    services.registration_cancel(registration=registration)
    with translation.override("en"), pytest.raises(services.EventError) as twice:
        services.registration_cancel(registration=registration)
    assert twice.value.message == "This registration has already been cancelled."
    started = RegistrationFactory(
        event=EventFactory(
            starts_at=timezone.now() - timedelta(minutes=1), ends_at=timezone.now() + timedelta(hours=1)
        )
    )
    with pytest.raises(services.EventError) as late:
        services.registration_cancel(registration=started)
    assert late.value.code == "started"


def test_raising_the_capacity_fills_places_from_the_waiting_list(smtp, mail_after_commit):
    event = EventFactory(capacity=1)
    for n in range(4):
        register(event, email=f"p{n}@example.fi")
    event.capacity = 3
    event.save()
    with mail_after_commit():
        promoted = services.event_fill_waiting_list(event=event, actor=UserFactory())
    assert [p.email for p in promoted] == ["p1@example.fi", "p2@example.fi"]
    assert sorted(m.rcpt_tos[0] for m in smtp.wait_for(2)) == ["p1@example.fi", "p2@example.fi"]
    assert (
        AuditEntry.objects.filter(action="events.event.waiting_list_filled", object_id=str(event.pk)).count()
        == 1
    )


def test_coordinator_message_reaches_every_registrant_in_their_language(smtp, mail_after_commit):
    event = EventFactory(capacity=2, title_fi="AI-aamu", title_sv="AI-morgon")
    RegistrationFactory(event=event, email="fi@example.fi", language="fi")
    RegistrationFactory(event=event, email="sv@example.fi", language="sv")
    RegistrationFactory(event=event, email="waiting@example.fi", status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, email="gone@example.fi", status=RegistrationStatus.CANCELLED)
    coordinator = UserFactory()
    with mail_after_commit():
        count = services.event_message_send(
            event=event, subject="Muutos ohjelmaan", body="Aloitamme klo 8.45.", actor=coordinator
        )
    assert count == 2
    mails = {m.rcpt_tos[0]: m for m in smtp.wait_for(2)}
    assert sorted(mails) == ["fi@example.fi", "sv@example.fi"]
    assert {m.subject for m in mails.values()} == {"Muutos ohjelmaan"}
    assert "Aloitamme klo 8.45." in mails["sv@example.fi"].text()
    assert "/sv/events/registration/" in mails["sv@example.fi"].text()
    entry = AuditEntry.objects.get(action="events.message.sent")
    assert (entry.actor_id, entry.new["recipients"], entry.new["subject"]) == (
        coordinator.pk,
        2,
        "Muutos ohjelmaan",
    )
    with pytest.raises(services.EventError):
        services.event_message_send(event=EventFactory(), subject="x", body="y", actor=coordinator)
    with pytest.raises(services.EventError):
        services.event_message_send(event=event, subject=" ", body="y", actor=coordinator)


def _past_event(**kwargs):
    now = timezone.now()
    return EventFactory(starts_at=now - timedelta(hours=2), ends_at=now - timedelta(hours=1), **kwargs)


def test_feedback_is_stored_once_per_registration():
    event = _past_event()
    registration = RegistrationFactory(event=event)
    questions = services.feedback_questions_for(event)
    assert [q.kind for q in questions] == ["scale", "scale", "scale", "text", "text"]
    answers = {questions[0].pk: 4, questions[1].pk: "5", questions[3].pk: "Hyvä tilaisuus"}
    response = services.feedback_submit(registration=registration, answers=answers)
    stored = sorted(
        FeedbackAnswer.objects.filter(response=response).values_list("question_id", "score", "text")
    )
    assert stored == sorted(
        [(questions[0].pk, 4, ""), (questions[1].pk, 5, ""), (questions[3].pk, None, "Hyvä tilaisuus")]
    )
    assert AuditEntry.objects.filter(action="events.feedback.submitted").count() == 1
    with translation.override("en"), pytest.raises(services.EventError) as again:
        services.feedback_submit(registration=registration, answers=answers)
    assert again.value.message == "You have already answered the feedback survey. Thank you!"


@pytest.mark.parametrize(
    ("value", "code"), [(0, "scale"), (6, "scale"), ("kolme", "scale"), (None, "required")]
)
def test_feedback_refuses_bad_scores(value, code):
    event = _past_event()
    registration = RegistrationFactory(event=event)
    first = services.feedback_questions_for(event)[0]
    with pytest.raises(services.EventError) as exc:
        services.feedback_submit(registration=registration, answers={first.pk: value})
    assert exc.value.code == code


def test_feedback_opens_only_after_the_event_and_for_registered_people():
    upcoming = RegistrationFactory()
    with pytest.raises(services.EventError) as early:
        services.feedback_submit(registration=upcoming, answers={})
    assert early.value.code == "not_over"
    cancelled = RegistrationFactory(event=_past_event(), status=RegistrationStatus.CANCELLED)
    with pytest.raises(services.EventError) as other:
        services.feedback_submit(registration=cancelled, answers={})
    assert other.value.code == "not_registered"


def test_an_event_with_its_own_questions_uses_them():
    event = _past_event()
    own = FeedbackQuestionFactory(event=event, kind=QuestionKind.TEXT, text_fi="Oma kysymys")
    assert services.feedback_questions_for(event) == [own]
    assert FeedbackQuestion.objects.filter(event__isnull=True).count() == 5


def test_feedback_results_give_averages_and_distributions():
    event = _past_event()
    scale = FeedbackQuestionFactory(event=event, kind=QuestionKind.SCALE, order=1)
    text = FeedbackQuestionFactory(event=event, kind=QuestionKind.TEXT, order=2)
    for score, comment in [(5, "Hyvä"), (4, ""), (5, "Lisää näitä"), (2, "")]:
        services.feedback_submit(
            registration=RegistrationFactory(event=event), answers={scale.pk: score, text.pk: comment}
        )
    scale_result, text_result = feedback_results(event=event)
    assert (scale_result.count, scale_result.average) == (4, 4.0)
    assert scale_result.distribution == [(1, 0), (2, 1), (3, 0), (4, 1), (5, 2)]
    assert (text_result.count, text_result.texts) == (2, ["Hyvä", "Lisää näitä"])


def test_ai_morning_attendance_kpi():
    now = timezone.now()
    for days, reported in [(30, 240), (16, 280), (2, None)]:
        event = EventFactory(
            starts_at=now - timedelta(days=days),
            ends_at=now - timedelta(days=days) + timedelta(hours=1),
            reported_attendance=reported,
        )
        if reported is None:
            RegistrationFactory.create_batch(3, event=event, attended=True)
            RegistrationFactory(event=event, attended=False)
    EventFactory(
        starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=9) + timedelta(hours=1)
    )  # no data
    EventFactory(
        type="info_session",
        starts_at=now - timedelta(days=5),
        ends_at=now - timedelta(days=5) + timedelta(hours=1),
        reported_attendance=900,
    )
    EventFactory(reported_attendance=999)  # upcoming
    kpi = ai_morning_average_attendance()
    assert (kpi.events, kpi.average, kpi.target, kpi.reached) == (
        3,
        round((240 + 280 + 3) / 3, 1),
        250,
        False,
    )
    recent = ai_morning_average_attendance(since=now - timedelta(days=20))
    assert (recent.events, recent.average, recent.reached) == (2, 141.5, False)
    assert (
        ai_morning_average_attendance(since=now - timedelta(days=20), until=now - timedelta(days=10)).average
        == 280.0
    )


def test_the_calendar_file_is_the_same_with_the_time_zone_built_once():
    """events.ics keeps each zone's VTIMEZONE (slow to build); the file is what icalendar builds."""
    import icalendar as ical

    from events import ics

    registration = RegistrationFactory()
    ours = [ics.registration_calendar(registration) for _ in range(2)]
    cal = ical.Calendar.from_ical(ours[0])
    fresh = ical.Calendar.from_ical(ours[0])
    fresh.subcomponents = [c for c in fresh.subcomponents if c.name != "VTIMEZONE"]
    fresh.add_missing_timezones()
    assert ours[0] == ours[1].replace(ours[1].split(b"DTSTAMP:")[1][:16], ours[0].split(b"DTSTAMP:")[1][:16])
    assert cal.to_ical() == fresh.to_ical()
    assert [c.name for c in cal.subcomponents] == ["VTIMEZONE", "VEVENT"]


def _calendar(mail):
    [attachment] = mail.attachments()
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    [vevent] = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), vevent


def test_cancelling_confirms_by_mail_and_removes_the_calendar_entry(smtp, mail_after_commit):
    event = EventFactory(title_fi="Tekoälyaamu")
    with mail_after_commit():
        registration = register(event, email="peruu@example.fi")
    smtp.clear()
    with mail_after_commit():
        services.registration_cancel(registration=registration)
    [mail] = smtp.wait_for(1)
    assert mail.subject == in_language("fi", "Registration cancelled: %(title)s", title="Tekoälyaamu")
    method, vevent = _calendar(mail)
    assert (method, str(vevent["UID"]), vevent["SEQUENCE"], str(vevent["STATUS"])) == (
        "CANCEL", event_uid(event), 1, "CANCELLED",
    )  # fmt: skip
    assert str(vevent["ATTENDEE"]) == "mailto:peruu@example.fi"


def test_a_new_time_or_place_is_told_with_an_updated_calendar_entry(smtp, mail_after_commit):
    event = EventFactory(capacity=1, place_fi="Tampere-talo")
    coordinator = UserFactory()
    with mail_after_commit():
        register(event, email="mukana@example.fi", language="sv")
        register(event, email="jonossa@example.fi")
    smtp.clear()
    moved = event.starts_at + timedelta(days=7)
    event.starts_at, event.ends_at = moved, moved + timedelta(hours=2)
    with mail_after_commit():
        services.event_save(event=event, actor=coordinator)
    mails = {m.rcpt_tos[0]: m for m in smtp.wait_for(2)}
    assert sorted(mails) == ["jonossa@example.fi", "mukana@example.fi"]
    assert mails["mukana@example.fi"].subject == in_language(
        "sv", "Changed time or place: %(title)s", title=event.title_sv or event.title_fi
    )
    method, vevent = _calendar(mails["mukana@example.fi"])
    assert (method, str(vevent["UID"]), vevent["SEQUENCE"]) == ("REQUEST", event_uid(event), 1)
    assert vevent.decoded("DTSTART") == moved
    assert mails["jonossa@example.fi"].attachments() == []  # the waiting list has no calendar entry
    entry = AuditEntry.objects.get(action="events.event.change_notice_sent")
    assert (entry.actor_id, entry.new) == (
        coordinator.pk, {"recipients": 2, "changed": ["ends_at", "starts_at"], "sequence": 1},
    )  # fmt: skip

    # The place changes too: the next version; a change of the description alone tells nobody.
    smtp.clear()
    event.place_fi = "Helsingin messukeskus"
    with mail_after_commit():
        services.event_save(event=event, actor=coordinator)
    _method, vevent = _calendar(next(m for m in smtp.wait_for(2) if m.rcpt_tos == ["mukana@example.fi"]))
    assert vevent["SEQUENCE"] == 2
    smtp.clear()
    event.description_fi = "Uusi kuvaus."
    with mail_after_commit():
        services.event_save(event=event, actor=coordinator)
    assert AuditEntry.objects.filter(action="events.event.change_notice_sent").count() == 2


def test_deleting_an_event_to_come_tells_its_registrants(smtp, mail_after_commit):
    event = EventFactory(title_fi="Peruttu aamu")
    with mail_after_commit():
        register(event, email="tuleva@example.fi")
    smtp.clear()
    with mail_after_commit():
        services.event_delete(event=event, actor=UserFactory())
    [mail] = smtp.wait_for(1)
    assert mail.subject == in_language("fi", "Event cancelled: %(title)s", title="Peruttu aamu")
    method, vevent = _calendar(mail)
    assert (method, str(vevent["STATUS"])) == ("CANCEL", "CANCELLED")
