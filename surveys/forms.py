from django.utils.translation import gettext_lazy as _

from core.questionnaires import QuestionnaireForm


class AnswerForm(QuestionnaireForm):
    """One field per question: ``q<id>``; scales as radio buttons 1–5, free text as a text area."""

    scale_help_text = _("1 = very dissatisfied, 5 = very satisfied")
    scale_error_messages = {
        "required": _("Choose a value from 1 to 5."),
        "invalid_choice": _("Choose a value from 1 to 5."),
    }
    text_error_messages = {
        "required": _("Answer this question."),
        "max_length": _("Write at most 4,000 characters."),
    }
