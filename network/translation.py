from modeltranslation.translator import TranslationOptions, register

from network.models import Implementation, Notice, Person, WorkingGroup


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(WorkingGroup)
class WorkingGroupTranslationOptions(TranslationOptions):
    fields = ("name", "goals", "contact_title")
    required_languages = {"fi": ("name", "goals")}


@register(Implementation)
class ImplementationTranslationOptions(TranslationOptions):
    fields = ("title", "description", "results")
    required_languages = {"fi": ("title", "description")}


@register(Notice)
class NoticeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = {"fi": ("title", "body")}
