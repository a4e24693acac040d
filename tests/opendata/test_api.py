"""The open data API: what it shows, what it never shows, filters, languages, CSV and paging."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Registration
from members.enums import MembershipStatus
from members.models import ContactPerson, Organisation, WelfareRegion
from network.models import Implementation
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import OrganisationFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory
from tests.network.factories import ImplementationFactory
from tests.opendata import factories

pytestmark = pytest.mark.django_db

EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
LISTS = ["members", "implementations", "funded-projects", "events"]


@pytest.fixture(autouse=True)
def _empty_directory(db):
    """The organisations that migrations create are listed: unlist them, so the tests know every row."""
    Organisation.objects.update(listed_publicly=False)


@pytest.fixture
def world():
    members = factories.member_world()
    implementations = factories.implementation_world(members.public[0], members.hidden[0])
    funding = factories.funding_world()
    events = factories.event_world()
    return {"members": members, "implementations": implementations, "funding": funding, "events": events}


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()["results"]


def read_csv(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


# --- Only public records -----------------------------------------------------------------------------


def test_members_are_the_listed_members_only(api, world):
    listed = Organisation.objects.filter(status=MembershipStatus.MEMBER, listed_publicly=True)
    shown = {row["id"] for row in results(api.get("/api/v1/members/?limit=500"))}
    assert shown == set(listed.values_list("pk", flat=True))
    assert {o.pk for o in world["members"].public} <= shown
    assert not {o.pk for o in world["members"].hidden} & shown
    for organisation in world["members"].hidden:
        response = api.get(f"/api/v1/members/{organisation.pk}/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Ei löydy."}


def test_member_record(api, world):
    organisation = world["members"].public[0]
    response = api.get(f"/api/v1/members/{organisation.pk}/?lang=en")
    assert response.status_code == 200
    assert response.json() == {
        "id": organisation.pk,
        "name": "Aalto Hospital",
        "type": "hospital",
        "type_label": "HUS or hospital",
        "region": {
            "code": organisation.region.code,
            "name": organisation.region.name_en,
            "languages": {"name": "en"},
        },
        "municipality": "",
        "website": "",
        "description": "Kuvaus.",
        "logo_url": None,
        "member_since": timezone.localdate(organisation.member_since).isoformat(),
        "url": f"http://127.0.0.1:8000/en/members/organisations/{organisation.pk}/",
        # The description has no English version: the Finnish one is given, and named so.
        "languages": {"name": "en", "description": "fi"},
    }


def test_implementations_are_the_published_ones_only(api, world):
    shown = results(api.get("/api/v1/implementations/"))
    assert [row["id"] for row in shown] == sorted(
        (i.pk for i in world["implementations"].public), reverse=True
    )
    for implementation in world["implementations"].hidden:
        assert api.get(f"/api/v1/implementations/{implementation.pk}/").status_code == 404


def test_an_unlisted_partner_is_named_but_not_linked(api, world):
    implementation = world["implementations"].public[0]
    owner, hidden = world["members"].public[0], world["members"].hidden[0]
    record = api.get(f"/api/v1/implementations/{implementation.pk}/").json()
    assert record["owner"] == {"name": owner.name, "member_id": owner.pk, "languages": {"name": "fi"}}
    assert record["partners"] == [{"name": hidden.name, "member_id": None, "languages": {"name": "fi"}}]
    assert record["links"] == ["https://example.fi/toteutus"]
    assert "contact_email" not in record and "contact_name" not in record
    rows = read_csv(api.get(f"/api/v1/implementations/{implementation.pk}/?format=csv"))
    assert [
        (r["owner.name"], r["owner.member_id"], r["partners.name"], r["partners.member_id"]) for r in rows
    ] == [(owner.name, str(owner.pk), hidden.name, "")]


def test_funded_projects_are_the_announced_funded_ones_only(api, world):
    shown = results(api.get("/api/v1/funded-projects/"))
    assert sorted(row["id"] for row in shown) == sorted(a.pk for a in world["funding"].public)
    for application in world["funding"].hidden:
        assert api.get(f"/api/v1/funded-projects/{application.pk}/").status_code == 404


def test_funded_project_record(api, world):
    application = world["funding"].public[0]
    record = api.get(f"/api/v1/funded-projects/{application.pk}/?lang=sv").json()
    assert record == {
        "id": application.pk,
        "project_name": application.project_name,
        "lead_applicant": {
            "name": application.organisation.name,
            "type": "welfare_region",
            "type_label": "Välfärdsområde",
            "languages": {"name": "fi"},
        },
        "partners": [
            {"name": "Kumppani Oy", "type": "company", "type_label": "Företag"},
            {"name": "Toinen kumppani ry", "type": "company", "type_label": "Företag"},
        ],
        "use_case": "nurse_whisperer",
        "use_case_label": record["use_case_label"],
        "granted_amount": "150000.00",
        "summary": "Hoitajakuiskaaja kotihoitoon.",
        "call": {
            "slug": application.call.slug,
            "title": application.call.title_sv,
            "languages": {"title": "sv"},
        },
        "languages": {"project_name": "fi", "summary": "fi"},
    }
    assert record["use_case_label"] != "Nurse whisperer"


def test_events_are_the_published_ones_only(api, world):
    shown = results(api.get("/api/v1/events/"))
    assert [row["slug"] for row in shown] == [
        e.slug for e in sorted(world["events"].public, key=lambda e: e.starts_at)
    ]
    for event in world["events"].hidden:
        assert api.get(f"/api/v1/events/{event.slug}/").status_code == 404


def test_materials_only_after_the_event_and_never_the_joining_link(api, world):
    upcoming, past = world["events"].public
    assert api.get(f"/api/v1/events/{upcoming.slug}/").json()["materials"] == ""
    assert (
        api.get(f"/api/v1/events/{past.slug}/").json()["materials"] == "[Diat](https://example.fi/diat.pdf)"
    )
    for fmt in ("json", "csv"):
        body = api.get(f"/api/v1/events/?format={fmt}").content
        assert b"secret-meeting" not in body
        assert b"Osallistuja" not in body


def test_no_response_contains_an_email_address(api, world):
    # The fixture does hold personal addresses in every place the API reads near.
    assert ContactPerson.objects.filter(email__endswith=factories.PERSONAL).count() == 14
    assert Registration.objects.filter(email__endswith=factories.PERSONAL).count() == 6
    assert Implementation.objects.filter(contact_email__endswith=factories.PERSONAL).count() == 3
    paths = [f"/api/v1/{name}/" for name in LISTS]
    paths += [f"/api/v1/members/{o.pk}/" for o in world["members"].public]
    paths += [f"/api/v1/implementations/{i.pk}/" for i in world["implementations"].public]
    paths += [f"/api/v1/funded-projects/{a.pk}/" for a in world["funding"].public]
    paths += [f"/api/v1/events/{e.slug}/" for e in world["events"].public]
    checked = 0
    for path in paths:
        for fmt in ("json", "csv"):
            for lang in ("fi", "sv", "en"):
                response = api.get(path, {"format": fmt, "lang": lang, "limit": 500})
                assert response.status_code == 200, path
                assert EMAIL.findall(response.content) == [], (path, fmt, lang)
                checked += 1
    assert checked == len(paths) * 6


def test_the_email_pattern_finds_addresses():
    assert EMAIL.findall(b'{"a": "liisa@henkilo.example.fi"}') == [b"liisa@henkilo.example.fi"]


# --- Filters -------------------------------------------------------------------------------------


def test_member_filters(api, world):
    hospital, company = world["members"].public
    region = hospital.region
    assert [r["id"] for r in results(api.get("/api/v1/members/?type=hospital"))] == [hospital.pk]
    assert [r["id"] for r in results(api.get(f"/api/v1/members/?region={region.code}"))] == [hospital.pk]
    assert [r["id"] for r in results(api.get("/api/v1/members/?q=sjukhus"))] == [hospital.pk]
    assert [r["id"] for r in results(api.get("/api/v1/members/?q=bittiyht"))] == [company.pk]
    assert results(api.get("/api/v1/members/?q=piilossa")) == []
    assert results(api.get("/api/v1/members/?region=no-such-region")) == []


def test_implementation_filters(api, world):
    first, second = world["implementations"].public
    region = first.region
    assert [r["id"] for r in results(api.get(f"/api/v1/implementations/?region={region.code}"))] == [first.pk]
    assert [r["id"] for r in results(api.get("/api/v1/implementations/?region=none"))] == [second.pk]
    by_use_case = api.get("/api/v1/implementations/?use_case=decision_support")
    assert [r["id"] for r in results(by_use_case)] == [second.pk]
    assert [r["id"] for r in results(api.get("/api/v1/implementations/?stage=production"))] == [first.pk]
    assert results(api.get("/api/v1/implementations/?stage=scaled")) == []


def test_funded_project_filters(api, world):
    first, second = world["funding"].public
    other_call = FundingCallFactory()
    by_call = api.get(f"/api/v1/funded-projects/?call={first.call.slug}")
    expected = sorted([first, second], key=lambda a: (a.project_name, a.pk))
    assert [r["id"] for r in results(by_call)] == [a.pk for a in expected]
    assert results(api.get(f"/api/v1/funded-projects/?call={other_call.slug}")) == []
    decision = api.get("/api/v1/funded-projects/?use_case=decision_support")
    assert [r["id"] for r in results(decision)] == [second.pk]


def test_event_filters(api, world):
    upcoming, past = world["events"].public
    assert [r["slug"] for r in results(api.get("/api/v1/events/?when=upcoming"))] == [upcoming.slug]
    assert [r["slug"] for r in results(api.get("/api/v1/events/?when=past"))] == [past.slug]
    assert [r["slug"] for r in results(api.get("/api/v1/events/?type=webinar"))] == [upcoming.slug]
    assert results(api.get("/api/v1/events/?language=sv")) == []
    assert len(results(api.get("/api/v1/events/?event_format=online"))) == 2


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_invalid_filter_is_a_json_error(api, world, fmt):
    response = api.get(f"/api/v1/members/?type=castle&format={fmt}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["type"]


# --- Languages ---------------------------------------------------------------------------------------


def test_language_from_parameter_header_or_default(api, world):
    implementation = world["implementations"].public[0]
    path = f"/api/v1/implementations/{implementation.pk}/"
    assert api.get(path).json()["title"] == implementation.title_fi
    assert api.get(path).json()["stage_label"] == "Tuotantokäytössä"
    english = api.get(path, {"lang": "en"})
    assert english.json()["title"] == "Implementation in English"
    assert english["Content-Language"] == "en"
    assert api.get(path, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").json()["stage_label"] == "In production"
    # Untranslated: the Finnish text.
    assert api.get(path, {"lang": "sv"}).json()["title"] == implementation.title_fi
    assert api.get(path, {"lang": "de"}, HTTP_ACCEPT_LANGUAGE="de").json()["title"] == implementation.title_fi


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", {"title": "fi", "description": "fi", "results": "fi"}),
        # No Swedish description: the Finnish one is given, and the record says so.
        ("sv", {"title": "sv", "description": "fi", "results": "sv"}),
        ("en", {"title": "en", "description": "en", "results": "fi"}),
    ],
)
def test_each_record_names_the_language_of_its_texts(api, language, expected):
    implementation = ImplementationFactory(
        title_fi="Otsikko", title_sv="Rubrik", title_en="Title",
        description_fi="Kuvaus.", description_en="Description.",
        results_fi="Tulokset.", results_sv="Resultat.",
    )  # fmt: skip
    listed = results(api.get("/api/v1/implementations/", {"lang": language}))
    assert [row["languages"] for row in listed] == [expected]
    record = api.get(f"/api/v1/implementations/{implementation.pk}/", {"lang": language}).json()
    assert record["languages"] == expected
    assert record["owner"]["languages"] == {"name": "fi"}  # the owner's name is written in Finnish only
    [row] = read_csv(api.get("/api/v1/implementations/", {"lang": language, "format": "csv"}))
    assert {key: row[f"languages.{key}"] for key in expected} == expected


def test_the_languages_of_a_records_texts_follow_its_edits(api):
    """The kept body and the ETag change when a translation is added: no stale "fi" is served."""
    implementation = ImplementationFactory(title_fi="Otsikko", description_fi="Kuvaus.")
    path = "/api/v1/implementations/?lang=sv"
    before = api.get(path)
    assert results(before)[0]["languages"]["description"] == "fi"
    Implementation.objects.filter(pk=implementation.pk).update(description_sv="Beskrivning.")
    after = api.get(path, HTTP_IF_NONE_MATCH=before["ETag"])
    assert results(after)[0]["languages"]["description"] == "sv"


def test_members_are_in_alphabetical_order_of_the_language(api):
    b = OrganisationFactory(name_fi="Bbb", name_en="Zzz")
    a = OrganisationFactory(name_fi="Ccc", name_en="Aaa")
    assert [r["id"] for r in results(api.get("/api/v1/members/"))] == [b.pk, a.pk]
    assert [r["id"] for r in results(api.get("/api/v1/members/?lang=en"))] == [a.pk, b.pk]


# --- CSV and paging ----------------------------------------------------------------------------------


def test_members_as_csv(api, world):
    hospital = world["members"].public[0]
    response = api.get("/api/v1/members/?type=hospital&format=csv&lang=en")
    assert response["Content-Disposition"] == 'attachment; filename="members.csv"'
    rows = read_csv(response)
    assert list(rows[0]) == [
        "id",
        "name",
        "type",
        "type_label",
        "region.code",
        "region.name",
        "municipality",
        "website",
        "description",
        "logo_url",
        "member_since",
        "url",
        "region.languages.name",
        "languages.name",
        "languages.description",
    ]
    assert [(r["id"], r["name"], r["region.code"]) for r in rows] == [
        (str(hospital.pk), "Aalto Hospital", hospital.region.code)
    ]


def test_nested_lists_become_joined_columns(api, world):
    rows = read_csv(api.get("/api/v1/funded-projects/?format=csv&use_case=nurse_whisperer"))
    assert [(r["partners.name"], r["partners.type"], r["call.slug"]) for r in rows] == [
        ("Kumppani Oy; Toinen kumppani ry", "company; company", world["funding"].public[0].call.slug)
    ]


def test_an_empty_csv_still_has_its_header(api):
    rows = api.get("/api/v1/events/?format=csv").content.decode("utf-8")
    assert rows == (
        "\ufeffslug,title,description,type,type_label,format,format_label,starts_at,ends_at,place,"
        "language,materials,url,languages.title,languages.description,languages.place,languages.materials\r\n"
    )


def test_csv_cells_cannot_run_as_formulas(api):
    OrganisationFactory(name_fi='=HYPERLINK("http://evil")')
    rows = read_csv(api.get("/api/v1/members/?format=csv"))
    assert [r["name"] for r in rows] == ['\'=HYPERLINK("http://evil")']


def test_paging(api):
    organisations = [OrganisationFactory(name_fi=f"Org {n:02d}") for n in range(5)]
    response = api.get("/api/v1/members/?limit=2&offset=2")
    body = response.json()
    assert body["count"] == 5
    assert [r["id"] for r in body["results"]] == [o.pk for o in organisations[2:4]]
    assert body["next"] == "http://localhost/api/v1/members/?limit=2&offset=4"
    assert body["previous"] == "http://localhost/api/v1/members/?limit=2"
    assert response["Link"] == (
        '<http://localhost/api/v1/members/?limit=2&offset=4>; rel="next", '
        '<http://localhost/api/v1/members/?limit=2>; rel="prev"'
    )
    assert response["X-Total-Count"] == "5"
    assert api.get("/api/v1/members/?offset=99999999999999999999999").json()["results"] == []
    assert len(api.get("/api/v1/members/?limit=100000").json()["results"]) == 5


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/members/abc/",
        "/api/v1/members/0/",
        "/api/v1/members/99999999999999999999999/",
        "/api/v1/events/a%00b/",
        "/api/v1/events/%C3%A4/",
        "/api/v1/funded-projects/-1/",
    ],
)
def test_impossible_identifiers_are_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_the_api_is_read_only_and_sets_no_cookies(api, world):
    for method in (api.post, api.put, api.patch, api.delete, api.options):
        assert method("/api/v1/members/").status_code == 405
    for name in LISTS:
        assert api.get(f"/api/v1/{name}/").cookies == {}


# --- Query counts -----------------------------------------------------------------------------------


def _grow(name: str, n: int) -> None:
    """``n`` more public rows of list ``name``, each with the related rows its serializer shows."""
    region = WelfareRegion.objects.order_by("order").first()
    if name == "members":
        OrganisationFactory.create_batch(n, region=region)
    elif name == "implementations":
        partners = OrganisationFactory.create_batch(2)
        for _n in range(n):
            ImplementationFactory(owner=partners[0], organisations=partners, region=region)
    elif name == "funded-projects":
        call = FundingCallFactory(decisions_announced_at=timezone.now())
        for _n in range(n):
            ApplicationFactory(call=call, status="funded", partners=["A Oy", "B ry"], budget=[])
    else:
        for event in EventFactory.create_batch(n):
            RegistrationFactory(event=event)


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_list_query_count_is_constant(api, name, fmt):
    counts = []
    for n in (10, 90):
        _grow(name, n)
        with CaptureQueriesContext(connection) as queries:
            response = api.get(f"/api/v1/{name}/", {"format": fmt, "limit": 500})
        assert response.status_code == 200
        assert response["X-Total-Count"] == str(n if n == 10 else 100)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 4


def test_throttled_clients_get_json_429(api, settings):
    from django.core.cache import cache

    settings.OPENDATA_THROTTLE_RATE = "3/minute"
    cache.delete("throttle_opendata_127.0.0.1")
    try:
        statuses = [api.get("/api/v1/events/?format=csv").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        response = api.get("/api/v1/events/?format=csv")
        assert response["Content-Type"] == "application/json"
        assert int(response["Retry-After"]) > 0
    finally:
        cache.delete("throttle_opendata_127.0.0.1")


def test_event_detail_has_its_programme_with_speakers_in_the_asked_language(api, world):
    from tests.events.factories import ProgrammeItemFactory, SpeakerFactory

    upcoming, _past = world["events"].public
    later = ProgrammeItemFactory(
        event=upcoming, starts_at="09:15", ends_at=None, title_fi="Käyttötapaus", title_sv="Användningsfall"
    )
    ProgrammeItemFactory(event=upcoming, starts_at="08:30", ends_at="08:45", title_fi="Avaus")
    SpeakerFactory(
        item=later, name="Jukka Lähesmaa", title_fi="erityisasiantuntija", organisation="STM", order=2
    )
    SpeakerFactory(item=later, name="Anna Svensson", title_sv="överläkare", organisation="HUS", order=1)
    detail = api.get(f"/api/v1/events/{upcoming.slug}/?lang=sv").json()
    assert detail["programme"] == [
        {"starts_at": "08:30", "ends_at": "08:45", "title": "Avaus", "description": "",
         "speakers": [], "languages": {"title": "fi", "description": "sv"}},
        {"starts_at": "09:15", "ends_at": None, "title": "Användningsfall", "description": "",
         "speakers": [
             {"name": "Anna Svensson", "title": "överläkare", "organisation": "HUS",
              "languages": {"title": "sv"}},
             {"name": "Jukka Lähesmaa", "title": "erityisasiantuntija", "organisation": "STM",
              "languages": {"title": "fi"}},
         ], "languages": {"title": "sv", "description": "sv"}},
    ]  # fmt: skip
    assert "programme" not in results(api.get("/api/v1/events/"))[0]
    assert api.get(f"/api/v1/events/{upcoming.slug}/?format=csv").status_code == 200
