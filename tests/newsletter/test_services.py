"""Subscription, self-service, campaigns and their sending: state, audit trail, mail at the sink."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone, translation

from core.models import AuditEntry
from newsletter import services
from newsletter.enums import CampaignState, DeliveryState, SubscriberStatus
from newsletter.models import Campaign, Delivery, Subscriber, WelcomeMessage
from newsletter.selectors import campaign_progress, subscriber_counts_over_time
from outbox.models import OutgoingMail
from tests.factories import UserFactory
from tests.newsletter.factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def in_language(language: str, msgid: str, **values) -> str:
    with translation.override(language):
        text = translation.gettext(msgid)
    return text % values if values else text


def confirm_link(mail) -> str:
    match = re.search(r"https?://\S+/newsletter/confirm/[^/\s]+/", mail.text())
    assert match is not None, mail.text()
    return match.group(0)


def signed_from(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


def test_subscription_needs_confirmation_and_welcomes_once(smtp, mail_after_commit, site):
    with mail_after_commit():
        subscriber = services.subscription_request(
            email="Anna.Svensson@Example.fi",
            language="sv",
            consent=True,
            form="footer",
            consent_text="Jag samtycker",
        )
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.language, subscriber.consent_form, subscriber.consent_method) == (
        "pending",
        "sv",
        "footer",
        "double_opt_in",
    )
    assert subscriber.consent_text == "Jag samtycker"
    entry = AuditEntry.objects.get(action="newsletter.subscriber.requested")
    assert (entry.object_id, entry.new) == (
        str(subscriber.pk),
        {"status": "pending", "language": "sv", "form": "footer"},
    )
    [mail] = smtp.wait_for(1)
    assert mail.rcpt_tos == ["Anna.Svensson@Example.fi"]
    assert mail.subject == in_language("sv", "Confirm your newsletter subscription")
    link = confirm_link(mail)
    assert link.startswith("https://sotetekoaly.example/sv/newsletter/confirm/")

    with mail_after_commit():
        confirmed = services.subscription_confirm(signed=signed_from(link))
        again = services.subscription_confirm(signed=signed_from(link))
    assert (confirmed.status, again.status) == ("confirmed", "confirmed")
    assert confirmed.welcome_sent_at is not None
    mails = smtp.wait_for(2)
    assert len(mails) == 2
    welcome = WelcomeMessage.objects.get()
    assert mails[1].subject.strip() == welcome.subject_sv
    assert mails[1].message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"https://sotetekoaly.example/sv/newsletter/s/{subscriber.token}/" in mails[1].text()
    assert AuditEntry.objects.filter(action="newsletter.subscriber.confirmed").count() == 1


def test_confirmation_link_expires_and_cannot_be_forged(settings):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    signed = services.confirmation_token(subscriber)
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    with pytest.raises(services.NewsletterError) as expired:
        services.subscription_confirm(signed=signed)
    assert expired.value.code == "expired"
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 3600
    forged = signing.dumps({"s": subscriber.pk, "e": "x"}, salt="newsletter.confirm")
    for bad in (forged, "not-a-token", signed + "x"):
        with pytest.raises(services.NewsletterError) as invalid:
            services.subscription_confirm(signed=bad)
        assert invalid.value.code == "invalid"
    assert Subscriber.objects.get(pk=subscriber.pk).status == "pending"


def test_asking_again_for_a_subscribed_address_changes_nothing_and_mails_the_private_link(
    smtp, mail_after_commit, site
):
    subscriber = SubscriberFactory(email="maija@example.fi", language="fi")
    with mail_after_commit():
        result = services.subscription_request(email="MAIJA@example.fi", language="en", consent=True)
    assert result.pk == subscriber.pk
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.language) == ("confirmed", "fi")
    assert Subscriber.objects.count() == 1
    [mail] = smtp.wait_for(1)
    assert mail.subject == in_language("fi", "You already subscribe to the newsletter")
    assert subscriber.get_absolute_url() in mail.text()


def test_consent_and_a_valid_address_are_required():
    with pytest.raises(services.NewsletterError) as no_consent:
        services.subscription_request(email="a@example.fi", language="fi", consent=False)
    with pytest.raises(services.NewsletterError) as bad_email:
        services.subscription_request(email="not an address", language="fi", consent=True)
    assert (no_consent.value.code, bad_email.value.code) == ("consent", "email")
    assert Subscriber.objects.count() == 0


def test_unsubscribe_erases_the_address_and_stops_queued_mail(mail_after_commit):
    subscriber = SubscriberFactory(email="pois@example.fi")
    campaign = CampaignFactory(state=CampaignState.SENDING)
    mail = OutgoingMail.objects.create(
        to="pois@example.fi", sender="x@example.fi", language="fi", template="t", subject="s",
        body_text="b", message_id="<m1@example.fi>",
    )  # fmt: skip
    Delivery.objects.create(campaign=campaign, subscriber=subscriber, mail=mail, language="fi")

    result = services.subscriber_unsubscribe(subscriber=subscriber, method="one_click")
    result.refresh_from_db()
    assert (result.status, result.email, result.ended_at is not None) == ("unsubscribed", "", True)
    assert Delivery.objects.get().state == "cancelled"
    mail.refresh_from_db()
    assert mail.state == "aborted"
    entry = AuditEntry.objects.get(action="newsletter.subscriber.unsubscribed")
    assert entry.new == {"status": "unsubscribed", "method": "one_click"}
    # Unsubscribing again is harmless.
    services.subscriber_unsubscribe(subscriber=result, method="one_click")
    assert AuditEntry.objects.filter(action="newsletter.subscriber.unsubscribed").count() == 1


def test_language_change_is_audited():
    subscriber = SubscriberFactory(language="fi")
    services.subscriber_change_language(subscriber=subscriber, language="sv")
    subscriber.refresh_from_db()
    assert subscriber.language == "sv"
    entry = AuditEntry.objects.get(action="newsletter.subscriber.language_changed")
    assert (entry.old, entry.new) == ({"language": "fi"}, {"language": "sv"})
    with pytest.raises(services.NewsletterError):
        services.subscriber_change_language(subscriber=subscriber, language="de")


def test_campaign_reaches_each_subscriber_in_their_language_with_unsubscribe_headers(
    smtp, mail_after_commit, site
):
    coordinator = UserFactory()
    fi = SubscriberFactory(email="fi@example.fi", language="fi")
    sv = SubscriberFactory(email="sv@example.fi", language="sv")
    en = SubscriberFactory(email="en@example.fi", language="en")
    SubscriberFactory(email="odottaa@example.fi", status=SubscriberStatus.PENDING)
    SubscriberFactory(email="pomppasi@example.fi", status=SubscriberStatus.BOUNCED)
    campaign = CampaignFactory(
        subject_fi="Uutiskirje 1/2026", subject_sv="Nyhetsbrev 1/2026", body_sv="Hej **alla**.", subject_en=""
    )
    with mail_after_commit():
        services.campaign_send(campaign=campaign, actor=coordinator)
    mails = {m.rcpt_tos[0]: m for m in smtp.wait_for(3)}
    assert sorted(mails) == ["en@example.fi", "fi@example.fi", "sv@example.fi"]
    assert mails["sv@example.fi"].subject == "Nyhetsbrev 1/2026"
    assert "Hej alla." in mails["sv@example.fi"].text()
    assert "<strong>alla</strong>" in mails["sv@example.fi"].html()
    # No English version: the Finnish one.
    assert mails["en@example.fi"].subject == "Uutiskirje 1/2026"
    assert mails["fi@example.fi"].subject == "Uutiskirje 1/2026"
    message = mails["sv@example.fi"].message
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message["List-Unsubscribe"]
        .strip()
        .startswith(f"<https://sotetekoaly.example/sv/newsletter/unsubscribe/{sv.token}/>, <mailto:")
    )
    assert f"https://sotetekoaly.example/sv/newsletter/s/{sv.token}/" in mails["sv@example.fi"].text()
    assert f"/fi/newsletter/s/{fi.token}/" in mails["fi@example.fi"].html()
    assert f"/en/newsletter/s/{en.token}/" in mails["en@example.fi"].text()

    services.campaign_refresh(campaign_id=campaign.pk)
    campaign.refresh_from_db()
    assert campaign.state == "sent"
    assert campaign.finished_at is not None
    assert sorted(Delivery.objects.values_list("subscriber__email", "language", "state")) == [
        ("en@example.fi", "fi", "sent"),
        ("fi@example.fi", "fi", "sent"),
        ("sv@example.fi", "sv", "sent"),
    ]
    assert [
        e.action for e in AuditEntry.objects.filter(object_type="newsletter.campaign").order_by("id")
    ] == [
        "newsletter.campaign.sent",
        "newsletter.campaign.queued",
        "newsletter.campaign.finished",
    ]


def test_queueing_walks_subscribers_in_chunks_and_is_idempotent():
    subscribers = [SubscriberFactory() for _ in range(5)]
    campaign = CampaignFactory(state=CampaignState.SENDING)
    assert services.campaign_enqueue_next(campaign_id=campaign.pk, chunk_size=2) is True
    campaign.refresh_from_db()
    assert campaign.cursor == subscribers[1].pk
    # A subscriber confirmed later with a smaller id than the cursor is not reached; one after it is.
    late = SubscriberFactory()
    while services.campaign_enqueue_next(campaign_id=campaign.pk, chunk_size=2):
        pass
    assert services.campaign_enqueue_next(campaign_id=campaign.pk, chunk_size=2) is False
    assert Delivery.objects.filter(campaign=campaign).count() == 6
    assert set(Delivery.objects.values_list("subscriber_id", flat=True)) == {
        s.pk for s in [*subscribers, late]
    }
    assert Delivery.objects.filter(mail__isnull=True).count() == 0
    assert OutgoingMail.objects.count() == 6
    campaign.refresh_from_db()
    progress = campaign_progress(campaign)
    assert (progress.total, progress.queued, progress.unqueued) == (6, 6, 0)


def test_pause_holds_back_queued_mail_and_resume_releases_it(mail_after_commit):
    coordinator = UserFactory()
    for _ in range(3):
        SubscriberFactory()
    campaign = CampaignFactory(state=CampaignState.SENDING)
    services.campaign_enqueue_next(campaign_id=campaign.pk)
    services.campaign_pause(campaign=campaign, actor=coordinator)
    assert sorted(OutgoingMail.objects.values_list("state", flat=True)) == ["aborted"] * 3
    assert Campaign.objects.get(pk=campaign.pk).state == "paused"
    with pytest.raises(services.NewsletterError):
        services.campaign_pause(campaign=campaign, actor=coordinator)
    services.campaign_resume(campaign=campaign, actor=coordinator)
    assert sorted(OutgoingMail.objects.values_list("state", flat=True)) == ["queued"] * 3
    services.campaign_cancel(campaign=campaign, actor=coordinator)
    campaign.refresh_from_db()
    assert campaign.state == "cancelled"
    assert sorted(Delivery.objects.values_list("state", flat=True)) == ["cancelled"] * 3
    assert [e.action for e in AuditEntry.objects.filter(object_type="newsletter.campaign").order_by("id")][
        1:
    ] == [
        "newsletter.campaign.paused",
        "newsletter.campaign.resumed",
        "newsletter.campaign.cancelled",
    ]


def test_campaign_pauses_itself_past_the_failure_threshold_and_failures_can_be_retried(
    smtp, mail_after_commit, settings
):
    settings.NEWSLETTER_FAILURE_MIN_SAMPLE = 4
    coordinator = UserFactory()
    for i in range(6):
        SubscriberFactory(email=f"r{i}@example.fi")
    campaign = CampaignFactory(failure_threshold=25)
    # A policy refusal (not a hard bounce of the address): failed, worth retrying later.
    smtp.fail_next("554 5.7.1 Message refused by policy", times=2)
    with mail_after_commit():
        services.campaign_send(campaign=campaign, actor=coordinator)
    services.campaigns_dispatch()  # what beat runs every 30 seconds
    campaign.refresh_from_db()
    assert campaign.state == "paused"
    assert campaign.paused_reason == in_language(
        "fi", "Paused automatically: %(failed)d of %(finished)d messages failed.", failed=2, finished=6
    )
    failed = list(Delivery.objects.filter(state=DeliveryState.FAILED).order_by("id"))
    assert [(d.subscriber.email, d.reason) for d in failed] == [
        ("r0@example.fi", "554 5.7.1 Message refused by policy"),
        ("r1@example.fi", "554 5.7.1 Message refused by policy"),
    ]
    with mail_after_commit():
        assert (
            services.campaign_retry_failed(campaign=campaign, actor=coordinator, delivery_ids=[failed[0].pk])
            == 1
        )
    services.campaign_refresh(campaign_id=campaign.pk)
    assert sorted(Delivery.objects.values_list("state", flat=True)) == ["failed"] + ["sent"] * 5
    assert len(smtp.wait_for(5)) == 5


def test_do_not_send_after_stops_the_campaign(mail_after_commit):
    coordinator = UserFactory()
    SubscriberFactory()
    now = timezone.now()
    past = CampaignFactory(not_after=now - timedelta(minutes=1))
    with pytest.raises(services.NewsletterError) as refused:
        services.campaign_send(campaign=past, actor=coordinator)
    assert refused.value.code == "not_after"

    campaign = CampaignFactory(state=CampaignState.SENDING, not_after=now + timedelta(hours=1))
    services.campaign_enqueue_next(campaign_id=campaign.pk)
    services.campaign_refresh(campaign_id=campaign.pk, now=now + timedelta(hours=2))
    campaign.refresh_from_db()
    assert campaign.state == "sent"
    assert list(Delivery.objects.values_list("state", flat=True)) == ["cancelled"]
    assert list(OutgoingMail.objects.values_list("state", flat=True)) == ["aborted"]


def test_scheduled_campaign_starts_when_due(smtp, mail_after_commit):
    coordinator = UserFactory()
    SubscriberFactory(email="ajastettu@example.fi")
    now = timezone.now()
    campaign = CampaignFactory(send_at=now + timedelta(hours=1))
    assert services.campaign_send(campaign=campaign, actor=coordinator, now=now).state == "scheduled"
    assert services.campaigns_dispatch(now=now)["started"] == 0
    with mail_after_commit():
        assert services.campaigns_dispatch(now=now + timedelta(hours=1, seconds=1))["started"] == 1
    assert [m.rcpt_tos for m in smtp.wait_for(1)] == [["ajastettu@example.fi"]]


def test_test_send_goes_to_the_coordinator_in_each_language(smtp, mail_after_commit):
    coordinator = UserFactory(email="koordinaattori@example.fi")
    SubscriberFactory()
    campaign = CampaignFactory(subject_fi="Kesäkuu", subject_sv="Juni", body_sv="Hej.")
    with mail_after_commit():
        assert services.campaign_test_send(campaign=campaign, actor=coordinator) == 3
    mails = smtp.wait_for(3)
    assert sorted(m.subject for m in mails) == sorted(
        [
            in_language("fi", "[Test] %(subject)s", subject="Kesäkuu"),
            in_language("fi", "[Test] %(subject)s", subject="Kesäkuu"),
            in_language("sv", "[Test] %(subject)s", subject="Juni"),
        ]
    )
    assert {m.rcpt_tos[0] for m in mails} == {"koordinaattori@example.fi"}
    assert Delivery.objects.count() == 0


def test_import_dry_run_shows_changes_and_saves_nothing():
    SubscriberFactory(email="olemassa@example.fi", language="fi")
    SubscriberFactory(email="lahtenyt@example.fi", status=SubscriberStatus.COMPLAINED)
    content = (
        b"email,language,consent\n"
        b"uusi@example.fi,sv,2025-03-01\n"
        b"OLEMASSA@example.fi,en,1.2.2025\n"
        b"lahtenyt@example.fi,fi,\n"
        b"rikki,fi,2025-01-01\n"
        b"toinen@example.fi,de,2025-01-01\n"
        b"uusi@example.fi,fi,2025-03-01\n"
    )
    result = services.subscribers_import(content=content, dry_run=True, actor=None, source="Mailchimp")
    assert [(r.line, r.action) for r in result.rows] == [
        (2, "create"), (3, "update"), (4, "error"), (5, "error"), (6, "error"), (7, "merged"),
    ]  # fmt: skip
    assert Subscriber.objects.count() == 2
    assert Subscriber.objects.get(email="olemassa@example.fi").language == "fi"

    result = services.subscribers_import(content=content, dry_run=False, actor=None, source="Mailchimp")
    assert (result.created, result.updated, result.merged, len(result.errors)) == (1, 1, 1, 3)
    new = Subscriber.objects.get(email="uusi@example.fi")
    consent_day = timezone.localtime(new.consent_at).date().isoformat()
    assert (new.status, new.language, new.consent_method, consent_day) == (
        "confirmed", "sv", "import", "2025-03-01",
    )  # fmt: skip
    assert Subscriber.objects.get(email="olemassa@example.fi").language == "en"
    assert AuditEntry.objects.get(action="newsletter.subscribers.imported").new == {
        "created": 1, "updated": 1, "merged": 1, "unchanged": 0, "errors": 3, "source": "Mailchimp",
    }  # fmt: skip


def test_subscriber_counts_over_time():
    now = timezone.now()
    SubscriberFactory(confirmed_at=now - timedelta(days=40))
    SubscriberFactory(
        confirmed_at=now - timedelta(days=40), ended_at=now - timedelta(days=5), status="unsubscribed"
    )
    SubscriberFactory(confirmed_at=now - timedelta(days=10))
    SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    today = timezone.localdate()
    points = subscriber_counts_over_time(start=today - timedelta(days=50), end=today, step_days=25)
    assert [(p.day, p.subscribers) for p in points] == [
        (today - timedelta(days=50), 0),
        (today - timedelta(days=25), 2),
        (today, 2),
    ]


def test_coordinators_drafts_and_welcome_text_are_saved_with_an_audit_entry(admin_client, admin_user):
    response = admin_client.post(
        "/en/admin/newsletter/campaign/add/",
        {"subject_fi": "Kevään uutiset", "body_fi": "Hei!", "failure_threshold": 20, "in_archive": "on"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    campaign = Campaign.objects.get()
    assert (campaign.created_by, campaign.state) == (admin_user, CampaignState.DRAFT)
    response = admin_client.post(
        f"/en/admin/newsletter/campaign/{campaign.pk}/change/",
        {"subject_fi": "Kesän uutiset", "body_fi": "Hei!", "failure_threshold": 20, "in_archive": "on"},
    )
    assert response.status_code == 302
    welcome = WelcomeMessage.objects.get()  # the one row comes with the migrations
    response = admin_client.post(
        f"/en/admin/newsletter/welcomemessage/{welcome.pk}/change/",
        {"subject_fi": "Tervetuloa", "body_fi": welcome.body_fi, "active": ""},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    entries = AuditEntry.objects.filter(object_type__in=["newsletter.campaign", "newsletter.welcomemessage"])
    created, edited, welcomed = entries.order_by("id")
    assert (created.action, created.actor_id, created.new["fields"]) == (
        "newsletter.campaign.created",
        admin_user.pk,
        ["body_fi", "failure_threshold", "subject_fi"],
    )
    assert (edited.action, edited.new) == (
        "newsletter.campaign.edited",
        {"state": "draft", "fields": ["subject_fi"]},
    )
    assert (welcomed.action, welcomed.actor_id, welcomed.new["active"]) == (
        "newsletter.welcome_message.edited",
        admin_user.pk,
        False,
    )
    assert "subject_fi" in welcomed.new["fields"]


def test_a_hard_smtp_refusal_suppresses_the_address_like_a_provider_bounce(smtp, mail_after_commit):
    coordinator = UserFactory()
    gone = SubscriberFactory(email="poistunut@example.fi")
    busy = SubscriberFactory(email="tilapaisesti@example.fi")
    smtp.fail_next("550 5.1.1 User unknown")
    smtp.fail_next("451 4.3.0 Try again later")
    first = CampaignFactory()
    with mail_after_commit():
        services.campaign_send(campaign=first, actor=coordinator)
    gone.refresh_from_db()
    busy.refresh_from_db()
    assert (gone.status, busy.status) == ("bounced", "confirmed")
    assert gone.end_reason == "550 5.1.1 User unknown"
    entry = AuditEntry.objects.get(action="newsletter.subscriber.bounced")
    assert (entry.object_id, entry.actor_id, entry.new) == (
        str(gone.pk), None, {"status": "bounced", "reason": "550 5.1.1 User unknown"},
    )  # fmt: skip
    failed = AuditEntry.objects.get(action="outbox.mail.failed")
    assert failed.new["hard_bounce"] == 550
    assert Delivery.objects.get(subscriber=gone).state == "bounced"
    second = CampaignFactory()
    with mail_after_commit():
        services.campaign_send(campaign=second, actor=coordinator)
    assert list(Delivery.objects.filter(campaign=second).values_list("subscriber__email", flat=True)) == [
        "tilapaisesti@example.fi"
    ]
