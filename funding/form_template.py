"""The built-in application form, the 2024 call's sections: the template a new call's form is copied
from (``funding.services.forms.call_form_copy``) and what the migration gave every existing call.

The project's name, use case and summary, the partners, the budget and the attachments are not here:
rules and public pages depend on them, so they stay structured parts of every application.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.questionnaires.kinds import FormKind

TEXT = 5000
DATA_TEXT = 3000


@dataclass(frozen=True)
class TemplateQuestion:
    key: str
    kind: str
    label: object
    help_text: object = ""
    required: bool = True
    max_chars: int | None = None


@dataclass(frozen=True)
class TemplateSection:
    title: object
    intro: object = ""
    questions: list[TemplateQuestion] = field(default_factory=list)


def _text(key, label, help_text, max_chars=TEXT):
    return TemplateQuestion(key, FormKind.LONG_TEXT, label, help_text, True, max_chars)


DEFAULT_FORM = [
    TemplateSection(
        _("The problem, the solution and the AI used"),
        "",
        [
            _text(
                "problem",
                _("the problem to solve"),
                _("What problem in health and social services the project solves, and for whom."),
            ),
            _text(
                "solution",
                _("the solution"),
                _("What the project builds or deploys, and how it is used in practice."),
            ),
            _text("ai_used", _("the AI used"), _("What kind of AI the solution uses, and who supplies it.")),
        ],
    ),
    TemplateSection(
        _("The data and its governance"),
        _("A short self-assessment against the points of Article 10 of the EU AI Act."),
        [
            _text(
                "data_origin",
                _("data origin"),
                _("Where the data comes from and who controls it."),
                DATA_TEXT,
            ),
            _text(
                "data_quality",
                _("data quality"),
                _("How the data's accuracy and completeness are ensured."),
                DATA_TEXT,
            ),
            _text(
                "data_representativeness",
                _("representativeness of the data"),
                _("Whether the data represents the people the solution will serve."),
                DATA_TEXT,
            ),
            _text(
                "data_bias",
                _("examination of possible biases"),
                _("How possible biases in the data are examined and corrected."),
                DATA_TEXT,
            ),
            _text(
                "personal_data_basis",
                _("legal basis for processing personal data"),
                _("The legal basis for processing personal data, and the safeguards."),
                DATA_TEXT,
            ),
        ],
    ),
    TemplateSection(
        _("Effectiveness and its evaluation"),
        "",
        [
            _text(
                "effectiveness",
                _("expected effectiveness"),
                _("The effect the project is expected to have, and on what."),
            ),
            _text(
                "evaluation",
                _("evaluation following THL's guidance"),
                _("How the impacts and effectiveness are evaluated following THL's guidance."),
            ),
        ],
    ),
    TemplateSection(
        _("Scaling and cooperation"),
        "",
        [
            _text(
                "scaling",
                _("scaling to national use"),
                _("How the result can be taken into wider national use after the project."),
            ),
            _text(
                "cooperation",
                _("cooperation"),
                _("The actors the project works with and how experiences are shared."),
            ),
        ],
    ),
    TemplateSection(
        _("Schedule and risks"),
        "",
        [
            _text(
                "schedule",
                _("schedule, milestones and concrete results"),
                _("Milestones and the concrete results in 2025 (or, with a justification, in 2026)."),
            ),
            _text("risks", _("risks"), _("The main risks and how they are managed.")),
        ],
    ),
    TemplateSection(
        _("Commitments"),
        _("Every commitment must be confirmed before the application can be submitted."),
        [
            TemplateQuestion(
                "commitment_legislation",
                FormKind.CONFIRM,
                _(
                    "The project reports and describes the needs it identifies to develop legislation to the "
                    "Ministry of Social Affairs and Health."
                ),
            ),
            TemplateQuestion(
                "commitment_sharing",
                FormKind.CONFIRM,
                _(
                    "The project shares information with the ecosystem network and works through open "
                    "questions and experiences together with the network as it progresses."
                ),
            ),
            TemplateQuestion(
                "commitment_evaluation",
                FormKind.CONFIRM,
                _("The project assesses its impacts and effectiveness following THL's evaluation guidance."),
            ),
            TemplateQuestion(
                "commitment_responsible_ai",
                FormKind.CONFIRM,
                _(
                    "The project promotes the responsible use of AI based on the requirements of the EU AI "
                    "Act and on high-quality data (Article 10 of the AI Act)."
                ),
            ),
            TemplateQuestion(
                "research_willing",
                FormKind.CONFIRM,
                _(
                    "We are willing to take part in the wider research project on the effectiveness of the "
                    "digitalisation of health and social care, if chosen."
                ),
                required=False,
            ),
        ],
    ),
]

#: The template's question keys, in the order of the form.
DEFAULT_KEYS = [q.key for section in DEFAULT_FORM for q in section.questions]


def translated(text) -> dict[str, str]:
    """``{"title_fi": ..., "title_sv": ..., "title_en": ...}``-ready values: language code → text."""
    values = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values[code] = str(capfirst(str(text))) if text else ""
    return values


def default_form_data() -> list[dict]:
    """The template as plain data, every label in every language (also read by the migration)."""
    return [
        {
            "title": translated(section.title),
            "intro": translated(section.intro),
            "questions": [
                {
                    "key": q.key,
                    "kind": str(q.kind),
                    "label": translated(q.label),
                    "help_text": translated(q.help_text),
                    "required": q.required,
                    "max_chars": q.max_chars,
                }
                for q in section.questions
            ],
        }
        for section in DEFAULT_FORM
    ]
