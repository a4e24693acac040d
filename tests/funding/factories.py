from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from funding.enums import ApplicationStatus, BudgetCategory, UseCase
from funding.models import Application, BudgetLine, CallQuestion, FundingCall, Partner
from members.enums import OrganisationType
from tests.factories import ContactPersonFactory, OrganisationFactory

SECTION_TEXT = "Kuvaus osiosta."


class FundingCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingCall
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"haku-{n}")
    title = factory.Sequence(lambda n: f"Rahoitushaku {n}")
    title_fi = factory.SelfAttribute("title")
    title_sv = factory.Sequence(lambda n: f"Finansieringsutlysning {n}")
    title_en = factory.Sequence(lambda n: f"Funding call {n}")
    summary_fi = "Rahoitusta tekoälyhankkeille."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    budget_min = Decimal("2000000.00")
    budget_max = Decimal("3000000.00")
    projects_min = 5
    projects_max = 10
    max_share = Decimal("50.00")
    earliest_cost_date = date(2025, 1, 1)
    use_cases = factory.LazyFunction(lambda: list(UseCase.values))

    @factory.post_generation
    def eligible(self, create, extracted, **kwargs):
        if create and extracted:
            self.eligible_organisations.add(*extracted)


class CallQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallQuestion

    call = factory.SubFactory(FundingCallFactory)
    question_fi = factory.Sequence(lambda n: f"Kysymys {n}?")
    question = factory.SelfAttribute("question_fi")
    answer_fi = "Vastaus."
    answer = "Vastaus."


class RegionOrganisationFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Testialueen {n} hyvinvointialue")
    type = OrganisationType.WELFARE_REGION


def applicant(call, *, organisation=None, language="fi", **kwargs):
    """A contact person of an organisation eligible for ``call``."""
    organisation = organisation or RegionOrganisationFactory()
    call.eligible_organisations.add(organisation)
    contact = ContactPersonFactory(
        organisation=organisation,
        language=language,
        is_primary=not organisation.contact_persons.exists(),
        **kwargs,
    )
    return contact


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A complete draft: every section, a budget of 100 000 € and a request of 50 000 €."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(FundingCallFactory)
    organisation = factory.SubFactory(RegionOrganisationFactory)
    status = ApplicationStatus.DRAFT
    project_name = factory.Sequence(lambda n: f"Hoitajakuiskaaja {n}")
    use_case = UseCase.NURSE_WHISPERER
    summary = SECTION_TEXT
    problem = SECTION_TEXT
    solution = SECTION_TEXT
    ai_used = SECTION_TEXT
    data_origin = SECTION_TEXT
    data_quality = SECTION_TEXT
    data_representativeness = SECTION_TEXT
    data_bias = SECTION_TEXT
    personal_data_basis = SECTION_TEXT
    effectiveness = SECTION_TEXT
    evaluation = SECTION_TEXT
    scaling = SECTION_TEXT
    cooperation = SECTION_TEXT
    schedule = SECTION_TEXT
    risks = SECTION_TEXT
    requested_amount = Decimal("50000.00")
    commitment_legislation = True
    commitment_sharing = True
    commitment_evaluation = True
    commitment_responsible_ai = True

    @factory.post_generation
    def budget(self, create, extracted, **kwargs):
        if not create:
            return
        lines = (
            extracted
            if extracted is not None
            else [
                (BudgetCategory.EXTERNAL_TECHNOLOGY, 2025, Decimal("60000.00")),
                (BudgetCategory.OWN_PERSONNEL, 2025, Decimal("40000.00")),
            ]
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(application=self, category=c, year=y, amount=a, order=i)
            for i, (c, y, a) in enumerate(lines)
        )

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            Partner.objects.bulk_create(
                Partner(application=self, name=name, type=OrganisationType.COMPANY, order=i)
                for i, name in enumerate(extracted)
            )
