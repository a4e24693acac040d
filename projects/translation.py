from modeltranslation.translator import TranslationOptions, register

from projects.models import Project, ReportDeadline


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("public_title", "public_summary", "public_results", "public_lessons")
    required_languages = {"fi": ("public_title",)}


@register(ReportDeadline)
class ReportDeadlineTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("fi",)
