"""Only what the public may see is found, never an email address; documents follow the services,
``migrate`` and ``seed_demo``."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from core.groups import COORDINATORS
from events.models import Event
from members.enums import MembershipStatus
from network import services as network_services
from network.enums import ImplementationStatus
from newsletter.enums import CampaignState
from search import demo, services
from search.models import SearchDocument
from tests.events.factories import EventFactory
from tests.factories import ContactPersonFactory, OrganisationFactory, UserFactory
from tests.network.factories import ImplementationFactory, NoticeFactory
from tests.newsletter.factories import CampaignFactory
from tests.projects.factories import funded_project

SECRET = "zeppelinikokeilu"


def _found(client, text: str) -> str:
    response = client.get("/fi/haku/", {"q": text})
    assert response.status_code == 200
    return response.content.decode()


def test_drafts_and_hidden_objects_are_never_found(client, db):
    now = timezone.now()
    OrganisationFactory(name=f"Odottava {SECRET} Oy", status=MembershipStatus.PENDING)
    OrganisationFactory(name=f"Piilotettu {SECRET} Oy", listed_publicly=False)
    OrganisationFactory(name=f"Eronnut {SECRET} Oy", status=MembershipStatus.RESIGNED)
    ImplementationFactory(title_fi=f"Luonnos {SECRET}", status=ImplementationStatus.DRAFT, published_at=None)
    ImplementationFactory(
        title_fi=f"Lähetetty {SECRET}", status=ImplementationStatus.SUBMITTED, published_at=None
    )
    NoticeFactory(title_fi=f"Tuleva {SECRET}", publish_at=now + timedelta(days=1))
    NoticeFactory(
        title_fi=f"Vanhentunut {SECRET}",
        publish_at=now - timedelta(days=9),
        expires_at=now - timedelta(days=1),
    )
    EventFactory(title_fi=f"Julkaisematon {SECRET}", published=False)
    project, _contact = funded_project()
    project.public_title_fi = f"Julkaisematon hanke {SECRET}"
    project.save()
    CampaignFactory(subject=f"Luonnos {SECRET}", state=CampaignState.DRAFT)
    CampaignFactory(
        subject=f"Arkistoimaton {SECRET}", state=CampaignState.SENT, finished_at=now, in_archive=False
    )
    services.index_rebuild()
    html = _found(client, SECRET)
    assert f"0 tulosta haulle ”{SECRET}”" in html
    assert f"{SECRET}</a>" not in html and "<mark>" not in html
    lists = ("/fi/members/", "/fi/ai-implementations/", "/fi/bulletin-board/", "/fi/events/", "/fi/projects/")
    for path in lists:
        assert f"{SECRET}</a>" not in client.get(path, {"q": SECRET}).content.decode(), path


def test_an_email_address_is_never_indexed_nor_shown(client, db):
    organisation = OrganisationFactory(
        name="Sähköpostitesti Oy",
        description_fi="Yhteydet: paivi.palvelu@postilaatikko.example tai puhelimella.",
    )
    ContactPersonFactory(organisation=organisation, email="yhteys.henkilo@postilaatikko.example")
    ImplementationFactory(
        title_fi="Sähköpostiton toteutus",
        owner=organisation,
        contact_email="toteutus.vastaava@postilaatikko.example",
        description_fi="Kysy lisää: kysy.lisaa@postilaatikko.example",
    )
    NoticeFactory(title_fi="Sähköpostiton ilmoitus", body_fi="Ilmoittaudu: ilmo@postilaatikko.example")
    services.index_rebuild()
    for text in ("postilaatikko", "paivi.palvelu@postilaatikko.example", "yhteys", "ilmo", "sähköpostiton"):
        html = _found(client, text)
        assert "@postilaatikko.example" not in html.replace(text, "")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM search_searchdocument WHERE document::text LIKE '%%postilaatikko%%'"
        )
        assert cursor.fetchone() == (0,)
    assert not SearchDocument.objects.filter(body_fi__contains="@").exists()


def test_the_services_refresh_the_documents_after_the_commit(client, db, django_capture_on_commit_callbacks):
    coordinator = UserFactory(email="koordinaattori.haku@example.fi", is_staff=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    implementation = ImplementationFactory(
        title_fi=f"Lähetetty {SECRET}", status=ImplementationStatus.SUBMITTED, published_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        network_services.implementation_publish(actor=coordinator, implementation=implementation)
    assert f"Lähetetty <mark>{SECRET}</mark>" not in _found(client, SECRET)  # titles are not highlighted
    assert f">Lähetetty {SECRET}</a>" in _found(client, SECRET)
    with django_capture_on_commit_callbacks(execute=True):
        network_services.implementation_unpublish(actor=coordinator, implementation=implementation)
    assert f">Lähetetty {SECRET}</a>" not in _found(client, SECRET)
    with django_capture_on_commit_callbacks(execute=True):
        notice = network_services.notice_create(
            actor=coordinator,
            fields={"title_fi": f"Uusi {SECRET}", "body_fi": "Teksti.", "publish_at": timezone.now()},
        )
    assert f">Uusi {SECRET}</a>" in _found(client, SECRET)
    with django_capture_on_commit_callbacks(execute=True):
        network_services.notice_delete(actor=coordinator, notice=notice)
    assert not SearchDocument.objects.filter(kind="notice", object_id=notice.pk).exists()


@pytest.mark.parametrize("how", ["migrate", "seed_demo"])
def test_documents_exist_after_migrate_and_after_seeding(db, how):
    event = EventFactory(title_fi=f"Vanha {SECRET}")
    SearchDocument.objects.all().delete()
    if how == "migrate":
        call_command("migrate", verbosity=0)
    else:
        demo.seed(stdout=io.StringIO())
    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert {"member", "page", "event"} <= kinds
    assert SearchDocument.objects.get(kind="event", object_id=event.pk).title_fi == f"Vanha {SECRET}"
    Event.objects.filter(pk=event.pk).update(published=False)
    services.index_rebuild()
    assert not SearchDocument.objects.filter(kind="event", object_id=event.pk).exists()


def test_every_kind_has_a_source():
    from search.enums import Kind

    assert set(services.providers()) == set(Kind.values)
