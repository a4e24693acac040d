import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.enums import MembershipStatus
from tests.factories import OrganisationFactory


@pytest.mark.django_db
def test_front_page_shows_the_member_count_from_the_directory(client):
    from members.models import Organisation

    baseline = Organisation.objects.filter(status=MembershipStatus.MEMBER).count()
    OrganisationFactory.create_batch(3)
    OrganisationFactory(status=MembershipStatus.PENDING)
    OrganisationFactory(status=MembershipStatus.REJECTED)
    html = client.get("/fi/").content.decode()
    assert f"<strong>{baseline + 3}</strong> jäsenorganisaatiota" in html


@pytest.mark.django_db
def test_front_page_lists_the_coordination_group_in_order(client):
    html = client.get("/en/").content.decode()
    html = html[html.index('id="coordination-heading"') :]
    names = [
        "Ministry of Social Affairs and Health",
        "Finnish Institute for Health and Welfare",
        "HUS Group",
        "UNA Oy",
        "Sitra",
        "DigiFinland Oy",
    ]
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_front_page_shows_the_editable_introduction(client):
    from core.models import Page

    Page.objects.filter(slug="home").update(title_sv="Välkommen till ekosystemet", body_sv="Ett **nätverk**.")
    html = client.get("/sv/").content.decode()
    assert "<h1>Välkommen till ekosystemet</h1>" in html
    assert "<strong>nätverk</strong>" in html


@pytest.mark.django_db
def test_front_page_query_count_does_not_grow_with_members(client):
    OrganisationFactory.create_batch(10)
    with CaptureQueriesContext(connection) as few:
        client.get("/fi/")
    OrganisationFactory.create_batch(300)
    with CaptureQueriesContext(connection) as many:
        client.get("/fi/")
    assert len(many) == len(few)


@pytest.mark.django_db
def test_markdown_in_content_cannot_inject_script(client):
    from core.models import Page

    Page.objects.create(slug="x", title_fi="X", body_fi="<script>alert(1)</script> [a](javascript:alert(1))")
    html = client.get("/fi/pages/x/").content.decode()
    body = html[html.index('class="page-body"') :]
    assert "<script>" not in body
    assert "javascript:" not in body


@pytest.mark.django_db
def test_every_page_has_one_h1_a_skip_link_and_landmarks(client):
    for url in ["/fi/", "/sv/pages/privacy/", "/en/pages/accessibility/", "/fi/accounts/login/"]:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert 'href="#main"' in html, url
        for landmark in ("<header", "<main", "<footer", "<nav"):
            assert landmark in html, (url, landmark)
