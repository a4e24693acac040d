"""The outbox's services without a worker: tasks run in-process, mail goes to the loopback sink."""

from __future__ import annotations

import smtplib
import time
import uuid
from datetime import timedelta

import pytest
from django.core import checks
from django.db import transaction
from django.utils import timezone, translation

from core.models import AuditEntry
from outbox import delivery, services
from outbox.enums import ALLOWED_TRANSITIONS, MailKind, MailState
from outbox.models import OutgoingMail
from outbox.pdf import render_pdf
from outbox.services import Attachment, BulkRecipient, OutboxError, mail_queue, mail_queue_bulk
from tests.factories import UserFactory
from tests.outbox.factories import OutgoingMailFactory

pytestmark = pytest.mark.django_db

ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ecosystem//test//FI\r\nBEGIN:VEVENT\r\n"
    b"UID:1@example.fi\r\nDTSTART:20260301T100000Z\r\nSUMMARY:Verkostotapaaminen\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def queue_notice(**kwargs) -> OutgoingMail:
    values = {
        "to": "maija@example.fi",
        "template": "notice",
        "context": {"message": "Tervetuloa"},
        "language": "fi",
    }
    values.update(kwargs)
    return mail_queue(**values)


def test_subject_and_body_follow_the_language():
    subjects = {
        lang: services.mail_render(template="notice", context={"message": "x"}, language=lang).subject
        for lang in ("fi", "sv", "en")
    }
    assert subjects == {
        "fi": "SOTE-tekoälyn ekosysteemi",
        "sv": "Ekosystemet för AI inom social- och hälsovården",
        "en": "National health and social care AI ecosystem",
    }
    rendered = services.mail_render(template="notice", context={"message": "Hei & tervetuloa"}, language="sv")
    assert "Hei & tervetuloa" in rendered.body_text  # plain text is not HTML-escaped
    assert "Hei &amp; tervetuloa" in rendered.body_html
    assert '<html lang="sv">' in rendered.body_html
    assert "http://127.0.0.1:8000/sv/" in rendered.body_text


def test_queue_stores_the_rendered_message_and_an_audit_entry(django_capture_on_commit_callbacks, settings):
    settings.DEFAULT_FROM_EMAIL = "Ekosysteemi <noreply@ecosystem.example>"
    actor = UserFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        mail = queue_notice(actor=actor, reply_to="koordinaattori@example.fi", headers={"X-Portal": "1"})
    mail.refresh_from_db()
    assert len(callbacks) == 1
    assert (mail.state, mail.kind, mail.to, mail.language, mail.template) == (
        "queued",
        "transactional",
        "maija@example.fi",
        "fi",
        "notice",
    )
    assert mail.sender == "Ekosysteemi <noreply@ecosystem.example>"
    assert mail.reply_to == "koordinaattori@example.fi"
    assert mail.headers == {"X-Portal": "1"}
    assert mail.subject == "SOTE-tekoälyn ekosysteemi"
    assert mail.message_id.startswith("<") and mail.message_id.endswith("@ecosystem.example>")
    entry = AuditEntry.objects.get(action="outbox.mail.queued")
    assert (entry.actor_id, entry.object_type, entry.object_id) == (
        actor.pk,
        "outbox.outgoingmail",
        str(mail.pk),
    )
    assert entry.new == {
        "to": "maija@example.fi",
        "template": "notice",
        "language": "fi",
        "kind": "transactional",
        "message_id": mail.message_id,
    }


def test_newsletters_come_from_their_own_address(settings):
    settings.NEWSLETTER_FROM_EMAIL = "Uutiskirje <uutiskirje@ecosystem.example>"
    mail = queue_notice(kind=MailKind.NEWSLETTER)
    assert mail.sender == "Uutiskirje <uutiskirje@ecosystem.example>"


def test_an_invalid_address_is_refused():
    with translation.override("en"), pytest.raises(OutboxError) as error:
        queue_notice(to="maija@example.fi\r\nBcc: all@example.fi")
    assert OutgoingMail.objects.count() == 0
    assert "is not a valid email address" in error.value.message


def test_a_rolled_back_caller_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        queue_notice()
        raise RuntimeError("the caller fails")
    assert callbacks == []
    assert OutgoingMail.objects.count() == 0


def test_committed_mail_with_attachments_arrives_with_its_message_id(
    smtp, django_capture_on_commit_callbacks
):
    pdf = render_pdf(template="mail/notice/body.html", context={"message": "Päätös"}, language="fi")
    attachments = [
        Attachment(filename="tapaaminen.ics", content=ICS, mimetype="text/calendar"),
        Attachment(filename="paatos.pdf", content=pdf, mimetype="application/pdf"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        mail = queue_notice(attachments=attachments, context={"message": "Päätös liitteenä"})
    mail.refresh_from_db()
    received = smtp.wait_for(1)
    assert len(received) == 1
    assert (mail.state, mail.attempts) == ("sent", 1)
    assert received[0].message_id == mail.message_id
    assert received[0].rcpt_tos == ["maija@example.fi"]
    assert received[0].subject == "SOTE-tekoälyn ekosysteemi"
    assert "Päätös liitteenä" in received[0].text()
    assert "Päätös liitteenä" in received[0].html()
    parts = {part.get_filename(): part for part in received[0].attachments()}
    assert sorted(parts) == ["paatos.pdf", "tapaaminen.ics"]
    assert parts["paatos.pdf"].get_content_type() == "application/pdf"
    assert parts["paatos.pdf"].get_content() == pdf
    assert pdf.startswith(b"%PDF-")
    assert parts["tapaaminen.ics"].get_content_type() == "text/calendar"
    assert "SUMMARY:Verkostotapaaminen" in parts["tapaaminen.ics"].get_content()


def test_the_same_message_id_is_used_on_every_attempt(smtp, settings, django_capture_on_commit_callbacks):
    settings.OUTBOX_RETRY_DELAYS = [0, 0]
    smtp.fail_next("451 4.3.0 Try again later", times=2)
    with django_capture_on_commit_callbacks(execute=True):
        mail = queue_notice()
    # In-process tasks retry at once with no delay: two refusals, then accepted.
    mail.refresh_from_db()
    assert (mail.state, mail.attempts, mail.last_error) == ("sent", 3, "")
    assert [m.message_id for m in smtp.messages] == [mail.message_id]


def test_temporary_failures_back_off_then_fail(settings, smtp):
    settings.EMAIL_PORT = smtp.port + 1 if smtp.port < 65535 else 1  # nothing listens there
    settings.OUTBOX_RETRY_DELAYS = [60, 300]
    mail = OutgoingMailFactory()
    before = timezone.now()
    assert delivery.deliver([mail.pk]) == {"sent": 0, "retry": 1, "failed": 0, "skipped": 0}
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == ("awaiting_retry", 1)
    assert mail.last_error.startswith("ConnectionRefusedError")
    assert before + timedelta(seconds=60) <= mail.next_attempt_at <= timezone.now() + timedelta(seconds=60)
    # Not due yet: a duplicate or early task does nothing.
    assert delivery.deliver([mail.pk]) == {"sent": 0, "retry": 0, "failed": 0, "skipped": 1}
    OutgoingMail.objects.filter(pk=mail.pk).update(next_attempt_at=timezone.now())
    delivery.deliver([mail.pk])
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == ("awaiting_retry", 2)
    OutgoingMail.objects.filter(pk=mail.pk).update(next_attempt_at=timezone.now())
    delivery.deliver([mail.pk])
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == ("failed", 3)
    assert AuditEntry.objects.filter(action="outbox.mail.failed", object_id=str(mail.pk)).count() == 1


def test_a_permanent_failure_keeps_the_servers_reason(smtp):
    smtp.fail_next("550 5.1.1 No such user")
    mail = OutgoingMailFactory()
    assert delivery.deliver([mail.pk]) == {"sent": 0, "retry": 0, "failed": 1, "skipped": 0}
    mail.refresh_from_db()
    assert (mail.state, mail.attempts, mail.last_error) == ("failed", 1, "550 5.1.1 No such user")


def test_only_one_claim_wins():
    mail = OutgoingMailFactory()
    first, second = uuid.uuid4(), uuid.uuid4()
    assert [m.pk for m in services.mail_claim_batch(mail_ids=[mail.pk], token=first)] == [mail.pk]
    assert services.mail_claim_batch(mail_ids=[mail.pk], token=second) == []
    claimed = OutgoingMail.objects.get(pk=mail.pk)
    assert services.mail_begin(token=second, start=claimed, sent=None) is False
    assert services.mail_begin(token=first, start=claimed, sent=None) is True
    assert (claimed.state, claimed.attempts) == ("inflight", 1)


def test_sent_and_aborted_messages_are_never_sent(smtp):
    sent = OutgoingMailFactory(state=MailState.SENT)
    aborted = OutgoingMailFactory(state=MailState.ABORTED)
    assert delivery.deliver([sent.pk, aborted.pk]) == {"sent": 0, "retry": 0, "failed": 0, "skipped": 2}
    assert smtp.messages == []


def test_retry_and_abort(django_capture_on_commit_callbacks):
    coordinator = UserFactory()
    mail = OutgoingMailFactory(state=MailState.FAILED, attempts=4, last_error="550 5.1.1 No such user")
    with django_capture_on_commit_callbacks() as callbacks:
        retried = services.mail_retry(mail=mail, actor=coordinator)
    assert (retried.state, retried.attempts) == ("queued", 0)
    assert len(callbacks) == 1
    # Nothing changes: no new entry.
    services.mail_retry(mail=mail, actor=coordinator)
    aborted = services.mail_abort(mail=mail, actor=coordinator)
    assert aborted.state == "aborted"
    services.mail_abort(mail=mail, actor=coordinator)
    actions = list(
        AuditEntry.objects.filter(object_id=str(mail.pk))
        .order_by("id")
        .values_list("action", "actor_id", "old", "new")
    )
    assert actions == [
        ("outbox.mail.retried", coordinator.pk,
         {"state": "failed", "attempts": 4, "last_error": "550 5.1.1 No such user"}, {"state": "queued"}),
        ("outbox.mail.aborted", coordinator.pk, {"state": "queued"}, {"state": "aborted"}),
    ]  # fmt: skip
    sent = OutgoingMailFactory(state=MailState.SENT)
    with translation.override("en"), pytest.raises(OutboxError) as error:
        services.mail_abort(mail=sent, actor=coordinator)
    assert error.value.message == "A message that is sent cannot be aborted."
    with pytest.raises(OutboxError):
        services.mail_retry(mail=sent, actor=coordinator)


def test_holding_back_and_releasing_many_messages(django_capture_on_commit_callbacks):
    coordinator = UserFactory()
    waiting = [
        OutgoingMailFactory(state=MailState.QUEUED),
        OutgoingMailFactory(state=MailState.AWAITING_RETRY),
    ]
    sent = OutgoingMailFactory(state=MailState.SENT)
    inflight = OutgoingMailFactory(state=MailState.INFLIGHT)
    everyone = [m.pk for m in [*waiting, sent, inflight]]
    assert services.mail_abort_pending(mail_ids=everyone, actor=coordinator) == 2
    assert services.mail_abort_pending(mail_ids=everyone, actor=coordinator) == 0
    with django_capture_on_commit_callbacks() as callbacks:
        released = services.mail_requeue_aborted(
            mail_ids=OutgoingMail.objects.values("pk"), actor=coordinator
        )
    assert sorted(released) == sorted(m.pk for m in waiting)
    assert len(callbacks) == 1
    assert dict(OutgoingMail.objects.values_list("pk", "state")) == {
        waiting[0].pk: "queued", waiting[1].pk: "queued", sent.pk: "sent", inflight.pk: "inflight",
    }  # fmt: skip
    entries = AuditEntry.objects.filter(object_id=str(waiting[1].pk)).order_by("id")
    assert list(entries.values_list("action", "actor_id", "old", "new")) == [
        ("outbox.mail.aborted", coordinator.pk, {"state": "awaiting_retry"}, {"state": "aborted"}),
        ("outbox.mail.requeued", coordinator.pk, {"state": "aborted"}, {"state": "queued"}),
    ]
    assert services.mail_requeue_aborted(mail_ids=everyone, actor=coordinator) == []


def test_transitions_are_declared_for_every_state():
    assert set(ALLOWED_TRANSITIONS) == set(MailState.values)
    assert ALLOWED_TRANSITIONS[MailState.SENT] == frozenset()


def test_periodic_task_takes_back_stale_claims_and_hands_over_lost_messages(smtp, settings):
    settings.OUTBOX_INFLIGHT_TIMEOUT = 60
    settings.OUTBOX_REQUEUE_AFTER = 300
    settings.OUTBOX_RETRY_DELAYS = [60, 60, 60]  # at most four attempts
    long_ago = timezone.now() - timedelta(minutes=10)
    dead_worker = OutgoingMailFactory(state=MailState.INFLIGHT, claimed_at=long_ago, attempts=1)
    busy = OutgoingMailFactory(state=MailState.INFLIGHT, claimed_at=timezone.now(), attempts=1)
    never_published = OutgoingMailFactory(next_attempt_at=long_ago, enqueued_at=None)
    just_published = OutgoingMailFactory(enqueued_at=timezone.now())
    exhausted = OutgoingMailFactory(state=MailState.INFLIGHT, claimed_at=long_ago, attempts=4)
    assert services.mail_requeue_stale() == {"failed": 1, "requeued": 1, "published": 2}
    states = dict(OutgoingMail.objects.values_list("pk", "state"))
    assert states == {
        dead_worker.pk: "sent",
        busy.pk: "inflight",
        never_published.pk: "sent",
        just_published.pk: "queued",
        exhausted.pk: "failed",
    }
    assert sorted(m.message_id for m in smtp.messages) == sorted(
        [dead_worker.message_id, never_published.message_id]
    )


def test_bulk_queue_creates_batches_and_reuses_one_connection_per_process(
    smtp, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.OUTBOX_BATCH_SIZE = 100
    delivery.smtp_connection.discard()
    opened = []
    real_get_connection = delivery.get_connection
    monkeypatch.setattr(
        delivery, "get_connection", lambda **kw: opened.append(1) or real_get_connection(**kw)
    )

    def recipients():  # a generator: never a list of everyone
        for i in range(250):
            yield BulkRecipient(to=f"tilaaja{i}@example.fi", language=("fi", "sv", "en")[i % 3])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        bulk_id = mail_queue_bulk(
            recipients=recipients(), template="notice", context={"message": "Uutiskirje"}
        )
    assert len(callbacks) == 3
    assert len(opened) == 1
    assert OutgoingMail.objects.filter(bulk_id=bulk_id, state="sent", kind="newsletter").count() == 250
    assert AuditEntry.objects.filter(action="outbox.mail.queued").count() == 250
    received = smtp.wait_for(250)
    assert len({m.message_id for m in received}) == 250
    # Django folds the long encoded Subject onto a continuation line; strip the unfolding space.
    assert {m.subject.strip() for m in received if m.rcpt_tos == ["tilaaja1@example.fi"]} == {
        "Ekosystemet för AI inom social- och hälsovården"
    }


def test_bulk_personal_context_is_rendered_per_recipient(django_capture_on_commit_callbacks):
    recipients = [
        BulkRecipient(to="a@example.fi", language="fi", context={"greeting_name": "Aino"}),
        BulkRecipient(to="b@example.fi", language="en", context={"greeting_name": "Bo"}),
    ]
    mail_queue_bulk(recipients=recipients, template="notice", context={"message": "m"})
    bodies = dict(OutgoingMail.objects.values_list("to", "body_text"))
    assert "Aino" in bodies["a@example.fi"] and "Bo" not in bodies["a@example.fi"]
    assert "Bo" in bodies["b@example.fi"]


def test_rate_limit_paces_a_batch(smtp, settings):
    settings.OUTBOX_RATE_LIMIT_PER_SECOND = 20
    mails = OutgoingMailFactory.create_batch(6)
    started = time.monotonic()
    assert delivery.deliver([m.pk for m in mails])["sent"] == 6
    assert time.monotonic() - started >= 0.25  # 6 messages at 20/s: five gaps of 50 ms
    assert len(smtp.messages) == 6


def test_visibility_timeout_outlasts_every_retry_delay(settings):
    from django.conf import settings as live

    assert max(live.OUTBOX_RETRY_DELAYS) < live.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert [e.id for e in checks.run_checks() if e.id.startswith("outbox.")] == []
    settings.OUTBOX_RETRY_DELAYS = [60, 3 * 60 * 60]
    assert [e.id for e in checks.run_checks() if e.id.startswith("outbox.")] == ["outbox.E001"]


def test_requeue_task_is_on_the_beat_schedule():
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["outbox-requeue-stale"]["task"] == "outbox.requeue_stale"
    from ecosystem.celery import app

    # What a worker and beat do when they start: import every app's tasks (autodiscovery is lazy).
    app.loader.import_default_modules()
    assert "outbox.requeue_stale" in app.tasks


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (smtplib.SMTPRecipientsRefused({"a@example.fi": (550, b"5.1.1 User unknown")}), 550),
        (smtplib.SMTPRecipientsRefused({"a@example.fi": (550, b"No such user here")}), 550),
        (smtplib.SMTPDataError(554, b"5.2.1 Mailbox disabled"), 554),
        (smtplib.SMTPRecipientsRefused({"a@example.fi": (451, b"4.3.0 Try later")}), None),
        # Policy and content refusals (our sender blocked, a spam filter) are not the address's fault.
        (smtplib.SMTPDataError(554, b"5.7.1 Message rejected as spam"), None),
        (smtplib.SMTPRecipientsRefused({"a@example.fi": (550, b"5.7.1 Relaying denied")}), None),
        (smtplib.SMTPSenderRefused(550, b"5.1.0 Sender rejected", "portal@example.fi"), None),
    ],
)
def test_only_a_permanent_refusal_of_the_address_is_a_hard_bounce(exc, code):
    assert delivery.refused_code(exc) == code
