from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.enums import Kind


class SearchDocument(models.Model):
    """The searchable text of one public object, kept by ``search.services`` from the owning app's
    ``searchable`` module. ``document`` weighs titles A, summaries B and bodies C, each language's text
    stemmed by its own configuration and repeated without ä/ö/å."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField(_("object id"))
    url_name = models.CharField(_("address name"), max_length=100)
    url_kwargs = models.JSONField(_("address parameters"), default=dict, blank=True)
    title_fi = models.CharField(_("title (Finnish)"), max_length=300, blank=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary_fi = models.TextField(_("summary (Finnish)"), blank=True)
    summary_sv = models.TextField(_("summary (Swedish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    body_fi = models.TextField(_("text (Finnish)"), blank=True)
    body_sv = models.TextField(_("text (Swedish)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    visible_from = models.DateTimeField(_("visible from"), null=True, blank=True)
    visible_until = models.DateTimeField(_("visible until"), null=True, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    document = SearchVectorField(_("search document"), null=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")]
        indexes = [GinIndex(fields=["document"], name="search_document_gin")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
