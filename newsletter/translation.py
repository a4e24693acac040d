from modeltranslation.translator import TranslationOptions, register

from newsletter.models import Campaign, WelcomeMessage


@register(Campaign)
class CampaignTranslationOptions(TranslationOptions):
    fields = ("subject", "body")
    required_languages = ("fi",)


@register(WelcomeMessage)
class WelcomeMessageTranslationOptions(TranslationOptions):
    fields = ("subject", "body")
    required_languages = ("fi",)
