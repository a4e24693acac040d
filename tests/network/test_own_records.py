"""Member contact persons keep their own organisation's AI implementation records, nobody else's."""

import pytest

from core.models import AuditEntry
from network.enums import ImplementationStatus
from network.models import Implementation
from tests.factories import UserFactory
from tests.network.factories import ImplementationFactory

pytestmark = pytest.mark.django_db

FORM = {
    "title_fi": "Kirjaamisen tekoälyavustaja",
    "title_sv": "",
    "title_en": "AI documentation assistant",
    "region": "",
    "use_case": "administrative_burden",
    "stage": "pilot",
    "description_fi": "Kuvaus suomeksi.",
    "description_sv": "",
    "description_en": "",
    "results_fi": "",
    "results_sv": "",
    "results_en": "",
    "contact_name": "Maija Meikäläinen",
    "contact_email": "maija@example.fi",
    "links": "https://example.fi/a\nhttps://example.fi/b",
    "start_year": "2025",
    "end_year": "",
}


def test_signed_out_visitors_are_sent_to_sign_in(client):
    implementation = ImplementationFactory(status=ImplementationStatus.DRAFT)
    for url in [
        "/fi/ai-implementations/own/",
        "/fi/ai-implementations/new/",
        f"/fi/ai-implementations/{implementation.pk}/edit/",
    ]:
        response = client.get(url)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/fi/accounts/login/")


def test_a_user_who_is_no_contact_person_cannot_add_records(client):
    client.force_login(UserFactory())
    assert client.get("/fi/ai-implementations/own/").status_code == 403
    assert client.post("/fi/ai-implementations/new/", FORM).status_code == 403
    assert Implementation.objects.count() == 0


def test_a_contact_person_adds_a_draft_and_submits_it(client, contact, organisation):
    client.force_login(contact)
    response = client.post("/fi/ai-implementations/new/", {**FORM, "owner": organisation.pk})
    assert response.status_code == 302
    implementation = Implementation.objects.get()
    assert (implementation.owner, implementation.status, implementation.title_en) == (
        organisation,
        ImplementationStatus.DRAFT,
        "AI documentation assistant",
    )
    assert implementation.link_list == ["https://example.fi/a", "https://example.fi/b"]
    assert client.get(f"/fi/ai-implementations/{implementation.pk}/").status_code == 404

    assert client.post(f"/fi/ai-implementations/{implementation.pk}/submit/").status_code == 302
    implementation.refresh_from_db()
    assert implementation.status == ImplementationStatus.SUBMITTED
    html = client.get("/en/ai-implementations/own/").content.decode()
    assert "Submitted for review" in html


def test_a_contact_person_cannot_add_records_for_another_organisation(client, contact, other_organisation):
    client.force_login(contact)
    response = client.post("/fi/ai-implementations/new/", {**FORM, "owner": other_organisation.pk})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["owner"]
    assert Implementation.objects.count() == 0


def test_a_contact_person_cannot_see_or_change_another_organisations_records(
    client, contact, other_organisation
):
    theirs = ImplementationFactory(
        owner=other_organisation, title_fi="Toisen luonnos", status=ImplementationStatus.DRAFT
    )
    client.force_login(contact)
    assert "Toisen luonnos" not in client.get("/fi/ai-implementations/own/").content.decode()
    assert client.get(f"/fi/ai-implementations/{theirs.pk}/edit/").status_code == 404
    assert client.post(f"/fi/ai-implementations/{theirs.pk}/edit/", FORM).status_code == 404
    assert client.post(f"/fi/ai-implementations/{theirs.pk}/submit/").status_code == 404
    theirs.refresh_from_db()
    assert (theirs.title_fi, theirs.status) == ("Toisen luonnos", ImplementationStatus.DRAFT)
    assert AuditEntry.objects.filter(object_type="network.implementation").count() == 0


def test_editing_a_published_record_hides_it_until_published_again(client, contact, organisation):
    implementation = ImplementationFactory(owner=organisation, title_fi="Vanha otsikko")
    client.force_login(contact)
    form = client.get(f"/fi/ai-implementations/{implementation.pk}/edit/").context["form"]
    assert form.fields["owner"].disabled
    response = client.post(
        f"/fi/ai-implementations/{implementation.pk}/edit/", {**FORM, "title_fi": "Uusi otsikko"}
    )
    assert response.status_code == 302
    implementation.refresh_from_db()
    assert (implementation.title_fi, implementation.status, implementation.owner) == (
        "Uusi otsikko",
        ImplementationStatus.SUBMITTED,
        organisation,
    )
    assert client.get(f"/fi/ai-implementations/{implementation.pk}/").status_code == 404


def test_invalid_links_are_refused(client, contact, organisation):
    client.force_login(contact)
    response = client.post(
        "/en/ai-implementations/new/", {**FORM, "owner": organisation.pk, "links": "not a link"}
    )
    assert response.context["form"].errors["links"] == [
        "Enter one web address (https://…) per line: not a link is not one."
    ]


def test_coordinators_publish_with_the_admin_action(client, coordinator):
    submitted = ImplementationFactory(status=ImplementationStatus.SUBMITTED)
    draft = ImplementationFactory(status=ImplementationStatus.DRAFT)
    client.force_login(coordinator)
    response = client.post(
        "/en/admin/network/implementation/",
        {"action": "publish", "_selected_action": [submitted.pk, draft.pk]},
        follow=True,
    )
    assert response.status_code == 200
    submitted.refresh_from_db()
    draft.refresh_from_db()
    assert (submitted.status, draft.status) == (ImplementationStatus.PUBLISHED, ImplementationStatus.DRAFT)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        f"“{draft.title}” cannot change from “Draft” to “Published”.",
        "1 AI implementation published.",
    ]


def test_staff_groups_have_the_network_permissions():
    from django.contrib.auth.models import Group

    coordinators = set(
        Group.objects.get(name="Coordinators")
        .permissions.filter(content_type__app_label="network")
        .values_list("codename", flat=True)
    )
    steering = set(
        Group.objects.get(name="Steering group")
        .permissions.filter(content_type__app_label="network")
        .values_list("codename", flat=True)
    )
    models = ["person", "workinggroup", "implementation", "notice"]
    assert coordinators == {
        f"{verb}_{model}" for verb in ("add", "change", "delete", "view") for model in models
    }
    assert steering == {f"view_{model}" for model in models}
