from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import AuditEntry
from events.models import Registration
from newsletter.models import Subscriber
from outbox.services import mail_queue
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ContactPersonFactory, UserFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db
EMAIL = "ville.verkkosivu@example.fi"


def test_the_overview_lists_what_is_stored(client):
    user = UserFactory(email=EMAIL)
    RegistrationFactory.create_batch(2, email=EMAIL)
    client.force_login(user)

    response = client.get("/en/my-data/")

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    sections = {s.key: s.count for s in response.context["sections"]}
    assert sections["events.registrations"] == 2
    assert sections["newsletter.subscriptions"] == 0
    page = response.content.decode()
    assert "Event registrations" in page
    assert 'href="/en/my-data/download/"' in page
    assert 'href="/en/my-data/erase/"' in page


def test_the_download_is_a_json_attachment_of_the_own_data_only(client):
    user = UserFactory(email=EMAIL)
    RegistrationFactory(email=EMAIL, name="Ville Verkkosivu")
    RegistrationFactory(name="Joku Muu")
    client.force_login(user)

    response = client.get("/fi/my-data/download/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="my-data-{timezone.localdate():%Y-%m-%d}.json"'
    )
    data = json.loads(response.content)
    assert data["email"] == EMAIL
    assert [r["name"] for r in data["apps"]["events"]["registrations"]] == ["Ville Verkkosivu"]


def test_erasure_needs_a_recent_sign_in(client):
    user = UserFactory(email=EMAIL)
    client.force_login(user)
    assert "/accounts/reauthenticate/" in client.get("/fi/my-data/erase/")["Location"]

    response = client.post("/fi/my-data/erase/", {"confirm": "on"})

    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response["Location"]
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_erasure_needs_the_confirmation(recently_signed_in):
    user = UserFactory(email=EMAIL)
    client = recently_signed_in(user)

    response = client.post("/en/my-data/erase/", {})

    assert response.status_code == 400
    assert "Tick the box to confirm the erasure." in response.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_erasure_page_warns_and_erasure_signs_out(recently_signed_in):
    user = UserFactory(email=EMAIL)
    ContactPersonFactory(user=user)
    registration = RegistrationFactory(
        email=EMAIL, event=EventFactory(starts_at=timezone.now() - timezone.timedelta(days=3))
    )
    client = recently_signed_in(user)
    page = client.get("/en/my-data/erase/").content.decode()
    assert "Erasure is permanent and cannot be undone." in page

    response = client.post("/en/my-data/erase/", {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/en/my-data/erased/"
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert "_auth_user_id" not in client.session
    registration.refresh_from_db()
    assert registration.name == ""
    assert AuditEntry.objects.filter(action="privacy.erasure.completed").count() == 1
    assert client.get("/en/my-data/").status_code == 302  # signed out


def test_subscriber_page_download_and_erasure_by_private_link(client):
    subscriber = SubscriberFactory(email=EMAIL)
    RegistrationFactory(email=EMAIL)
    mail_queue(to=EMAIL, template="newsletter_already", context={"manage_url": "https://x/"}, language="fi")

    page = client.get(f"/en/my-data/newsletter/{subscriber.token}/")
    assert page.status_code == 200
    assert {s.key: s.count for s in page.context["sections"]}["events.registrations"] == 1
    assert f'action="/en/my-data/newsletter/{subscriber.token}/erase/"' in page.content.decode()

    download = client.get(f"/en/my-data/newsletter/{subscriber.token}/download/")
    assert download["Content-Disposition"].startswith("attachment;")
    assert json.loads(download.content)["apps"]["newsletter"]["subscriptions"][0]["email"] == EMAIL

    assert client.post(f"/en/my-data/newsletter/{subscriber.token}/erase/", {}).status_code == 400
    response = client.post(f"/en/my-data/newsletter/{subscriber.token}/erase/", {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/en/my-data/erased/"
    subscriber.refresh_from_db()
    assert subscriber.email == ""
    assert not Registration.objects.filter(email__iexact=EMAIL).exists()
    # Nothing is left to show or download through the link.
    assert client.get(f"/en/my-data/newsletter/{subscriber.token}/download/").status_code == 404
    assert (
        "We no longer store an email address"
        in client.get(f"/en/my-data/newsletter/{subscriber.token}/").content.decode()
    )


def test_subscriber_with_an_account_is_sent_to_sign_in_for_erasure(client):
    UserFactory(email=EMAIL)
    subscriber = SubscriberFactory(email=EMAIL)

    page = client.get(f"/en/my-data/newsletter/{subscriber.token}/").content.decode()
    assert "A user account uses this address." in page
    assert "/erase/" not in page

    response = client.post(f"/en/my-data/newsletter/{subscriber.token}/erase/", {"confirm": "on"})
    assert response.status_code == 302
    assert Subscriber.objects.get(pk=subscriber.pk).email == EMAIL


def test_unknown_links_are_not_found(client):
    assert client.get("/fi/my-data/newsletter/" + "x" * 43 + "/").status_code == 404
    assert client.get("/fi/my-data/newsletter/short/download/").status_code == 404


def test_the_newsletter_page_and_my_organisations_link_here(client):
    subscriber = SubscriberFactory()
    assert (
        f"/en/my-data/newsletter/{subscriber.token}/"
        in client.get(f"/en/newsletter/s/{subscriber.token}/").content.decode()
    )
    client.force_login(ContactPersonFactory().user)
    assert 'href="/en/my-data/"' in client.get("/en/members/my/").content.decode()


def _grow(email: str, n: int) -> None:
    for _ in range(n):
        RegistrationFactory(email=email)
        mail_queue(
            to=email, template="newsletter_already", context={"manage_url": "https://x/"}, language="fi"
        )


@pytest.mark.parametrize("page", ["/fi/my-data/", "/fi/my-data/download/"])
def test_signed_in_pages_make_the_same_number_of_queries_for_many_rows(
    client, django_assert_num_queries, page
):
    user = UserFactory(email=EMAIL)
    client.force_login(user)
    _grow(EMAIL, 2)
    client.get(page)  # warm up (session, translations)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(page).status_code == 200
    _grow(EMAIL, 20)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(page).status_code == 200


def test_the_subscriber_page_makes_the_same_number_of_queries_for_many_rows(
    client, django_assert_num_queries
):
    subscriber = SubscriberFactory(email=EMAIL)
    _grow(EMAIL, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = f"/fi/my-data/newsletter/{subscriber.token}/"
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    _grow(EMAIL, 20)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200
