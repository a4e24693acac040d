"""The join form, the public directory and profiles, activation and the members' self-service."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from core.models import AuditEntry
from members.enums import MembershipStatus, OrganisationType
from members.models import ContactPerson, Organisation, WelfareRegion
from outbox.models import OutgoingMail
from tests.factories import ContactPersonFactory, OrganisationFactory
from tests.members.conftest import activation_link, join_post

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


def names_in(html: str) -> list[str]:
    listing = html[html.index('class="directory-list"') :]
    listing = listing[: listing.index("</ul>")]
    return re.findall(r'<a href="/\w\w/members/organisations/\d+/">([^<]+)</a>', listing)


# --- Joining ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_join_form_renders_in_every_language(client, lang):
    response = client.get(f"/{lang}/members/join/")
    html = text_of(response)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert html.count("<h1") == 1
    assert f'href="/{lang}/pages/privacy/"' in html
    assert f'<option value="{lang}" selected>' in html


def test_join_in_swedish_creates_the_application_and_redirects(
    client, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/sv/members/join/", join_post(language="sv"))
    assert (response.status_code, response["Location"]) == (302, "/sv/members/join/thanks/")
    organisation = Organisation.objects.get(name_fi="Kuulas Terveysdata Oy")
    assert organisation.status == MembershipStatus.PENDING
    assert ContactPerson.objects.get(organisation=organisation).language == "sv"
    mails = smtp.wait_for(1)
    assert "/sv/members/activate/" in activation_link(mails[0].text())
    assert client.get("/sv/members/join/thanks/").status_code == 200


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("fi", "Y-tunnuksen 0737546-3 tarkistusnumero on väärä. Tarkista tunnus."),
        ("sv", "Kontrollsiffran i FO-numret 0737546-3 är fel. Kontrollera numret."),
    ],
)
def test_join_names_a_bad_business_id_in_the_visitors_language(client, lang, message):
    response = client.post(f"/{lang}/members/join/", join_post(business_id="0737546-3"))
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Organisation.objects.filter(business_id="0737546-3").exists()


@pytest.mark.parametrize("status", [MembershipStatus.MEMBER, MembershipStatus.PENDING])
def test_join_with_the_business_id_of_a_member_or_applicant_tells_the_visitor(client, status):
    existing = OrganisationFactory(status=status)
    count = Organisation.objects.count()
    response = client.post("/en/members/join/", join_post(business_id=existing.business_id))
    html = text_of(response)
    assert response.status_code == 200
    assert "a coordinator can add you" in html
    assert Organisation.objects.count() == count
    assert not get_user_model().objects.filter(email="aino.virtanen@kuulas.example.fi").exists()
    assert OutgoingMail.objects.count() == 0


def test_join_duplicate_message_is_translated(client):
    existing = OrganisationFactory(status=MembershipStatus.MEMBER)
    response = client.post("/sv/members/join/", join_post(business_id=existing.business_id))
    with translation.override("sv"):
        expected = gettext(
            "An organisation with this business ID is already a member of the network. If you would "
            "like to be another contact person for it, a coordinator can add you: please write to "
            "%(email)s."
        ) % {"email": "tekoaly@digifinland.fi"}
    assert expected in text_of(response)


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": None, "first_name": None, "email": None, "business_id": None, "type": None},
        {"accept_terms": None},
        {"email": "not-an-address"},
        {"type": "spaceship"},
        {"region": "999999"},
        {"region": "abc"},
        {"language": "de"},
        {"website": "javascript:alert(1)"},
        {"name": "A" * 5000, "description": "B" * 5000},
        {"name": "Nul\x00byte Oy"},
        {"business_id": "1234567-8" * 20},
    ],
)
def test_join_with_bad_input_shows_errors_never_a_500(client, overrides):
    count = Organisation.objects.count()
    response = client.post("/fi/members/join/", join_post(**overrides))
    assert response.status_code == 200
    assert 'class="error-summary"' in text_of(response)
    assert Organisation.objects.count() == count


def test_join_without_accepting_the_terms_is_refused(client):
    response = client.post("/en/members/join/", join_post(accept_terms=None))
    assert "Please accept the terms and the privacy notice to apply." in text_of(response)


# --- Activation ------------------------------------------------------------------------------------


def test_activation_link_verifies_the_address_and_sets_the_password_once(
    client, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fi/members/join/", join_post())
    link = activation_link(smtp.wait_for(1)[0].text())
    path = link.split("8000", 1)[1]

    response = client.get(path)
    uidb36 = path.split("/")[4]
    set_password_path = f"/fi/members/activate/{uidb36}/set-password/"
    assert (response.status_code, response["Location"]) == (302, set_password_path)
    assert client.get(set_password_path).status_code == 200
    response = client.post(
        set_password_path,
        {"new_password1": "Kaunis-Kesapaiva-2026", "new_password2": "Kaunis-Kesapaiva-2026"},
    )
    assert (response.status_code, response["Location"]) == (
        302,
        "/fi/accounts/login/?next=%2Ffi%2Fmembers%2Fmy%2F",
    )
    user = get_user_model().objects.get(email="aino.virtanen@kuulas.example.fi")
    assert user.check_password("Kaunis-Kesapaiva-2026")
    assert EmailAddress.objects.get(user=user).verified is True

    assert client.get(path).status_code == 400  # used once
    assert client.get(set_password_path).status_code == 400


@pytest.mark.parametrize(
    "path",
    ["/fi/members/activate/zz/abc-def/", "/fi/members/activate/0/x/", "/fi/members/activate/1/set-password/"],
)
def test_bad_activation_links_are_refused_politely(client, path):
    assert client.get(path).status_code == 400


# --- The directory and profiles --------------------------------------------------------------------


def test_directory_lists_only_approved_organisations_that_consented(client):
    OrganisationFactory(name="Zeta Julkinen Oy")
    OrganisationFactory(name="Zeta Piilossa Oy", listed_publicly=False)
    for status in (MembershipStatus.PENDING, MembershipStatus.REJECTED, MembershipStatus.RESIGNED):
        OrganisationFactory(name=f"Zeta {status} Oy", status=status)
    html = text_of(client.get("/fi/members/?q=zeta"))
    assert names_in(html) == ["Zeta Julkinen Oy"]


def test_directory_is_alphabetical_in_the_current_language_with_finnish_fallback(client):
    OrganisationFactory(name="Zeta Bravo Oy", name_sv="Zeta Alfa Ab")
    OrganisationFactory(name="Zeta Charlie Oy")
    OrganisationFactory(name="zeta aakkonen oy")
    assert names_in(text_of(client.get("/fi/members/?q=zeta"))) == [
        "zeta aakkonen oy",
        "Zeta Bravo Oy",
        "Zeta Charlie Oy",
    ]
    assert names_in(text_of(client.get("/sv/members/?q=zeta"))) == [
        "zeta aakkonen oy",
        "Zeta Alfa Ab",
        "Zeta Charlie Oy",
    ]


def test_directory_filters_by_type_and_region_and_counts_per_type(client):
    pirkanmaa = WelfareRegion.objects.get(code="pirkanmaa")
    lappi = WelfareRegion.objects.get(code="lappi")
    OrganisationFactory.create_batch(3, name=factory_name("Zeta Yritys"), region=pirkanmaa)
    OrganisationFactory(name="Zeta Yliopisto", type=OrganisationType.RESEARCH, region=pirkanmaa)
    OrganisationFactory(name="Zeta Lappi Oy", region=lappi)

    html = text_of(client.get("/en/members/?q=zeta&region=pirkanmaa"))
    assert len(names_in(html)) == 4
    assert "Company (3)" in html and "University or research institute (1)" in html
    html = text_of(client.get("/en/members/?q=zeta&region=pirkanmaa&type=research"))
    assert names_in(html) == ["Zeta Yliopisto"]
    assert "Company (3)" in html  # the counts show what each type would give
    html = text_of(client.get("/en/members/?q=zeta&type=company"))
    assert len(names_in(html)) == 4


def factory_name(prefix: str):
    import factory

    return factory.Sequence(lambda n: f"{prefix} {n:03d}")


def test_directory_search_matches_any_language(client):
    OrganisationFactory(name="Zeta Suomeksi Oy", name_en="Zeta In English Ltd")
    assert names_in(text_of(client.get("/fi/members/?q=english"))) == ["Zeta Suomeksi Oy"]


def test_directory_paginates_with_a_get_form(client):
    OrganisationFactory.create_batch(30, name=factory_name("Zeta Sivu"))
    first = text_of(client.get("/fi/members/?q=zeta+sivu"))
    second = text_of(client.get("/fi/members/?q=zeta+sivu&page=2"))
    assert len(names_in(first)) == 25 and len(names_in(second)) == 5
    assert 'href="?q=zeta+sivu&amp;page=2"' in first
    assert client.get("/fi/members/?page=999").status_code == 200
    assert client.get("/fi/members/?page=x&type=nonsense&region=nowhere").status_code == 200


@pytest.mark.parametrize("url", ["/fi/members/", "/sv/members/?q=oy&type=company", "/en/members/?page=2"])
def test_directory_query_count_does_not_grow_with_rows(client, url):
    OrganisationFactory.create_batch(10, region=WelfareRegion.objects.get(code="lappi"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    OrganisationFactory.create_batch(290, region=WelfareRegion.objects.get(code="kainuu"))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_profile_query_count_does_not_grow_with_rows(client):
    organisations = OrganisationFactory.create_batch(10, region=WelfareRegion.objects.get(code="lappi"))
    with CaptureQueriesContext(connection) as few:
        client.get(f"/fi/members/organisations/{organisations[0].pk}/")
    OrganisationFactory.create_batch(290)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/fi/members/organisations/{organisations[0].pk}/")
    assert len(many) == len(few)


def test_profile_shows_a_public_organisation(client):
    organisation = OrganisationFactory(
        name="Zeta Profiili Oy",
        description_fi="Kuvaus suomeksi.",
        description_sv="Beskrivning på svenska.",
        website="https://zeta.example.fi/",
        region=WelfareRegion.objects.get(code="pohjanmaa"),
    )
    html = text_of(client.get(f"/sv/members/organisations/{organisation.pk}/"))
    assert "<h1>Zeta Profiili Oy</h1>" in html
    assert "Beskrivning på svenska." in html
    assert "Österbotten" in html
    assert 'href="https://zeta.example.fi/"' in html


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": MembershipStatus.PENDING},
        {"status": MembershipStatus.REJECTED},
        {"status": MembershipStatus.RESIGNED},
        {"listed_publicly": False},
    ],
)
def test_profile_of_a_non_public_organisation_is_404_even_to_its_contact_person(client, overrides):
    contact = ContactPersonFactory(organisation=OrganisationFactory(**overrides))
    assert client.get(f"/fi/members/organisations/{contact.organisation.pk}/").status_code == 404
    client.force_login(contact.user)
    assert client.get(f"/fi/members/organisations/{contact.organisation.pk}/").status_code == 404
    assert client.get("/fi/members/organisations/99999999/").status_code == 404


# --- Self-service ----------------------------------------------------------------------------------

SELF_SERVICE_PATHS = [
    "/fi/members/my/{org}/",
    "/fi/members/my/{org}/contacts/",
    "/fi/members/my/{org}/contacts/{contact}/remove/",
    "/fi/members/my/{org}/resign/",
]


@pytest.mark.parametrize("template", ["/fi/members/my/", *SELF_SERVICE_PATHS])
def test_self_service_needs_signing_in(client, template):
    contact = ContactPersonFactory()
    path = template.format(org=contact.organisation.pk, contact=contact.pk)
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/fi/accounts/login/?next=")


@pytest.mark.parametrize("template", SELF_SERVICE_PATHS)
def test_a_contact_person_can_never_touch_another_organisation(client, template):
    mine = ContactPersonFactory()
    theirs = ContactPersonFactory(organisation__name="Toinen Oy")
    ContactPersonFactory(organisation=theirs.organisation, is_primary=False)
    client.force_login(mine.user)
    path = template.format(org=theirs.organisation.pk, contact=theirs.pk)
    data = {
        "name_fi": "Kaapattu Oy",
        "type": "company",
        "first_name": "A",
        "last_name": "B",
        "email": "x@example.fi",
        "language": "fi",
    }
    assert client.get(path).status_code == 404
    assert client.post(path, data).status_code == 404
    # nor another organisation's contact person through their own organisation's address
    own_path = template.format(org=mine.organisation.pk, contact=theirs.pk)
    if "{contact}" in template:
        assert client.post(own_path).status_code == 404
    theirs.organisation.refresh_from_db()
    assert (theirs.organisation.name_fi, theirs.organisation.status) == ("Toinen Oy", MembershipStatus.MEMBER)
    assert ContactPerson.objects.filter(organisation=theirs.organisation).count() == 2
    assert AuditEntry.objects.filter(action__startswith="members.").count() == 0


def test_my_page_lists_only_my_organisations(client):
    mine = ContactPersonFactory(organisation__name="Oma Oy")
    ContactPersonFactory(organisation__name="Vieras Oy")
    client.force_login(mine.user)
    html = text_of(client.get("/fi/members/my/"))
    assert "Oma Oy" in html
    assert "Vieras Oy" not in html


def logo_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (0, 74, 143)).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_a_contact_person_edits_the_profile_and_uploads_a_logo(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contact = ContactPersonFactory(organisation__name="Vanha Oy")
    client.force_login(contact.user)
    organisation = contact.organisation
    response = client.post(
        f"/fi/members/my/{organisation.pk}/",
        {
            "name_fi": "Uusi Oy",
            "name_sv": "Nya Ab",
            "name_en": "",
            "type": "company",
            "region": "",
            "municipality": "Oulu",
            "website": "https://uusi.example.fi/",
            "description_fi": "Uusi kuvaus.",
            "description_sv": "",
            "description_en": "",
            "listed_publicly": "on",
            "logo": logo_upload(),
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/fi/members/my/")
    organisation.refresh_from_db()
    assert (organisation.name_fi, organisation.name_sv, organisation.name_en, organisation.municipality) == (
        "Uusi Oy",
        "Nya Ab",
        None,
        "Oulu",
    )
    assert re.fullmatch(r"logos/[0-9a-f]{32}\.png", organisation.logo.name)
    assert (tmp_path / organisation.logo.name).exists()
    assert AuditEntry.objects.get(action="members.organisation.updated").actor_id == contact.user.pk
    html = text_of(client.get(f"/sv/members/organisations/{organisation.pk}/"))
    assert "<h1>Nya Ab</h1>" in html and f'src="/media/{organisation.logo.name}"' in html


def test_a_fake_logo_is_refused_with_a_message(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contact = ContactPersonFactory()
    client.force_login(contact.user)
    fake = SimpleUploadedFile("logo.png", b"<svg onload='alert(1)'/>", content_type="image/png")
    response = client.post(
        f"/en/members/my/{contact.organisation.pk}/",
        {"name_fi": "X Oy", "type": "company", "logo": fake},
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in text_of(response)
    contact.organisation.refresh_from_db()
    assert contact.organisation.logo.name == ""


def test_a_contact_person_invites_another_through_the_outbox(
    client, smtp, django_capture_on_commit_callbacks
):
    contact = ContactPersonFactory()
    client.force_login(contact.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/fi/members/my/{contact.organisation.pk}/contacts/",
            {
                "first_name": "Ville",
                "last_name": "Kollega",
                "title": "",
                "email": "ville@example.fi",
                "language": "en",
            },
        )
    assert response.status_code == 302
    assert ContactPerson.objects.filter(organisation=contact.organisation).count() == 2
    mails = smtp.wait_for(1)
    assert [m.rcpt_tos for m in mails] == [["ville@example.fi"]]
    assert "/en/members/activate/" in activation_link(mails[0].text())


def test_removing_a_contact_person_asks_first(client):
    contact = ContactPersonFactory()
    other = ContactPersonFactory(organisation=contact.organisation, is_primary=False)
    client.force_login(contact.user)
    path = f"/fi/members/my/{contact.organisation.pk}/contacts/{other.pk}/remove/"
    assert client.get(path).status_code == 200
    assert ContactPerson.objects.filter(pk=other.pk).exists()
    assert client.post(path).status_code == 302
    assert not ContactPerson.objects.filter(pk=other.pk).exists()
    # the last one cannot go
    own = f"/fi/members/my/{contact.organisation.pk}/contacts/{contact.pk}/remove/"
    client.post(own)
    assert ContactPerson.objects.filter(pk=contact.pk).exists()


def test_resigning_asks_first_then_resigns(client):
    contact = ContactPersonFactory()
    client.force_login(contact.user)
    path = f"/fi/members/my/{contact.organisation.pk}/resign/"
    assert client.get(path).status_code == 200
    contact.organisation.refresh_from_db()
    assert contact.organisation.status == MembershipStatus.MEMBER
    assert client.post(path).status_code == 302
    contact.organisation.refresh_from_db()
    assert contact.organisation.status == MembershipStatus.RESIGNED
    assert client.get(path).status_code == 404  # a resigned organisation cannot resign again
    assert client.get(f"/fi/members/my/{contact.organisation.pk}/").status_code == 404
