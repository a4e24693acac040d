from modeltranslation.translator import TranslationOptions, register

from funding.models import (
    CallDocument,
    CallQuestion,
    Criterion,
    FormChoice,
    FormQuestion,
    FormSection,
    FundingCall,
)


@register(FundingCall)
class FundingCallTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "summary",
        "description",
        "process",
        "decision_conditions",
        "decision_reporting",
        "payment_terms",
        "decider_title",
    )
    required_languages = ("fi",)


@register(CallDocument)
class CallDocumentTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("fi",)


@register(CallQuestion)
class CallQuestionTranslationOptions(TranslationOptions):
    fields = ("question", "answer")
    required_languages = ("fi",)


@register(Criterion)
class CriterionTranslationOptions(TranslationOptions):
    fields = ("name", "description", "score_meanings")
    required_languages = ("fi",)


# Every language is checked before the call opens (funding.services.forms.call_form_problems); the
# database asks only for Finnish so a coordinator can save a section while translations are on the way.
@register(FormSection)
class FormSectionTranslationOptions(TranslationOptions):
    fields = ("title", "intro")
    required_languages = ("fi",)


@register(FormQuestion)
class FormQuestionTranslationOptions(TranslationOptions):
    fields = ("label", "help_text")
    required_languages = ("fi",)


@register(FormChoice)
class FormChoiceTranslationOptions(TranslationOptions):
    fields = ("label",)
    required_languages = ("fi",)
