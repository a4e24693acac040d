from modeltranslation.translator import TranslationOptions, register

from members.models import Organisation, WelfareRegion


@register(WelfareRegion)
class WelfareRegionTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)
