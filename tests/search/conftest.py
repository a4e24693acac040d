from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from members.enums import OrganisationType
from members.models import WelfareRegion
from newsletter.enums import CampaignState
from search import services
from tests.events.factories import EventFactory
from tests.factories import OrganisationFactory
from tests.network.factories import ImplementationFactory, NoticeFactory
from tests.newsletter.factories import CampaignFactory
from tests.projects.factories import funded_project


@pytest.fixture
def domain(db):
    """One public object of each kind, written in the domain's own words in Finnish, Swedish and
    English (the welfare regions' organisations come with the database)."""
    pirkanmaa = WelfareRegion.objects.get(code="pirkanmaa")
    university = OrganisationFactory(
        name="Tampereen yliopisto",
        name_sv="Tammerfors universitet",
        name_en="Tampere University",
        type=OrganisationType.RESEARCH,
        region=pirkanmaa,
        description_fi="Terveysteknologian tutkimusta ja opetusta.",
    )
    implementation = ImplementationFactory(
        title_fi="Tekoäly kotihoidon hoitajakuiskaajana",
        title_sv="Artificiell intelligens som sjukskötarviskare i hemvård",
        title_en="AI as a nurse whisperer in home care",
        description_fi="Puheentunnistus kirjaa käynnin tiedot. Pilotoitu yliopistollisessa sairaalassa.",
        description_sv="Taligenkänning dokumenterar besöket. Pilot på ett sjukhus.",
        owner=university,
        region=pirkanmaa,
    )
    notice = NoticeFactory(
        title_fi="Kirjaamisen työryhmä hakee jäseniä",
        title_sv="Arbetsgruppen för dokumentation söker medlemmar",
        body_fi="Työryhmä kehittää rakenteista kirjaamista sosiaali- ja terveydenhuollossa.",
        body_sv="Gruppen utvecklar strukturerad dokumentation inom social- och hälsovården.",
    )
    event = EventFactory(
        title_fi="AI-aamu: tekoäly päivystyksessä",
        title_sv="AI-morgon: artificiell intelligens på jouren",
        title_en="AI morning: artificial intelligence in emergency care",
        description_fi="Webinaari päivystyksen ja ensihoidon tekoälykokeiluista.",
    )
    project, _contact = funded_project(region_code="pirkanmaa")
    project.public_title_fi = "Oirearvio ja ohjaus ajanvaraukseen"
    project.public_title_sv = "Symtombedömning och styrning till tidsbokning"
    project.public_summary_fi = "Asiakas arvioi oireensa verkossa ja ohjautuu oikealle ammattilaiselle."
    project.published, project.published_at = True, timezone.now()
    project.save()
    issue = CampaignFactory(
        subject="Uutiskirje 1/2026: lainsäädäntö ja tekoäly",
        subject_sv="Nyhetsbrev 1/2026: lagstiftning och artificiell intelligens",
        body_fi="Ajankohtaista tekoälysäädöksestä ja sen tulkinnoista.",
        state=CampaignState.SENT,
        in_archive=True,
        started_at=timezone.now() - timedelta(days=2),
        finished_at=timezone.now() - timedelta(days=2),
    )
    services.index_rebuild()
    return {
        "university": university,
        "implementation": implementation,
        "notice": notice,
        "event": event,
        "project": project,
        "issue": issue,
    }
