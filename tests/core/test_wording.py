"""Wording: no English on Finnish and Swedish pages, language names in the page's language, one sender
name per language, plural forms, valid <time> and links."""

import re
from html import unescape

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from outbox.services import mail_queue
from tests.events.factories import EventFactory
from tests.network.factories import NoticeFactory
from tests.privacy.factories import person_everywhere

pytestmark = pytest.mark.django_db

# English UI words that have no business on a Finnish or Swedish page (whole words, case-sensitive).
ENGLISH_WORDS = [
    "Project contact of", "Reports", "Projects started", "Survey invitations", "Survey answers submitted",
    "Save", "Submit", "Cancel", "Delete", "Remove", "Edit", "Back", "Email", "Password", "Language",
    "Sign in", "Sign out", "Organization", "Name", "Date", "Title", "Yes", "No", "None",
    "Reviews", "Attachments", "Newsletter", "Events", "Download", "Send", "Change", "Add", "Required",
    "optional", "required", "Primary", "Verified", "Unverified", "Make Primary", "Re-send Verification",
]  # fmt: skip


def visible_text(html: str) -> str:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", main))


def english_words_in(text: str) -> list[str]:
    return [word for word in ENGLISH_WORDS if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]


def test_signed_in_pages_in_finnish_and_swedish_have_no_english_ui_words(client):
    person = person_everywhere()
    client.force_login(person.user)
    paths = [
        "/my-data/",
        "/members/my/",
        f"/members/my/{person.only_org.pk}/",
        f"/members/my/{person.only_org.pk}/contacts/",
        "/funding/applications/",
        f"/funding/applications/{person.application.pk}/",
        "/projects/my/",
        "/ai-implementations/own/",
        "/ai-implementations/new/",
        "/accounts/email/",
        "/accounts/password/change/",
    ]
    found = {}
    for language in ("fi", "sv"):
        for path in paths:
            response = client.get(f"/{language}{path}")
            assert response.status_code == 200, (language, path, response.status_code)
            words = english_words_in(visible_text(response.content.decode()))
            if words:
                found[f"/{language}{path}"] = words
    assert found == {}


def test_the_swedish_sign_in_and_sign_up_pages_point_to_each_other_correctly(client):
    login = visible_text(client.get("/sv/accounts/login/").content.decode())
    assert "Om du inte har skapat ett konto ännu, registrera dig först." in " ".join(login.split())
    signup = visible_text(client.get("/sv/accounts/signup/").content.decode())
    assert "Har du redan ett konto? Då kan du logga in ." in " ".join(signup.split())


@pytest.mark.parametrize(("lang", "name"), [("fi", "suomi"), ("sv", "Finska"), ("en", "Finnish")])
def test_language_names_are_in_the_language_of_the_page(client, lang, name):
    event = EventFactory(language="fi")
    html = client.get(f"/{lang}/events/{event.slug}/").content.decode()
    assert f"<dd>{name}</dd>" in html
    english = {"fi": "englanti", "sv": "Engelska", "en": "English"}[lang]
    assert re.search(f'<option value="en"( selected)?>{english}</option>', html)


@override_settings(DEFAULT_FROM_EMAIL="SOTE-tekoälyn ekosysteemi <noreply@ecosystem.example>")
def test_the_sender_name_is_in_the_language_of_the_mail():
    senders = {
        language: mail_queue(
            to="maija@example.fi", template="newsletter_already", context={"manage_url": "https://x/"},
            language=language,
        ).sender
        for language in ("fi", "sv", "en")
    }  # fmt: skip
    assert senders == {
        "fi": "SOTE-tekoälyn ekosysteemi <noreply@ecosystem.example>",
        "sv": "AI-ekosystemet inom social- och hälsovården <noreply@ecosystem.example>",
        "en": "Health and social care AI ecosystem <noreply@ecosystem.example>",
    }


def test_one_person_moved_up_from_the_waiting_list_is_singular():
    from django.utils.translation import ngettext

    with translation.override("fi"):
        message = ngettext(
            "%(count)d person moved up from the waiting list and was emailed.",
            "%(count)d people moved up from the waiting list and were emailed.",
            1,
        ) % {"count": 1}
    assert message == "Jonotuslistalta siirtyi osallistujaksi 1 henkilö, ja hänelle lähetettiin sähköposti."


def test_english_times_have_no_double_full_stop():
    from django.utils.formats import date_format

    moment = timezone.make_aware(timezone.datetime(2026, 12, 2, 8, 36))
    with translation.override("en"):
        assert f"The call closed at {date_format(moment, 'SHORT_DATETIME_FORMAT')}." == (
            "The call closed at 12/02/2026 08:36."
        )
        assert date_format(moment, "TIME_FORMAT") == "08:36"


def test_time_elements_carry_no_microseconds_and_unsafe_links_become_text(client):
    notice = NoticeFactory(
        publish_at=timezone.now().replace(microsecond=123456) - timezone.timedelta(hours=1),
        body_fi="[Klikkaa](javascript:alert(1)) ja [lue](https://example.fi/).",
    )
    html = client.get("/fi/bulletin-board/").content.decode()
    datetimes = re.findall(r'<time datetime="([^"]+)"', html)
    assert datetimes and all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", d) for d in datetimes
    )
    notice_html = client.get(f"/fi/bulletin-board/{notice.pk}/").content.decode()
    assert '<p>Klikkaa ja <a href="https://example.fi/"' in notice_html
    assert "<a>" not in notice_html
