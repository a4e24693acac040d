"""Public pages (subscribe, confirm, self-service, one-click, archive, feed), webhook, admin tools."""

from __future__ import annotations

import base64
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import AuditEntry
from newsletter import services
from newsletter.enums import CampaignState, SubscriberStatus
from newsletter.models import Campaign, Subscriber, TrackingEvent
from tests.factories import UserFactory
from tests.newsletter.factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {"email": "maija@example.fi", "language": "fi", "consent": "on", "website": "", "form": "page"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_every_page_has_the_footer_form_and_the_nav_item(client):
    response = client.get("/sv/events/")
    html = response.content.decode()
    assert 'action="/sv/newsletter/"' in html
    assert 'name="website"' in html
    assert 'href="/sv/newsletter/"' in html


def test_the_answer_never_reveals_whether_an_address_is_subscribed(client, mail_after_commit):
    SubscriberFactory(email="olemassa@example.fi")
    with mail_after_commit():
        existing = client.post("/fi/newsletter/", form_data(email="olemassa@example.fi"))
        new = client.post("/fi/newsletter/", form_data(email="uusi@example.fi"))
    assert (existing.status_code, existing["Location"]) == (302, "/fi/newsletter/thanks/")
    assert (new.status_code, new["Location"]) == (302, "/fi/newsletter/thanks/")
    assert dict(Subscriber.objects.values_list("email", "status")) == {
        "olemassa@example.fi": "confirmed",
        "uusi@example.fi": "pending",
    }
    assert client.get("/fi/newsletter/thanks/").status_code == 200


def test_honeypot_pretends_success_and_stores_nothing(client):
    response = client.post("/fi/newsletter/", form_data(website="http://spam.example"))
    assert (response.status_code, response["Location"]) == (302, "/fi/newsletter/thanks/")
    assert Subscriber.objects.count() == 0


def test_rate_limits_per_address_and_per_client(client, settings, mail_after_commit):
    settings.NEWSLETTER_RATE_LIMIT_PER_EMAIL = 2
    settings.NEWSLETTER_RATE_LIMIT_PER_CLIENT = 4
    from django.core.cache import cache

    cache.clear()
    with mail_after_commit():
        answers = [client.post("/fi/newsletter/", form_data()).status_code for _ in range(3)]
    assert answers == [302, 302, 302]
    # The third request for the same address sent nothing, without saying so.
    from outbox.models import OutgoingMail

    assert OutgoingMail.objects.filter(to="maija@example.fi").count() == 2
    answers = [
        client.post("/fi/newsletter/", form_data(email=f"x{i}@example.fi")).status_code for i in range(2)
    ]
    assert answers == [302, 429]
    other_client = client.post("/fi/newsletter/", form_data(email="y@example.fi"), REMOTE_ADDR="10.0.0.9")
    assert other_client.status_code == 302
    cache.clear()


def test_bad_input_gives_errors_not_500(client):
    response = client.post("/fi/newsletter/", form_data(email="ei osoite", consent=None, language="de"))
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"email", "consent", "language"}
    assert client.get("/fi/newsletter/confirm/roskaa/").status_code == 400
    assert client.post("/fi/newsletter/confirm/roskaa/").status_code == 400
    assert client.get("/fi/newsletter/s/olematon-tunniste-joka-on-pitka/").status_code == 404
    assert client.post("/fi/newsletter/unsubscribe/x/").status_code == 404
    assert client.get("/fi/newsletter/archive/?page=abc").status_code == 200
    assert client.get("/fi/newsletter/archive/999999/").status_code == 404


def test_confirm_page_confirms_on_post_only(client):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    url = f"/fi/newsletter/confirm/{services.confirmation_token(subscriber)}/"
    assert client.get(url).status_code == 200
    assert Subscriber.objects.get(pk=subscriber.pk).status == "pending"
    response = client.post(url)
    assert (response.status_code, response["Location"]) == (302, f"/fi/newsletter/s/{subscriber.token}/")
    assert Subscriber.objects.get(pk=subscriber.pk).status == "confirmed"


def test_one_click_post_unsubscribes_at_once_without_csrf(client):
    subscriber = SubscriberFactory(email="pois@example.fi")
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        f"/sv/newsletter/unsubscribe/{subscriber.token}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.email) == ("unsubscribed", "")
    # The self-service unsubscribe keeps CSRF protection.
    other = SubscriberFactory()
    assert strict.post(f"/fi/newsletter/s/{other.token}/unsubscribe/").status_code == 403
    assert Subscriber.objects.get(pk=other.pk).status == "confirmed"


def test_self_service_shows_data_changes_language_and_unsubscribes(client):
    subscriber = SubscriberFactory(email="oma@example.fi", language="fi")
    page = client.get(f"/en/newsletter/s/{subscriber.token}/")
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "oma@example.fi" in page.content.decode()
    response = client.post(f"/en/newsletter/s/{subscriber.token}/", {"language": "en"})
    assert response.status_code == 302
    assert Subscriber.objects.get(pk=subscriber.pk).language == "en"
    client.post(f"/en/newsletter/s/{subscriber.token}/unsubscribe/")
    assert Subscriber.objects.get(pk=subscriber.pk).status == "unsubscribed"
    assert "oma@example.fi" not in client.get(f"/en/newsletter/s/{subscriber.token}/").content.decode()


POSTMARK_BOUNCE = {
    "RecordType": "Bounce",
    "ID": 4323372036854775807,
    "Type": "HardBounce",
    "MessageID": "<abc@example.fi>",
    "Email": "pomppaa@example.fi",
    "BouncedAt": "2026-03-05T10:00:00Z",
    "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
    "Details": "smtp;550 5.1.1 unknown user",
}


def test_bounce_webhook_marks_the_subscriber_once(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "posti:salasana"}
    subscriber = SubscriberFactory(email="pomppaa@example.fi")
    auth = "Basic " + base64.b64encode(b"posti:salasana").decode()
    url = "/fi/newsletter/webhooks/postmark/tracking/"
    for _ in range(2):
        response = client.post(
            url, json.dumps(POSTMARK_BOUNCE), content_type="application/json", HTTP_AUTHORIZATION=auth
        )
        assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "bounced"
    assert TrackingEvent.objects.count() == 1
    assert AuditEntry.objects.filter(action="newsletter.subscriber.bounced").count() == 1
    assert client.post(url, json.dumps(POSTMARK_BOUNCE), content_type="application/json").status_code == 400
    complaint = {**POSTMARK_BOUNCE, "RecordType": "SpamComplaint", "Type": "SpamComplaint", "ID": 2}
    other = SubscriberFactory(email="valittaa@example.fi")
    complaint["Email"] = other.email
    client.post(url, json.dumps(complaint), content_type="application/json", HTTP_AUTHORIZATION=auth)
    assert Subscriber.objects.get(pk=other.pk).status == "complained"


def test_webhook_is_off_without_a_secret(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    response = client.post(
        "/fi/newsletter/webhooks/postmark/tracking/",
        json.dumps(POSTMARK_BOUNCE),
        content_type="application/json",
    )
    assert response.status_code == 404


def _sent_campaigns(n: int):
    now = timezone.now()
    for i in range(n):
        CampaignFactory(
            subject_fi=f"Uutiskirje {i}", subject_sv=f"Nyhetsbrev {i}", body_sv="Hej.",
            state=CampaignState.SENT, finished_at=now,
        )  # fmt: skip


def test_archive_in_each_language_and_the_atom_feed(client):
    _sent_campaigns(2)
    CampaignFactory(subject_fi="Luonnos")
    html = client.get("/sv/newsletter/archive/").content.decode()
    assert "Nyhetsbrev 1" in html and "Luonnos" not in html
    campaign = Campaign.objects.get(subject_fi="Uutiskirje 0")
    detail = client.get(f"/en/newsletter/archive/{campaign.pk}/").content.decode()
    assert "Uutiskirje 0" in detail and 'lang="fi"' in detail
    feed = client.get("/sv/newsletter/archive/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert feed.content.decode().count("<entry>") == 2
    assert "Nyhetsbrev 0" in feed.content.decode()
    assert 'xml:lang="sv"' in feed.content.decode()
    assert 'xml:lang="en"' in client.get("/en/newsletter/archive/feed.atom").content.decode()


@pytest.mark.parametrize("path", ["/fi/newsletter/archive/", "/fi/newsletter/"])
def test_public_lists_have_constant_query_counts(client, path):
    _sent_campaigns(10)
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    _sent_campaigns(290)
    with CaptureQueriesContext(connection) as many:
        assert client.get(path).status_code == 200
    assert len(many) == len(few)


def test_admin_campaign_list_has_constant_query_count(admin_client):
    for _ in range(5):
        SubscriberFactory()
    _sent_campaigns(10)
    admin_client.get("/en/admin/newsletter/campaign/")
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get("/en/admin/newsletter/campaign/").status_code == 200
    _sent_campaigns(290)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get("/en/admin/newsletter/campaign/?all=")
        assert response.status_code == 200
    assert len(many) == len(few)
    assert "<progress" in response.content.decode()
    assert 'style="' not in response.content.decode().split('id="changelist"')[1].split("</table>")[0]


def test_coordinator_sends_from_the_admin_and_sees_progress(client, smtp, mail_after_commit):
    from django.contrib.auth.models import Group

    coordinator = UserFactory(is_staff=True, email="koordinaattori@example.fi")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(coordinator)
    SubscriberFactory(email="lukija@example.fi")
    response = client.post(
        "/fi/admin/newsletter/campaign/add/",
        {
            "subject_fi": "Maaliskuun uutiskirje", "body_fi": "Hei **kaikki**!",
            "subject_sv": "", "body_sv": "",
            "subject_en": "", "body_en": "", "failure_threshold": "10", "in_archive": "on",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get()
    assert campaign.created_by == coordinator
    change = client.get(f"/fi/admin/newsletter/campaign/{campaign.pk}/change/").content.decode()
    assert 'name="_newsletter_send"' in change
    preview = client.get(f"/fi/admin/newsletter/campaign/{campaign.pk}/preview/sv/")
    assert preview.status_code == 200
    assert "Maaliskuun uutiskirje" in preview.content.decode()
    with mail_after_commit():
        client.post(f"/fi/admin/newsletter/campaign/{campaign.pk}/do/test/")
        confirm = client.get(f"/fi/admin/newsletter/campaign/{campaign.pk}/send/")
        client.post(
            f"/fi/admin/newsletter/campaign/{campaign.pk}/do/send/", {"version": confirm.context["version"]}
        )
    services.campaigns_dispatch()
    campaign.refresh_from_db()
    assert campaign.state == "sent"
    assert sorted(m.rcpt_tos[0] for m in smtp.wait_for(4)) == ["koordinaattori@example.fi"] * 3 + [
        "lukija@example.fi"
    ]
    failures = client.get(f"/fi/admin/newsletter/campaign/{campaign.pk}/failures/")
    assert failures.status_code == 200
    assert client.get(f"/fi/admin/newsletter/campaign/{campaign.pk}/do/send/").status_code == 405
    assert client.post(f"/fi/admin/newsletter/campaign/{campaign.pk}/do/explode/").status_code == 404


def test_admin_import_dry_run_and_export(admin_client):
    SubscriberFactory(email="vanha@example.fi", language="sv")
    upload = SimpleUploadedFile("lista.csv", b"email;language;consent\nuusi@example.fi;en;2025-02-01\n")
    response = admin_client.post(
        "/en/admin/newsletter/subscriber/import/", {"file": upload, "dry_run": "on", "source": "Mailchimp"}
    )
    assert response.status_code == 200
    assert response.context["result"].created == 1
    assert Subscriber.objects.count() == 1
    export = admin_client.get("/en/admin/newsletter/subscriber/export.csv")
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0] == "email,language,consent_date,status,subscribed,consent_method,consent_form"
    assert rows[1].startswith("vanha@example.fi,sv,")
    assert admin_client.get("/en/admin/newsletter/subscriber/").status_code == 200


def test_consent_evidence_keeps_the_client_the_browser_and_the_version_of_the_text(client, mail_after_commit):
    import hashlib

    agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
    with mail_after_commit():
        client.post("/fi/newsletter/", form_data(), REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT=agent)
        client.post(
            "/sv/newsletter/", form_data(email="sara@example.fi", language="sv"), REMOTE_ADDR="203.0.113.7"
        )
    maija = Subscriber.objects.get(email="maija@example.fi")
    sara = Subscriber.objects.get(email="sara@example.fi")
    assert maija.consent_user_agent == agent
    # A keyed hash of the address, never the address: equal for one client, checkable with the key.
    assert maija.consent_client == services.consent_client_hash("203.0.113.7") == sara.consent_client
    assert "203.0.113" not in maija.consent_client and len(maija.consent_client) == 64
    assert maija.consent_client != hashlib.sha256(b"203.0.113.7").hexdigest()
    digest = hashlib.sha256(maija.consent_text.encode()).hexdigest()[:12]
    assert maija.consent_text_version == f"fi-{digest}"
    assert sara.consent_text_version.startswith("sv-") and sara.consent_text != maija.consent_text
