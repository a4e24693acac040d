import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.models import CoordinationGroupSeat, Organisation, WelfareRegion
from network.enums import ImplementationStatus, Stage, UseCase
from network.models import WorkingGroup
from tests.factories import OrganisationFactory
from tests.network.factories import (
    ImplementationFactory,
    NoticeFactory,
    PersonFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def seats():
    return list(CoordinationGroupSeat.objects.select_related("organisation").order_by("order"))


# --- Query counts do not grow with the data ------------------------------------------------------------


def test_coordination_group_query_count_does_not_grow(client):
    orgs = [seat.organisation for seat in seats()]
    for i in range(10):
        PersonFactory(organisation=orgs[i % len(orgs)])
    few = query_count(client, "/fi/coordination-group/")
    for i in range(290):
        PersonFactory(organisation=orgs[i % len(orgs)])
    assert query_count(client, "/fi/coordination-group/") == few


def test_working_group_pages_query_count_does_not_grow(client):
    group = WorkingGroup.objects.get(slug="mdr")
    group.members.set(OrganisationFactory.create_batch(10))
    WorkingGroupFactory.create_batch(5)
    few = (query_count(client, "/fi/working-groups/"), query_count(client, "/fi/working-groups/mdr/"))
    group.members.add(*OrganisationFactory.create_batch(290))
    WorkingGroupFactory.create_batch(290)
    many = (query_count(client, "/fi/working-groups/"), query_count(client, "/fi/working-groups/mdr/"))
    assert many == few


def test_implementation_pages_query_count_does_not_grow(client):
    partners = OrganisationFactory.create_batch(3)
    regions = list(WelfareRegion.objects.all())
    urls = [
        "/fi/ai-implementations/",
        "/fi/ai-implementations/?use_case=nurse_whisperer&stage=pilot",
        "/fi/ai-implementations/situational-picture/",
        "/fi/",
    ]
    for i in range(10):
        ImplementationFactory(region=regions[i % 21], organisations=partners)
    few = [query_count(client, url) for url in urls]
    for i in range(290):
        ImplementationFactory(
            region=regions[i % 21],
            use_case=UseCase.values[i % 7],
            stage=Stage.values[i % 4],
            organisations=partners,
        )
    assert [query_count(client, url) for url in urls] == few


def test_notice_pages_query_count_does_not_grow(client):
    NoticeFactory.create_batch(10)
    urls = ["/fi/bulletin-board/", "/fi/bulletin-board/feed/", "/fi/"]
    few = [query_count(client, url) for url in urls]
    NoticeFactory.create_batch(290)
    assert [query_count(client, url) for url in urls] == few


# --- Coordination group and working groups ------------------------------------------------------------


def test_coordination_group_lists_the_six_organisations_in_order_with_their_people(client):
    first, *_rest, last = seats()
    PersonFactory(name="Ensimmäinen Henkilö", organisation=first.organisation, order=2, title_sv="Expert")
    PersonFactory(name="Toinen Henkilö", organisation=first.organisation, order=1)
    PersonFactory(name="Kolmas Henkilö", organisation=last.organisation)
    html = client.get("/sv/coordination-group/").content.decode()
    names = [
        "Social- och hälsovårdsministeriet",
        "Institutet för hälsa och välfärd",
        "HUS-sammanslutningen",
        "UNA Oy",
        "Sitra",
        "DigiFinland Oy",
    ]
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)
    assert html.index("Toinen Henkilö") < html.index("Ensimmäinen Henkilö") < html.index("Sitra")
    assert html.index("Kolmas Henkilö") > html.index("DigiFinland Oy")
    assert "Expert" in html


def test_the_five_working_groups_exist_in_three_languages(client):
    assert list(
        WorkingGroup.objects.order_by("order").values_list("slug", "name_fi", "name_sv", "name_en")
    ) == [
        (
            "risk-management",
            "Riskienhallintaryhmä",
            "Arbetsgruppen för riskhantering",
            "Risk management group",
        ),
        (
            "welfare-regions-ai-network",
            "Hyvinvointialueiden tekoälyverkosto",
            "Välfärdsområdenas AI-nätverk",
            "Welfare regions' AI network",
        ),
        ("mdr", "MDR-työryhmä", "MDR-arbetsgruppen", "MDR working group"),
        (
            "documentation",
            "Kirjaamisen työryhmä",
            "Arbetsgruppen för dokumentation",
            "Documentation working group",
        ),
        (
            "professional-competence",
            "Sote-ammattilaisten osaamisen lisääminen",
            "Att stärka kompetensen hos yrkesutbildade inom social- och hälsovården",
            "Competence of social and health care professionals",
        ),
    ]
    html = client.get("/en/working-groups/mdr/").content.decode()
    assert "<h1>MDR working group</h1>" in html
    assert "Drawing up an action plan for a national AI sandbox." in html
    assert client.get("/en/working-groups/no-such-group/").status_code == 404


def test_working_group_detail_lists_member_organisations(client):
    group = WorkingGroup.objects.get(slug="documentation")
    group.members.set([OrganisationFactory(name="Kirjaus Oy"), OrganisationFactory(name="Aalto Data Oy")])
    html = client.get("/fi/working-groups/documentation/").content.decode()
    assert html.index("Aalto Data Oy") < html.index("Kirjaus Oy")


# --- AI implementations: only published ones, filters, pagination, situational picture ------------------


def test_unpublished_implementations_are_never_public(client):
    region = WelfareRegion.objects.get(code="pirkanmaa")
    published = ImplementationFactory(title_fi="Julkaistu toteutus", region=region)
    hidden = [
        ImplementationFactory(title_fi="Luonnos toteutus", region=region, status=ImplementationStatus.DRAFT),
        ImplementationFactory(
            title_fi="Lähetetty toteutus", region=region, status=ImplementationStatus.SUBMITTED
        ),
    ]
    for url in ["/fi/ai-implementations/", "/fi/", f"/fi/ai-implementations/?region={region.code}"]:
        html = client.get(url).content.decode()
        assert "Julkaistu toteutus" in html, url
        assert "Luonnos toteutus" not in html and "Lähetetty toteutus" not in html, url
    assert client.get(f"/fi/ai-implementations/{published.pk}/").status_code == 200
    for implementation in hidden:
        assert client.get(f"/fi/ai-implementations/{implementation.pk}/").status_code == 404
    picture = client.get("/fi/ai-implementations/situational-picture/").context["picture"]
    assert picture.total == 1
    [row] = [row for row in picture.rows if row.code == "pirkanmaa"]
    assert [cell.count for cell in row.cells] == [1, 0, 0, 0, 0, 0, 0]


def test_filters_narrow_the_list(client):
    pirkanmaa = WelfareRegion.objects.get(code="pirkanmaa")
    lappi = WelfareRegion.objects.get(code="lappi")
    ImplementationFactory(title_fi="A-toteutus", region=pirkanmaa, use_case=UseCase.INTERPRETATION)
    ImplementationFactory(
        title_fi="B-toteutus", region=lappi, use_case=UseCase.INTERPRETATION, stage=Stage.SCALED
    )
    ImplementationFactory(title_fi="C-toteutus", region=None, use_case=UseCase.OTHER)

    def titles(query):
        return [i.title for i in client.get(f"/fi/ai-implementations/?{query}").context["page_obj"]]

    assert sorted(titles("use_case=interpretation")) == ["A-toteutus", "B-toteutus"]
    assert titles("region=lappi") == ["B-toteutus"]
    assert titles("region=none") == ["C-toteutus"]
    assert titles("stage=scaled") == ["B-toteutus"]
    assert titles("region=pirkanmaa&use_case=other") == []
    # An unknown value is ignored rather than an error.
    assert sorted(titles("region=atlantis")) == ["A-toteutus", "B-toteutus", "C-toteutus"]


def test_the_list_is_paginated_and_keeps_the_filters(client):
    ImplementationFactory.create_batch(25, use_case=UseCase.DECISION_SUPPORT)
    first = client.get("/fi/ai-implementations/?use_case=decision_support")
    assert len(first.context["page_obj"]) == 20
    assert 'href="?use_case=decision_support&amp;page=2"' in first.content.decode()
    second = client.get("/fi/ai-implementations/?use_case=decision_support&page=2")
    assert len(second.context["page_obj"]) == 5


def test_situational_picture_counts_link_to_the_filtered_list(client):
    region = WelfareRegion.objects.get(code="kainuu")
    ImplementationFactory.create_batch(3, region=region, use_case=UseCase.SYMPTOM_ASSESSMENT)
    ImplementationFactory(region=None, use_case=UseCase.OTHER)
    html = client.get("/en/ai-implementations/situational-picture/").content.decode()
    assert "<caption" in html
    assert html.count('<th scope="col">') == 9  # region + 7 use cases + total
    assert html.count('<th scope="row">') == 21 + 1 + 1  # regions, no region, totals
    assert '<a href="/en/ai-implementations/?region=kainuu&amp;use_case=symptom_assessment">3</a>' in html
    assert '<a href="/en/ai-implementations/?region=none&amp;use_case=other">1</a>' in html
    listed = client.get("/en/ai-implementations/?region=kainuu&use_case=symptom_assessment").context[
        "page_obj"
    ]
    assert len(listed) == 3


def test_implementation_detail_shows_translations_with_finnish_fallback(client):
    implementation = ImplementationFactory(
        title_fi="Kotihoidon hoitajakuiskaaja",
        title_sv="Hemvårdens vårdviskare",
        description_fi="Suomenkielinen kuvaus.",
        links="https://example.fi/hanke",
        organisations=[OrganisationFactory(name="Kumppani Oy")],
    )
    html = client.get(f"/sv/ai-implementations/{implementation.pk}/").content.decode()
    assert "<h1>Hemvårdens vårdviskare</h1>" in html
    assert "Suomenkielinen kuvaus." in html
    assert "Kumppani Oy" in html
    assert '<a href="https://example.fi/hanke">' in html


# --- Bulletin board -----------------------------------------------------------------------------------


def test_only_current_notices_are_shown(client):
    now = timezone.now()
    current = NoticeFactory(title_fi="Voimassa oleva")
    expired = NoticeFactory(
        title_fi="Vanha kevätilmoitus",
        publish_at=now - timedelta(days=10),
        expires_at=now - timedelta(days=1),
    )
    scheduled = NoticeFactory(title_fi="Ajastettu syysilmoitus", publish_at=now + timedelta(days=1))
    for url in ["/fi/bulletin-board/", "/fi/", "/fi/bulletin-board/feed/"]:
        text = client.get(url).content.decode()
        assert "Voimassa oleva" in text, url
        assert "Vanha kevätilmoitus" not in text and "Ajastettu syysilmoitus" not in text, url
    assert client.get(f"/fi/bulletin-board/{current.pk}/").status_code == 200
    assert client.get(f"/fi/bulletin-board/{expired.pk}/").status_code == 404
    assert client.get(f"/fi/bulletin-board/{scheduled.pk}/").status_code == 404


def test_notice_dates_follow_the_language(client):
    notice = NoticeFactory(
        title_fi="Päivätty", publish_at=timezone.make_aware(timezone.datetime(2026, 3, 5, 12))
    )
    fi = client.get(f"/fi/bulletin-board/{notice.pk}/").content.decode()
    en = client.get(f"/en/bulletin-board/{notice.pk}/").content.decode()
    assert re.search(r">5\. maaliskuuta 2026<", fi), fi
    assert ">March 5, 2026<" in en


def test_the_front_page_shows_latest_notices_and_newest_implementations(client):
    NoticeFactory(title_fi="Etusivun ilmoitus", title_en="Front page notice")
    ImplementationFactory(title_fi="Etusivun toteutus")
    html = client.get("/en/").content.decode()
    assert "Front page notice" in html
    assert "Etusivun toteutus" in html


def test_navigation_links_to_the_network_pages(client):
    html = client.get("/sv/").content.decode()
    for url in ["/sv/coordination-group/", "/sv/ai-implementations/", "/sv/bulletin-board/"]:
        assert f'href="{url}"' in html


def test_organisation_count_unchanged():
    # Guard: fixtures above never touch the coordination group seats.
    assert CoordinationGroupSeat.objects.count() == 6
    assert Organisation.objects.filter(coordination_seat__isnull=False).count() == 6
