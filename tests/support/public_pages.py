"""Every public page of the portal, with one object of each kind behind it.

The reflow, HTML validity and cookie tests walk this one list, so a new public page is added here once.
"""

from __future__ import annotations

from django.utils import timezone

LANGUAGES = ("fi", "sv", "en")


def public_world() -> list[str]:
    """Create one object of each public kind; return the public paths without the language prefix."""
    from newsletter.enums import CampaignState
    from tests.events.factories import EventFactory, ProgrammeItemFactory, SpeakerFactory
    from tests.factories import OrganisationFactory
    from tests.funding.factories import FundingCallFactory
    from tests.network.factories import (
        ImplementationFactory,
        NoticeFactory,
        PersonFactory,
        WorkingGroupFactory,
    )
    from tests.newsletter.factories import CampaignFactory

    organisation = OrganisationFactory(
        name="Pitkänimisen Terveysteknologian Tutkimus- ja Kehittämiskeskuksen Osakeyhtiö",
    )
    event = EventFactory(description_fi="Alustus ja **keskustelu**.")
    SpeakerFactory(item=ProgrammeItemFactory(event=event))
    notice = NoticeFactory(title_sv="Anslag", summary_fi="Tiivistelmä vain suomeksi.")
    implementation = ImplementationFactory(owner=organisation)
    group = WorkingGroupFactory()
    PersonFactory(email="erittain.pitka.sahkopostiosoite.henkilolle@sosiaali-ja-terveysministerio.example.fi")
    call = FundingCallFactory()
    campaign = CampaignFactory(
        subject_sv="Nyhetsbrev",
        body_sv="## Nytt\n\n- AI",
        state=CampaignState.SENT,
        finished_at=timezone.now(),
    )
    return [
        "/",
        "/pages/privacy/",
        "/pages/accessibility/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/members/",
        "/members/join/",
        f"/members/organisations/{organisation.pk}/",
        "/coordination-group/",
        "/working-groups/",
        f"/working-groups/{group.slug}/",
        "/ai-implementations/",
        "/ai-implementations/situational-picture/",
        f"/ai-implementations/{implementation.pk}/",
        "/bulletin-board/",
        f"/bulletin-board/{notice.pk}/",
        "/funding/",
        f"/funding/calls/{call.slug}/",
        "/funding/funded-projects/",
        "/events/",
        "/events/past/",
        f"/events/{event.slug}/",
        f"/events/{event.slug}/register/",
        "/newsletter/",
        "/newsletter/archive/",
        f"/newsletter/archive/{campaign.pk}/",
        "/projects/",
        "/open-data/",
    ]


def in_languages(paths: list[str], languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    return [f"/{language}{path}" for language in languages for path in paths]
