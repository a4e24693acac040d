from modeltranslation.translator import TranslationOptions, register

from surveys.models import Question, SurveyRound


@register(SurveyRound)
class SurveyRoundTranslationOptions(TranslationOptions):
    fields = ("title", "introduction")
    required_languages = ("fi",)


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("fi",)
