"""A coordinator sends a campaign deliberately: saved first, confirmed with its recipients per language,
to the audience chosen, and follows its progress (also while the mail server or the worker is away)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from core.models import AuditEntry
from newsletter.models import Campaign, Delivery
from outbox.models import OutgoingMail
from tests.factories import UserFactory
from tests.newsletter.factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = UserFactory(is_staff=True, email="koordinaattori@example.fi")
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)
    return user


def change_data(campaign: Campaign, **changes) -> dict:
    data = {
        "subject_fi": campaign.subject_fi, "body_fi": campaign.body_fi,
        "subject_sv": campaign.subject_sv or "", "body_sv": campaign.body_sv or "",
        "subject_en": "", "body_en": "", "audience_language": campaign.audience_language,
        "failure_threshold": "10", "in_archive": "on", "send_at_0": "", "send_at_1": "",
        "not_after_0": "", "not_after_1": "",
    }  # fmt: skip
    if campaign.audience_test_list:
        data["audience_test_list"] = "on"
    data.update(changes)
    return data


def url(campaign: Campaign, rest: str) -> str:
    return f"/en/admin/newsletter/campaign/{campaign.pk}/{rest}"


def test_send_saves_the_edits_then_confirms_the_recipients_per_language(client, coordinator):
    for email in ("a@example.fi", "b@example.fi"):
        SubscriberFactory(email=email, language="fi")
    SubscriberFactory(email="c@example.fi", language="sv")
    SubscriberFactory(email="d@example.fi", language="en")
    SubscriberFactory(email="e@example.fi", status="pending")
    campaign = CampaignFactory(subject_fi="Vanha otsikko", subject_sv="Rubrik", body_sv="Hej.")

    # The edits on the page are saved by the send button itself: what is sent is what is saved.
    response = client.post(
        url(campaign, "change/"), change_data(campaign, subject_fi="Uusi", _newsletter_send="1")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == url(campaign, "send/")
    campaign.refresh_from_db()
    assert (campaign.subject_fi, campaign.state) == ("Uusi", "draft")

    confirm = client.get(url(campaign, "send/"))
    assert [(r["language"], r["count"], r["version"], r["subject"]) for r in confirm.context["rows"]] == [
        ("suomi", 2, "suomi", "Uusi"), ("svenska", 1, "svenska", "Rubrik"), ("English", 1, "suomi", "Uusi"),
    ]  # fmt: skip
    assert confirm.context["total"] == 4
    assert "Send now to 4 recipients" in confirm.content.decode()

    # One click on the old action sends nothing: it leads to the confirmation.
    one_click = client.post(url(campaign, "do/send/"))
    assert one_click["Location"] == url(campaign, "send/")
    assert (Campaign.objects.get(pk=campaign.pk).state, Delivery.objects.count()) == ("draft", 0)

    # Saved again after the confirmation page was shown (a colleague's edit): confirm again.
    version = confirm.context["version"]
    client.post(url(campaign, "change/"), change_data(campaign, subject_fi="Uusin"))
    stale = client.post(url(campaign, "do/send/"), {"version": version})
    assert stale["Location"] == url(campaign, "send/")
    assert Campaign.objects.get(pk=campaign.pk).state == "draft"

    confirm = client.get(url(campaign, "send/"))
    client.post(url(campaign, "do/send/"), {"version": confirm.context["version"]})
    campaign.refresh_from_db()
    assert campaign.state == "sending"
    entry = AuditEntry.objects.get(action="newsletter.campaign.sent")
    assert entry.new["recipients"] == {"fi": 2, "sv": 1, "en": 1}


@pytest.mark.parametrize(
    ("audience", "expected"),
    [({"audience_language": "sv"}, ["c@example.fi"]), ({"audience_test_list": "on"}, ["a@example.fi"])],
)
def test_a_campaign_goes_only_to_its_audience(client, coordinator, mail_after_commit, audience, expected):
    SubscriberFactory(email="a@example.fi", language="fi", on_test_list=True)
    SubscriberFactory(email="b@example.fi", language="fi")
    SubscriberFactory(email="c@example.fi", language="sv")
    campaign = CampaignFactory()
    client.post(url(campaign, "change/"), change_data(campaign, **audience))
    confirm = client.get(url(campaign, "send/"))
    assert confirm.context["total"] == 1
    with mail_after_commit():
        client.post(url(campaign, "do/send/"), {"version": confirm.context["version"]})
    assert list(Delivery.objects.values_list("subscriber__email", flat=True)) == expected
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == expected


def test_progress_shows_the_mail_server_trouble_and_a_missing_worker(
    client, coordinator, smtp, mail_after_commit
):
    for i in range(3):
        SubscriberFactory(email=f"r{i}@example.fi")
    campaign = CampaignFactory()
    smtp.fail_next("451 4.3.0 Temporary local problem", times=2)
    from newsletter import services

    with mail_after_commit():
        services.campaign_send(campaign=campaign, actor=coordinator)
    progress = client.get(url(campaign, "progress/"))
    assert "no-store" in progress["Cache-Control"]
    html = progress.content.decode()
    assert "waiting for retry 2" in html
    assert "451 4.3.0 Temporary local problem" in html
    assert f'data-progress-url="{url(campaign, "progress/")}"' in html

    # Messages due for ten minutes that no worker has taken.
    OutgoingMail.objects.filter(state="awaiting_retry").update(
        state="queued", next_attempt_at=timezone.now() - timedelta(minutes=10)
    )
    html = client.get(url(campaign, "progress/")).content.decode()
    assert "No worker has taken the waiting messages for 10 minutes" in html
    change = client.get(url(campaign, "change/")).content.decode()
    assert 'src="/static/js/newsletter_progress.js"' in change and "<script>" not in change


def test_coordinators_put_subscribers_on_the_test_list_with_an_audit_entry(client, coordinator):
    colleague = SubscriberFactory(email="kollega@example.fi")
    response = client.post(
        "/en/admin/newsletter/subscriber/",
        {"action": "add_to_test_list", "_selected_action": [colleague.pk]},
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.on_test_list is True
    entry = AuditEntry.objects.get(action="newsletter.subscriber.test_list_changed")
    assert (entry.actor_id, entry.new) == (coordinator.pk, {"on_test_list": True})


def test_a_campaign_scheduled_in_finnish_time_is_cancellable_until_then(
    client, coordinator, mail_after_commit
):
    from zoneinfo import ZoneInfo

    from newsletter import services

    SubscriberFactory(email="lukija@example.fi")
    campaign = CampaignFactory()
    client.post(url(campaign, "change/"), change_data(campaign, send_at_0="2030-03-06", send_at_1="09:00"))
    campaign.refresh_from_db()
    helsinki = timezone.datetime(2030, 3, 6, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert campaign.send_at == helsinki  # 07:00 UTC
    confirm = client.get(url(campaign, "send/"))
    assert confirm.context["scheduled"] is True
    assert "Schedule for 1 recipient" in confirm.content.decode()
    response = client.post(url(campaign, "do/send/"), {"version": confirm.context["version"]}, follow=True)
    assert "The campaign is scheduled for" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.state == "scheduled"
    assert services.campaigns_dispatch(now=helsinki - timedelta(minutes=1))["started"] == 0

    client.post(url(campaign, "do/cancel/"))
    campaign.refresh_from_db()
    assert campaign.state == "cancelled"
    with mail_after_commit():
        assert services.campaigns_dispatch(now=helsinki + timedelta(minutes=1))["started"] == 0
    assert (Delivery.objects.count(), OutgoingMail.objects.count()) == (0, 0)

    # Another one reaches its moment: started once however often the periodic duty runs.
    due = CampaignFactory(send_at=helsinki)
    services.campaign_send(campaign=due, actor=coordinator, now=helsinki - timedelta(hours=1))
    with mail_after_commit():
        runs = [services.campaigns_dispatch(now=helsinki + timedelta(seconds=s))["started"] for s in (1, 31)]
    assert runs == [1, 0]
    assert list(Delivery.objects.filter(campaign=due).values_list("subscriber__email", flat=True)) == [
        "lukija@example.fi"
    ]


def _xlsx(rows) -> bytes:
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_launch_import_from_xlsx_dry_run_merge_consent_carried_over_and_safe_to_repeat(
    client, coordinator, mail_after_commit
):
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from newsletter.models import Subscriber

    SubscriberFactory(email="jo@example.fi")
    content = _xlsx([
        ["email", "language", "consent"],
        ["uusi@example.fi", "sv", date(2024, 5, 2)],
        ["jo@example.fi", "fi", date(2023, 1, 1)],
        ["UUSI@example.fi", "sv", date(2023, 11, 20)],
        ["eipvm@example.fi", "fi", None],
    ])  # fmt: skip

    def upload(dry_run: bool):
        data = {"file": SimpleUploadedFile("lista.xlsx", content), "source": "Mailchimp"}
        if dry_run:
            data["dry_run"] = "on"
        with mail_after_commit():
            return client.post("/en/admin/newsletter/subscriber/import/", data)

    dry = upload(True)
    assert [(r.line, r.action) for r in dry.context["result"].rows] == [
        (2, "create"), (3, "unchanged"), (4, "merged"), (5, "error"),
    ]  # fmt: skip
    assert "Merged with row 2." in dry.content.decode()
    assert Subscriber.objects.count() == 1

    upload(False)
    new = Subscriber.objects.get(email="uusi@example.fi")
    assert (new.status, new.language, new.consent_method, new.consent_source) == (
        "confirmed", "sv", "import", "Mailchimp",
    )  # fmt: skip
    assert timezone.localtime(new.consent_at).date() == date(2023, 11, 20)  # the earliest of the merged
    assert new.consent_text == "Samtycke givet i det tidigare systemet (Mailchimp) den 20 november 2023."
    assert OutgoingMail.objects.count() == 0
    assert AuditEntry.objects.filter(action="newsletter.subscribers.imported").count() == 1

    again = upload(False)
    result = again.context["result"]
    assert (result.created, result.updated, result.unchanged, result.merged) == (0, 0, 2, 1)
    assert Subscriber.objects.count() == 2
    assert OutgoingMail.objects.count() == 0
