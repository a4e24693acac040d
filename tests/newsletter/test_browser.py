"""The newsletter as a person meets it, in Debian's Chromium: subscribe, confirm, receive, unsubscribe."""

from __future__ import annotations

import re
import urllib.request

import pytest
from django.db import transaction
from django.utils import timezone

from newsletter import services
from newsletter.enums import CampaignState
from newsletter.models import Subscriber
from tests.factories import UserFactory
from tests.newsletter.factories import CampaignFactory, SubscriberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_subscribe_in_swedish_confirm_receive_and_unsubscribe_with_one_click(
    page, live_server, smtp, settings
):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/sv/newsletter/")
    form = page.locator("form.subscription-form")
    form.get_by_label("E-post").fill("sara@example.fi")
    # (Labels by field: the Swedish catalogue entries arrive when the lead merges the translations.)
    form.locator("select[name=language]").select_option("sv")
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/sv/newsletter/thanks/")

    [confirmation] = smtp.wait_for(1)
    assert confirmation.rcpt_tos == ["sara@example.fi"]
    link = re.search(r"https?://\S+/sv/newsletter/confirm/\S+/", confirmation.text())
    assert link is not None, confirmation.text()
    page.goto(link.group(0))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sv/newsletter/s/[-\w]+/$"))
    subscriber = Subscriber.objects.get(email="sara@example.fi")
    assert subscriber.status == "confirmed"
    assert len(smtp.wait_for(2)) == 2  # the welcome

    campaign = CampaignFactory(subject_fi="Uutiskirje", subject_sv="Nyhetsbrev", body_sv="Hej **alla**!")
    with transaction.atomic():
        services.campaign_send(campaign=campaign, actor=UserFactory())
    mail = smtp.wait_for(3)[2]
    assert mail.rcpt_tos == ["sara@example.fi"]
    assert mail.subject == "Nyhetsbrev"
    assert "Hej alla!" in mail.text()
    unsubscribe = mail.message["List-Unsubscribe"].strip()
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https_link, mailto = re.findall(r"<([^>]+)>", unsubscribe)
    assert https_link == f"{live_server.url}/sv/newsletter/unsubscribe/{subscriber.token}/"
    assert mailto.startswith("mailto:")

    # What a mail client does (RFC 8058): a POST without cookies or a CSRF token.
    request = urllib.request.Request(
        https_link, data=b"List-Unsubscribe=One-Click", method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.email) == ("unsubscribed", "")

    SubscriberFactory(email="muut@example.fi")
    later = CampaignFactory(subject_fi="Seuraava")
    with transaction.atomic():
        services.campaign_send(campaign=later, actor=UserFactory())
    mails = smtp.wait_for(4)
    assert [m.rcpt_tos for m in mails[3:]] == [["muut@example.fi"]]
    page.goto(f"{live_server.url}/sv/newsletter/s/{subscriber.token}/")
    assert page.locator("main form").count() == 0  # nothing left to change


def test_subscribe_form_and_public_pages_have_no_accessibility_violations(
    page, live_server, assert_accessible
):
    subscriber = SubscriberFactory()
    pending = SubscriberFactory(email="odottaa@example.fi", status="pending", confirmed_at=None)
    signed = services.confirmation_token(pending)
    campaign = CampaignFactory(
        subject_sv="Nyhetsbrev", body_sv="## Nytt\n\n- AI\n- [Länk](https://example.fi)",
        state=CampaignState.SENT, finished_at=timezone.now(),
    )  # fmt: skip
    for language in ("fi", "sv", "en"):
        for path in (
            "/newsletter/",
            "/newsletter/thanks/",
            f"/newsletter/confirm/{signed}/",
            "/newsletter/confirm/invalid/",
            f"/newsletter/s/{subscriber.token}/",
            f"/newsletter/unsubscribe/{subscriber.token}/",
            "/newsletter/archive/",
            f"/newsletter/archive/{campaign.pk}/",
            "/events/",
        ):
            page.goto(f"{live_server.url}/{language}{path}")
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator("h1").count() == 1, path
            assert_accessible(page)
        # The form with its error messages shown.
        page.goto(f"{live_server.url}/{language}/newsletter/")
        page.locator("form.subscription-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("main .errorlist").count() >= 2
        assert_accessible(page)


def test_campaign_page_refreshes_its_progress_and_keeps_tools_clear_of_the_title(
    page, live_server, settings, assert_accessible
):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from core.groups import COORDINATORS
    from newsletter.models import Campaign, Delivery
    from tests.support.mfa import browser_sign_in

    settings.NEWSLETTER_PROGRESS_REFRESH_SECONDS = 0.3
    coordinator = UserFactory(email="koordinaattori@example.fi", is_staff=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)
    readers = [SubscriberFactory() for _ in range(3)]
    campaign = CampaignFactory(
        subject_fi="Sote-tekoälyekosysteemin uutiskirje: kevään tapahtumat, rahoitushaut ja käyttötapaukset",
        state=CampaignState.SENDING,
        started_at=timezone.now(),
    )
    browser_sign_in(page, live_server.url, coordinator.email, "correct-horse-battery")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/fi/admin/newsletter/campaign/{campaign.pk}/change/")
    region = page.locator(".newsletter-live-progress")
    assert region.locator("progress").get_attribute("value") == "0"

    # No tool lies over the title or the subtitle (the campaign's subject).
    headings = [page.locator(sel).bounding_box() for sel in ("#content > h1", "#content > h2")]
    for tool in page.locator("#content .object-tools li").all():
        box = tool.bounding_box()
        for heading in headings:
            overlap_x = min(box["x"] + box["width"], heading["x"] + heading["width"]) - max(
                box["x"], heading["x"]
            )
            overlap_y = min(box["y"] + box["height"], heading["y"] + heading["height"]) - max(
                box["y"], heading["y"]
            )
            assert overlap_x <= 0 or overlap_y <= 0, (heading, box)

    # The sending finishes while the page is open: the figures follow without a reload.
    for reader in readers:
        Delivery.objects.create(campaign=campaign, subscriber=reader, language="fi", state="sent")
    Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.SENT, enqueue_done=True)
    region.locator("progress[value='3']").wait_for(timeout=5000)
    assert region.get_attribute("data-progress-url") is None
