"""People and objects of the steering group's review."""

from __future__ import annotations

from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from core.groups import COORDINATORS, DECISION_MAKERS, STEERING_GROUP
from funding.enums import ApplicationStatus
from funding.models import Criterion
from tests.factories import UserFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory


def staff(group: str, **kwargs):
    """A staff member of ``group`` who can sign in: verified address, authenticator app."""
    from allauth.account.models import EmailAddress

    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def coordinator(**kwargs):
    return staff(COORDINATORS, **kwargs)


def reviewer(**kwargs):
    return staff(STEERING_GROUP, **kwargs)


def decision_maker(**kwargs):
    return staff(DECISION_MAKERS, **kwargs)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(FundingCallFactory)
    name = factory.Sequence(lambda n: f"Kriteeri {n}")
    name_fi = factory.SelfAttribute("name")
    name_sv = factory.Sequence(lambda n: f"Kriterium {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    scale_min = 1
    scale_max = 5
    weight = Decimal("1")
    required = True
    allow_not_applicable = False
    order = factory.Sequence(int)


def submitted_application(call, **kwargs):
    """A submitted application (as the applicant's service leaves it), version 2."""
    kwargs.setdefault("status", ApplicationStatus.SUBMITTED)
    kwargs.setdefault("version", 2)
    return ApplicationFactory(call=call, **kwargs)
