from modeltranslation.translator import TranslationOptions, register

from funding.models import CallDocument, CallQuestion, Criterion, FundingCall


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
