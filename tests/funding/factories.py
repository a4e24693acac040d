from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from core.questionnaires.kinds import to_json
from funding.enums import ApplicationStatus, BudgetCategory, UseCase
from funding.form_template import DEFAULT_KEYS, default_form_data
from funding.models import (
    Answer,
    Application,
    BudgetLine,
    CallQuestion,
    FormQuestion,
    FormSection,
    FundingCall,
    Partner,
)
from funding.selectors.answers import answer_by_key
from funding.services.forms import form_create
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

    @factory.post_generation
    def form(self, create, extracted, **kwargs):
        """Every call has the built-in form unless ``form=False``."""
        if create and extracted is not False:
            form_ensure(self)


_DEFAULT_FORM: list = []


def form_ensure(call) -> None:
    """The built-in form for ``call`` when it has none (the data built once per test run)."""
    if FormSection.objects.filter(call=call).exists():
        return
    if not _DEFAULT_FORM:
        _DEFAULT_FORM.extend(default_form_data())
    form_create(call, _DEFAULT_FORM)


def default_answers() -> dict:
    """A complete application's answers: every text, every commitment confirmed."""
    answers = {key: SECTION_TEXT for key in DEFAULT_KEYS}
    for key in (
        "commitment_legislation",
        "commitment_sharing",
        "commitment_evaluation",
        "commitment_responsible_ai",
    ):
        answers[key] = True
    answers["research_willing"] = False
    return answers


def answer(application, key):
    """The stored answer of ``application`` to its call's question ``key``."""
    return answer_by_key(application, key)


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
    requested_amount = Decimal("50000.00")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """The answers to the call's form are given by question key, as the columns once were
        (``risks="..."``, ``commitment_sharing=False``); the rest answer the built-in form completely."""
        given = {key: kwargs.pop(key) for key in list(kwargs) if key in DEFAULT_KEYS or key == "answers"}
        extra = given.pop("answers", None) or {}
        application = super()._create(model_class, *args, **kwargs)
        form_ensure(application.call)
        answers = {**default_answers(), **given, **extra}
        questions = {q.key: q for q in FormQuestion.objects.filter(call_id=application.call_id)}
        Answer.objects.bulk_create(
            Answer(
                application=application, question=questions[key], value=to_json(questions[key].kind, value)
            )
            for key, value in answers.items()
            if key in questions and to_json(questions[key].kind, value) is not None
        )
        return application

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
