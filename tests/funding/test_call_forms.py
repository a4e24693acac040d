"""A call's own application form: copied from the template or another call, frozen once the call
opens or an application exists, complete in every language before it is published, and read back
with its answers in any language in a constant number of queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from core.models import AuditEntry
from funding.form_template import DEFAULT_KEYS
from funding.models import Answer, Attachment, FormChoice, FormQuestion, FormSection
from funding.selectors.answers import answer_by_key, application_answer_sections, call_form_sections
from funding.services.forms import FormFrozen, call_form_copy, call_form_problems
from tests.factories import UserFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory

pytestmark = pytest.mark.django_db


def upcoming(**kwargs):
    now = timezone.now()
    return FundingCallFactory(opens_at=now + timedelta(days=10), closes_at=now + timedelta(days=40), **kwargs)


def add_question(section, key, kind, *, label="Kysymys", choices=(), **kwargs):
    question = FormQuestion.objects.create(
        section=section,
        key=key,
        kind=kind,
        label=label,
        label_fi=label,
        label_sv=f"Fråga {key}",
        label_en=f"Question {key}",
        **kwargs,
    )
    for order, (value, fi, sv, en) in enumerate(choices):
        FormChoice.objects.create(
            question=question, value=value, order=order, label=fi, label_fi=fi, label_sv=sv, label_en=en
        )
    return question


def test_a_new_call_copies_the_template_and_another_call():
    call = upcoming(form=False)
    coordinator = UserFactory(is_staff=True)
    call_form_copy(call=call, source=None, actor=coordinator)
    sections = call_form_sections(call, language="en")
    assert [s.title for s in sections] == [
        "The problem, the solution and the AI used",
        "The data and its governance",
        "Effectiveness and its evaluation",
        "Scaling and cooperation",
        "Schedule and risks",
        "Commitments",
    ]
    assert [i.key for s in sections for i in s.items] == DEFAULT_KEYS
    assert call_form_problems(call) == []
    # The next call starts from this one's, with its own additions.
    extra = FormSection.objects.create(
        call=call, order=9, title="Lisä", title_fi="Lisä", title_sv="Extra", title_en="Extra"
    )
    add_question(extra, "pilot_sites", "choice", choices=[("one", "Yksi", "En", "One")])
    following = upcoming(form=False)
    call_form_copy(call=following, source=call, actor=coordinator)
    copied = call_form_sections(following, language="sv")
    assert [i.key for s in copied for i in s.items] == [*DEFAULT_KEYS, "pilot_sites"]
    assert copied[-1].title == "Extra"
    assert (
        FormChoice.objects.filter(question__call=following).values_list("label_en", flat=True).get() == "One"
    )
    entry = AuditEntry.objects.filter(action="funding.call.form_copied", object_id=str(following.pk)).get()
    assert entry.new == {"source": call.pk, "questions": len(DEFAULT_KEYS) + 1}


def test_the_form_is_frozen_once_the_call_opens_or_an_application_exists():
    opened = FundingCallFactory()
    with translation.override("en"), pytest.raises(FormFrozen) as refused:
        call_form_copy(call=opened, source=None, actor=None)
    assert refused.value.message == (
        f"The application form of {opened.title_en} can no longer be changed: the call has opened or an "
        "application has been started."
    )
    with translation.override("fi"), pytest.raises(FormFrozen) as refused:
        call_form_copy(call=opened, source=None, actor=None)
    assert "ei voi enää muuttaa" in refused.value.message
    early = upcoming()
    ApplicationFactory(call=early)
    with pytest.raises(FormFrozen):
        call_form_copy(call=early, source=None, actor=None)


def test_a_label_without_every_language_keeps_the_call_from_opening():
    call = upcoming()
    section = call.form_sections.first()
    section.title_sv = ""
    section.save()
    question = add_question(section, "sites", "multiple_choice")
    question.label_en = ""
    question.save()
    with translation.override("en"):
        problems = call_form_problems(call)
    assert problems == [
        f"The title of the section “{section.title_en}” lacks a translation: svenska.",
        "The question “sites” lacks a translation: English.",
        "The question “sites” has no choices.",
    ]


def test_the_answers_read_back_typed_in_each_language_in_constant_queries():
    call = upcoming()
    section = FormSection.objects.create(call=call, order=9, title="Lisä", title_fi="Lisä", title_en="More")
    add_question(section, "budget_share", "money")
    add_question(section, "start", "date")
    add_question(
        section,
        "sites",
        "multiple_choice",
        choices=[("a", "Yksi", "En", "One"), ("b", "Kaksi", "Två", "Two")],
    )
    add_question(section, "ethics", "yes_no")
    file_question = add_question(section, "plan", "file", required=False)
    application = ApplicationFactory(
        call=call,
        answers={
            "budget_share": "1234.5",
            "start": "2026-03-01",
            "sites": ["a", "b"],
            "ethics": {"answer": True, "explanation": "Lupa haettu"},
        },
    )
    Attachment.objects.create(
        application=application,
        file="a/1.pdf",
        filename="Suunnitelma.pdf",
        kind="pdf",
        size=3,
        question=file_question,
    )
    with CaptureQueriesContext(connection) as queries:
        sections = application_answer_sections(application, language="en")
    extra = sections[-1]
    assert extra.title == "More"
    assert [(i.key, i.label, i.display) for i in extra.items] == [
        ("budget_share", "Question budget_share", "€1,234.50"),
        ("start", "Question start", "03/01/2026"),
        ("sites", "Question sites", "One, Two"),
        ("ethics", "Question ethics", "Yes: Lupa haettu"),
        ("plan", "Question plan", "Suunnitelma.pdf"),
    ]
    assert [i.display for i in application_answer_sections(application, language="fi")[-1].items] == [
        "1\xa0234,50\xa0€",
        "1.3.2026",
        "Yksi, Kaksi",
        "Kyllä: Lupa haettu",
        "Suunnitelma.pdf",
    ]
    assert answer_by_key(application, "sites") == ["a", "b"]
    assert answer_by_key(application, "no_such_question") is None
    for n in range(30):
        add_question(section, f"more-{n}", "long_text")
        Answer.objects.create(
            application=application, question=FormQuestion.objects.get(key=f"more-{n}"), value="x"
        )
    with CaptureQueriesContext(connection) as more:
        assert len(application_answer_sections(application, language="en")[-1].items) == 35
    assert len(more) == len(queries)


def test_a_coordinator_copies_the_form_and_cannot_change_a_frozen_one(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)
    call = upcoming(form=False, published=False)
    opened = FundingCallFactory()
    section = opened.form_sections.first()
    assert client.get(f"/en/admin/funding/formsection/{section.pk}/change/").status_code == 200
    response = client.post(
        f"/en/admin/funding/formsection/{section.pk}/change/",
        {
            "call": opened.pk,
            "order": 0,
            "title_fi": "Muutettu",
            "questions-TOTAL_FORMS": 0,
            "questions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 403
    section.refresh_from_db()
    assert section.title_fi != "Muutettu"
    # An upcoming call's form can be edited, and a section added.
    response = client.post(
        "/en/admin/funding/formsection/add/",
        {
            "call": call.pk,
            "order": 1,
            "title_fi": "Pilotit",
            "title_sv": "Piloter",
            "title_en": "Pilots",
            "questions-TOTAL_FORMS": 1,
            "questions-INITIAL_FORMS": 0,
            "questions-0-order": 0,
            "questions-0-key": "pilot_count",
            "questions-0-kind": "number",
            "questions-0-label_fi": "Pilottien määrä",
            "questions-0-label_sv": "Antal piloter",
            "questions-0-label_en": "Number of pilots",
            "questions-0-required": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(FormQuestion.objects.filter(call=call).values_list("key", "kind")) == [
        ("pilot_count", "number")
    ]


def test_the_call_page_lists_the_confirmations_the_calls_own_form_requires(client):
    call = upcoming(slug="ensi-vuosi")
    section = call.form_sections.order_by("order").first()
    add_question(
        section, "open_code", "confirm", label="Hanke julkaisee koodinsa avoimena.", required=True, order=99
    )
    FormQuestion.objects.filter(section__call=call, key="commitment_sharing").delete()

    def commitments(language):
        html = client.get(f"/{language}/funding/calls/ensi-vuosi/").content.decode()
        block = html[html.index('id="commitments-heading"') :]
        return re.findall(r"<li>(.*?)</li>", block[: block.index("</ul>")])

    finnish = commitments("fi")
    assert "Hanke julkaisee koodinsa avoimena." in finnish
    assert "Fråga open_code" in commitments("sv")
    assert len(finnish) == 4  # three of the template's four, the new one; research willingness is optional
