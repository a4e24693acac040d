from modeltranslation.translator import TranslationOptions, register

from events.models import Event, FeedbackQuestion, ProgrammeItem, Speaker


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description", "place", "materials")
    required_languages = ("fi",)


@register(ProgrammeItem)
class ProgrammeItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Speaker)
class SpeakerTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(FeedbackQuestion)
class FeedbackQuestionTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("fi",)
