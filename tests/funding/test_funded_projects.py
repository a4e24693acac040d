"""The public list of funded projects and its JSON and CSV exports: only announced calls' funded projects,
nothing private, the same records everywhere, a constant number of queries, the shared cache, and axe."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.enums import ApplicationStatus, UseCase
from funding.models import Partner
from funding.views_public import FIELDS
from tests.factories import OrganisationFactory
from tests.funding.factories import (
    ApplicationFactory,
    FundingCallFactory,
    RegionOrganisationFactory,
    applicant,
)

S = ApplicationStatus
PAGE = "/{}/funding/funded-projects/"
JSON = "/{}/funding/funded-projects.json"
CSV = "/{}/funding/funded-projects.csv"


def announced_call(**kwargs):
    now = timezone.now()
    values = {
        "opens_at": now - timedelta(days=120),
        "closes_at": now - timedelta(days=90),
        "decisions_announced_at": now - timedelta(days=1),
        **kwargs,
    }
    return FundingCallFactory(**values)


def funded(call, *, granted=Decimal("250000.00"), partners=("Kuulas Terveysdata Oy",), **kwargs):
    return ApplicationFactory(
        call=call, status=S.FUNDED, granted_amount=granted, partners=list(partners), **kwargs
    )


def records(client, language="fi") -> list[dict]:
    response = client.get(JSON.format(language))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)["projects"]


def csv_rows(client, language="fi") -> list[list[str]]:
    response = client.get(CSV.format(language))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_only_funded_projects_of_announced_calls_are_public(client):
    call = announced_call()
    organisation = RegionOrganisationFactory(
        name="Pirkanmaan hyvinvointialue", name_sv="Birkalands välfärdsområde"
    )
    shown = funded(
        call,
        organisation=organisation,
        project_name="Hoitajakuiskaaja Pirkanmaalle",
        summary="Puheentunnistus kirjaa hoitotyön.",
        partners=["Kuulas Terveysdata Oy", "Tampereen yliopisto"],
        use_case=UseCase.NURSE_WHISPERER,
    )
    ApplicationFactory(call=call, project_name="Hanke ilman päätöstä", status=S.FURTHER_PLANNING)
    ApplicationFactory(call=call, project_name="Hylätty hanke", status=S.NOT_FUNDED)
    funded(announced_call(decisions_announced_at=None), project_name="Ilmoittamaton hanke")
    funded(
        announced_call(decisions_announced_at=timezone.now() + timedelta(days=3)), project_name="Tuleva hanke"
    )
    funded(announced_call(published=False), project_name="Julkaisematon haku")

    [record] = records(client)
    assert record == {
        "call": call.slug,
        "call_title": call.title_fi,
        "decisions_announced": timezone.localtime(call.decisions_announced_at).date().isoformat(),
        "project": "Hoitajakuiskaaja Pirkanmaalle",
        "lead_applicant": "Pirkanmaan hyvinvointialue",
        "partners": ["Kuulas Terveysdata Oy", "Tampereen yliopisto"],
        "use_case": "nurse_whisperer",
        "use_case_label": "Hoitajakuiskaaja",
        "granted_amount": "250000.00",
        "currency": "EUR",
        "summary": "Puheentunnistus kirjaa hoitotyön.",
        "language": "fi",
    }
    assert list(record) == list(FIELDS)
    [swedish] = records(client, "sv")
    assert (swedish["lead_applicant"], swedish["call_title"]) == ("Birkalands välfärdsområde", call.title_sv)

    html = client.get(PAGE.format("fi")).content.decode()
    assert "Hoitajakuiskaaja Pirkanmaalle" in html
    assert "250\xa0000,00\xa0€" in html
    assert "Tampereen yliopisto" in html
    for hidden in (
        "Hanke ilman päätöstä",
        "Hylätty hanke",
        "Ilmoittamaton hanke",
        "Tuleva hanke",
        "Julkaisematon",
    ):
        assert hidden not in html
    assert shown.pk  # the application exists; the page shows it by name only


@pytest.mark.django_db
def test_nothing_private_is_exported(client):
    call = announced_call()
    contact = applicant(call)
    application = funded(call, organisation=contact.organisation, requested_amount=Decimal("987654.00"))
    Partner.objects.filter(application=application).update(business_id="1234567-1", role="Salainen rooli")
    body = (
        client.get(PAGE.format("fi")).content.decode()
        + client.get(JSON.format("fi")).content.decode()
        + client.get(CSV.format("fi")).content.decode("utf-8-sig")
    )
    for private in (
        contact.email,
        contact.last_name,
        "987654",
        "1234567-1",
        "Salainen rooli",
        "60000",
        "problem",
    ):
        assert private not in body, private


@pytest.mark.django_db
def test_the_csv_has_the_same_records_with_a_header_and_no_formulas(client):
    call = announced_call()
    funded(call, project_name='=HYPERLINK("http://x")', partners=["Yritys A Oy", "Yritys B Oy"])
    rows = csv_rows(client, "en")
    assert rows[0] == list(FIELDS)
    [row] = rows[1:]
    values = dict(zip(FIELDS, row, strict=True))
    assert values["project"] == '\'=HYPERLINK("http://x")'
    assert values["partners"] == "Yritys A Oy; Yritys B Oy"
    assert values["granted_amount"] == "250000.00"
    assert values["use_case_label"] == "Nurse whisperer"
    assert values["call_title"] == call.title_en


@pytest.mark.django_db
def test_projects_are_grouped_by_call_with_the_total(client):
    first = announced_call(title_en="Call 2024", opens_at=timezone.now() - timedelta(days=400))
    second = announced_call(title_en="Call 2025")
    funded(first, project_name="Alpha", granted=Decimal("100000.00"))
    funded(first, project_name="Beta", granted=Decimal("50000.50"))
    funded(second, project_name="Gamma", granted=Decimal("10.00"))
    html = client.get(PAGE.format("en")).content.decode()
    assert html.index("Call 2024") < html.index("Alpha") < html.index("Beta") < html.index("Call 2025")
    assert html.index("Call 2025") < html.index("Gamma")
    assert "2 projects funded with €150,000.50 in total." in html
    assert "1 project funded with €10.00 in total." in html
    assert [r["project"] for r in records(client, "en")] == ["Alpha", "Beta", "Gamma"]


@pytest.mark.django_db
def test_an_empty_list_says_so(client):
    response = client.get(PAGE.format("en"))
    assert response.status_code == 200
    assert "No funded projects have been announced yet." in response.content.decode()
    assert json.loads(client.get(JSON.format("en")).content) == {
        "count": 0,
        "fields": list(FIELDS),
        "projects": [],
    }
    assert csv_rows(client, "en") == [list(FIELDS)]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_page_and_the_exports_keep_a_constant_number_of_queries(client):
    call = announced_call()
    for _ in range(3):
        funded(call, organisation=OrganisationFactory())
    urls = [PAGE.format("fi"), JSON.format("fi"), CSV.format("fi")]
    few = [_count(client, url) for url in urls]
    other = announced_call()
    for _ in range(27):
        funded(other, partners=["A Oy", "B Oy", "C Oy"])
    assert [_count(client, url) for url in urls] == few


# --- The shared cache (committed data only) ----------------------------------------------------------


@pytest.fixture
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _get(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    # Each response has its own masked CSRF token (the footer form is never cached).
    return len(queries), CSRF_TOKEN.sub("csrf", response.content.decode("utf-8-sig"))


def _fill(client) -> None:
    for language in ("fi", "sv", "en"):
        for url in (PAGE, JSON, CSV):
            _first, content = _get(client, url.format(language))
            again, cached = _get(client, url.format(language))
            assert again == 0 and cached == content, (language, url)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_cache")
def test_the_list_is_cached_and_a_newly_funded_project_shows_next_in_each_language(client):
    call = announced_call()
    funded(call, project_name="Ensimmäinen")
    _fill(client)
    funded(call, project_name="Toinen")
    for language in ("fi", "sv", "en"):
        for url in (PAGE, JSON, CSV):
            assert "Toinen" in _get(client, url.format(language))[1], (language, url)
    _fill(client)
    call.title_sv = "Ny titel på utlysningen"
    call.save()
    assert "Ny titel på utlysningen" in _get(client, PAGE.format("sv"))[1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_cache")
def test_a_call_becomes_public_when_its_announcement_moment_passes(client):
    now = timezone.now()
    call = announced_call(decisions_announced_at=now + timedelta(seconds=2))
    funded(call, project_name="Odottava hanke")
    assert "Odottava hanke" not in _get(client, PAGE.format("fi"))[1]
    assert records(client) == []
    time.sleep(max(0.0, (now + timedelta(seconds=2.1) - timezone.now()).total_seconds()))
    assert "Odottava hanke" in _get(client, PAGE.format("fi"))[1]
    assert [r["project"] for r in records(client)] == ["Odottava hanke"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_cache")
def test_the_page_passes_axe_and_the_csp_in_every_language(page, live_server, assert_accessible):
    call = announced_call()
    funded(
        call,
        project_name="Hoitajakuiskaaja Pirkanmaalle",
        summary="Puheentunnistus kirjaa hoitotyön.\nToinen rivi.",
        partners=["Kuulas Terveysdata Oy", "Tampereen yliopisto"],
    )
    funded(call, project_name="Symptom checker", language="en", use_case=UseCase.SYMPTOM_ASSESSMENT)
    csp_reports: list[str] = []
    page.on(
        "console", lambda msg: csp_reports.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    for language in ("fi", "sv", "en"):
        page.goto(f"{live_server.url}{PAGE.format(language)}")
        assert page.locator("h1").count() == 1
        assert page.locator("h3", has_text="Hoitajakuiskaaja Pirkanmaalle").count() == 1
        assert_accessible(page)
    assert csp_reports == []
