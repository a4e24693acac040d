"""The open data API and its documentation page: public, read-only, for everyone."""

from datetime import timedelta

from django.utils import timezone

from funding.enums import ApplicationStatus
from tests.funding.factories import ApplicationFactory, FundingCallFactory
from tests.network.factories import ImplementationFactory

URLS = {
    "opendata:schema": "public",
    "opendata:members-list": "public",
    "opendata:members-detail": "public",
    "opendata:implementations-list": "public",
    "opendata:implementations-detail": "public",
    "opendata:funded-projects-list": "public",
    "opendata:funded-projects-detail": "public",
    "opendata:events-list": "public",
    "opendata:events-detail": "public",
    "opendata_pages:documentation": "public",
}


def paths(world) -> dict[str, str]:
    implementation = ImplementationFactory()
    call = FundingCallFactory(
        opens_at=timezone.now() - timedelta(days=60),
        closes_at=timezone.now() - timedelta(days=30),
        decisions_announced_at=timezone.now() - timedelta(days=1),
    )
    funded = ApplicationFactory(call=call, status=ApplicationStatus.FUNDED)
    return {
        "opendata:members-detail": f"/api/v1/members/{world['organisation'].pk}/",
        "opendata:implementations-detail": f"/api/v1/implementations/{implementation.pk}/",
        "opendata:funded-projects-detail": f"/api/v1/funded-projects/{funded.pk}/",
        "opendata:events-detail": f"/api/v1/events/{world['event'].slug}/",
    }
