from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from core.groups import COORDINATORS, DECISION_MAKERS, STEERING_GROUP
from funding.enums import ApplicationStatus
from members.models import WelfareRegion
from projects import services
from projects.enums import ReportKind
from projects.models import ReportDeadline
from tests.factories import UserFactory
from tests.funding.factories import (
    ApplicationFactory,
    FundingCallFactory,
    RegionOrganisationFactory,
    applicant,
)

SCHEDULE = "- Määrittely valmis 3/2025\n\n- Pilotti kahdessa yksikössä 6/2025\n  \n3. Arviointi 11/2025\n"


class ReportDeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportDeadline

    call = factory.SubFactory(FundingCallFactory)
    kind = ReportKind.INTERIM
    title = "Väliraportti"
    title_fi = "Väliraportti"
    title_sv = "Mellanrapport"
    title_en = "Interim report"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


def staff(group: str):
    from allauth.account.models import EmailAddress

    user = UserFactory(is_staff=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def coordinator():
    return staff(COORDINATORS)


def decision_maker():
    return staff(DECISION_MAKERS)


def steering():
    return staff(STEERING_GROUP)


def funded_application(*, call=None, contact=None, granted=Decimal("50000.00"), region_code=None, **kwargs):
    """A funded application (budget 100 000 €) of a welfare region, with its contact person."""
    call = call or FundingCallFactory(
        opens_at=timezone.now() - timedelta(days=90), closes_at=timezone.now() - timedelta(days=60)
    )
    if contact is None:
        organisation = RegionOrganisationFactory(
            region=WelfareRegion.objects.get(code=region_code) if region_code else None
        )
        contact = applicant(call, organisation=organisation)
    kwargs.setdefault("schedule", SCHEDULE)
    application = ApplicationFactory(
        call=call,
        organisation=contact.organisation,
        status=ApplicationStatus.FUNDED,
        granted_amount=granted,
        created_by=contact.user,
        submitted_by=contact.user,
        **kwargs,
    )
    return application, contact


def funded_project(*, deadlines=1, actor=None, **kwargs):
    """A project started from a funded application, with ``deadlines`` interim reports scheduled."""
    application, contact = funded_application(**kwargs)
    for i in range(deadlines):
        ReportDeadlineFactory(
            call=application.call, due_date=timezone.localdate() + timedelta(days=30 + 30 * i)
        )
    project = services.project_create_from_application(application=application, actor=actor)
    return project, contact
