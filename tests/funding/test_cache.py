"""The call page from the shared cache (core.public_cache): the call's own content is shared, the
"Applying" part is each person's own; changes and the call's opening and closing show on the next
request in every language. These tests commit (transactional database), as only committed data is cached."""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.models import FormQuestion
from funding.selectors.answers import call_questions
from tests.funding.factories import (
    CallQuestionFactory,
    FundingCallFactory,
    RegionOrganisationFactory,
    applicant,
)

pytestmark = pytest.mark.django_db(transaction=True)
LANGUAGES = ("fi", "sv", "en")
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
OPEN = {"fi": "Haku auki", "sv": "Öppen för ansökningar", "en": "Open for applications"}
CLOSED = {"fi": "Päättynyt", "sv": "Stängd", "en": "Closed"}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def get(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    # Each response has its own masked CSRF token (the footer form is never cached).
    return len(queries), CSRF_TOKEN.sub("csrf", response.content.decode())


def fill(client, path="/funding/") -> None:
    for language in LANGUAGES:
        first, html = get(client, f"/{language}{path}")
        again, cached = get(client, f"/{language}{path}")
        assert again == 0 and cached == html, language


def test_a_change_to_the_call_shows_next_in_each_language(client):
    call = FundingCallFactory()
    fill(client)
    fill(client, f"/funding/calls/{call.slug}/")
    call.title_fi, call.title_sv, call.title_en = "Uusi haku", "Ny utlysning", "New call"
    call.save()
    CallQuestionFactory(
        call=call, question_fi="Saako kysyä?", question_sv="Får man fråga?", question_en="May I ask?"
    )
    expected = {
        "fi": ("<h1>Uusi haku</h1>", "Saako kysyä?"),
        "sv": ("<h1>Ny utlysning</h1>", "Får man fråga?"),
        "en": ("<h1>New call</h1>", "May I ask?"),
    }
    for language in LANGUAGES:
        for path in ("/funding/", f"/funding/calls/{call.slug}/"):
            html = get(client, f"/{language}{path}")[1]
            assert all(text in html for text in expected[language]), (language, path)


def test_a_new_eligible_organisation_shows_next_in_each_language(client):
    call = FundingCallFactory()
    fill(client)
    call.eligible_organisations.add(RegionOrganisationFactory(name="Zeta-alueen hyvinvointialue"))
    for language in LANGUAGES:
        assert "Zeta-alueen hyvinvointialue" in get(client, f"/{language}/funding/")[1]


def test_the_applying_part_is_each_persons_own(client):
    call = FundingCallFactory()
    contact = applicant(call)
    signed_in = Client()
    signed_in.force_login(contact.user)
    start = f'class="button" href="/fi/funding/calls/{call.slug}/apply/"'
    assert start in get(signed_in, "/fi/funding/")[1]
    queries, html = get(client, "/fi/funding/")
    assert queries == 0
    assert start not in html and "Kirjaudu sisään hakeaksesi" in html
    assert start in get(signed_in, "/fi/funding/")[1]


def test_the_call_closes_on_time_in_each_language(client):
    now = timezone.now()
    FundingCallFactory(opens_at=now - timedelta(days=1), closes_at=now + timedelta(seconds=2))
    for language in LANGUAGES:
        assert OPEN[language] in get(client, f"/{language}/funding/")[1]
    time.sleep(max(0.0, (now + timedelta(seconds=2.1) - timezone.now()).total_seconds()))
    for language in LANGUAGES:
        html = get(client, f"/{language}/funding/")[1]
        assert CLOSED[language] in html and OPEN[language] not in html


def test_an_unknown_call_is_not_found_and_not_stored(client):
    assert client.get("/fi/funding/calls/ei-ole/").status_code == 404
    assert not [key for key in cache._cache if "ei-ole" in key]


def test_a_changed_commitment_shows_next_on_the_call_page_in_each_language(client):
    call = FundingCallFactory()
    fill(client, f"/funding/calls/{call.slug}/")
    question = FormQuestion.objects.filter(call=call, kind="confirm", required=True).first()
    question.label_fi, question.label_sv, question.label_en = "Sitoudumme", "Vi förbinder oss", "We commit"
    question.save()
    for language, label in (("fi", "Sitoudumme"), ("sv", "Vi förbinder oss"), ("en", "We commit")):
        queries, html = get(client, f"/{language}/funding/calls/{call.slug}/")
        assert queries > 0 and label in html, language


def test_the_call_form_is_read_once_and_again_after_a_change():
    call = FundingCallFactory()
    first = [question.label for question in call_questions(call.pk)]
    with CaptureQueriesContext(connection) as queries:
        assert [question.label for question in call_questions(call.pk)] == first
    assert len(queries) == 0
    question = FormQuestion.objects.filter(call=call).order_by("section__order", "order").first()
    question.label_fi = "Uusi kysymys"
    question.save()
    with CaptureQueriesContext(connection) as queries:
        assert [question.label for question in call_questions(call.pk)][0] == "Uusi kysymys"
    assert len(queries) == 3
