"""The launch import of member organisations in the admin (django-import-export): CSV or XLSX, a dry
run with a report row by row, business IDs validated with their check digit, rows of the same
organisation merged (by business ID, else by name), each row saved through the service and audited,
nothing mailed, and the same file imported again changes nothing."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from import_export import fields, resources, widgets

from core import tabular
from members import selectors
from members.enums import OrganisationType
from members.models import Organisation
from members.services import organisation_import_save, organisations_import_record

#: Column headings accepted besides the field names (the earlier tools' Finnish and Swedish ones).
ALIASES = {
    "y-tunnus": "business_id",
    "fo-nummer": "business_id",
    "business id": "business_id",
    "nimi": "name",
    "namn": "name",
    "nimi ruotsiksi": "name_sv",
    "nimi englanniksi": "name_en",
    "tyyppi": "type",
    "typ": "type",
    "hyvinvointialue": "region",
    "välfärdsområde": "region",
    "kunta": "municipality",
    "kommun": "municipality",
    "verkkosivu": "website",
    "verkkosivut": "website",
    "webbplats": "website",
    "julkinen": "listed_publicly",
    "näytetään julkisesti": "listed_publicly",
    "jäsen alkaen": "member_since",
    "jäsenyys alkanut": "member_since",
    "medlem sedan": "member_since",
}
SIX_DIGIT_ID = re.compile(r"^(\d{6})-(\d)$")
TRUE_WORDS = {"1", "true", "yes", "kyllä", "k", "x", "ja", "on"}
FALSE_WORDS = {"0", "false", "no", "ei", "e", "nej", "off"}


def normalise_business_id(value) -> str:
    """Spaces removed; an old six-digit form gets its leading zero back (123456-7 → 0123456-7)."""
    text = re.sub(r"\s+", "", str(value or ""))
    match = SIX_DIGIT_ID.match(text)
    return f"0{match.group(1)}-{match.group(2)}" if match else text


class TextWidget(widgets.CharWidget):
    """Text with surrounding spaces removed; an empty cell is None (it leaves the stored value as it is)."""

    def __init__(self):
        super().__init__(allow_blank=False)

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        value = value.strip() if isinstance(value, str) else value
        return value or None


class WebsiteWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        if value and not re.match(r"^https?://", value, re.IGNORECASE):
            value = f"https://{value}"
        return value


class TypeWidget(widgets.Widget):
    """A type by its code or its label in any of the site's languages."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        from django.utils import translation

        for code, label in OrganisationType.choices:
            names = {code}
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    names.add(str(label).lower())
            if text.lower() in names:
                return code
        raise ValueError(gettext("Unknown organisation type: %(value)s") % {"value": text})


class RegionWidget(widgets.Widget):
    """A welfare region by its code or name, in Finnish ("Pirkanmaa", "Pirkanmaan hyvinvointialue"),
    Swedish or English."""

    def clean(self, value, row=None, **kwargs):
        text = " ".join(str(value or "").split())
        if not text:
            return None
        region = selectors.welfare_region_by_name(text)
        if region is None:
            raise ValueError(gettext("Unknown welfare region: %(value)s") % {"value": text})
        return region


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = str(value if value is not None else "").strip().lower()
        if not text:
            return None
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise ValueError(gettext("Write yes or no (kyllä/ei): %(value)s") % {"value": value})


class DayWidget(widgets.Widget):
    """A day (5.3.2026, 2026-03-05 or a spreadsheet date) as the start of that day in Helsinki."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            day = value.date()
        elif isinstance(value, date):
            day = value
        else:
            text = str(value).strip()
            for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
                try:
                    day = datetime.strptime(text, pattern).date()
                    break
                except ValueError:
                    continue
            else:
                raise ValueError(
                    gettext("Enter the day as 5.3.2026 or 2026-03-05: %(value)s") % {"value": text}
                )
        return timezone.make_aware(datetime.combine(day, time.min))


def _field(attribute: str, column: str, widget) -> fields.Field:
    # saves_null_values=False: an empty cell never overwrites what is stored (rows are merged).
    return fields.Field(attribute=attribute, column_name=column, widget=widget, saves_null_values=False)


class OrganisationResource(resources.ModelResource):
    business_id = _field("business_id", "business_id", TextWidget())
    name = _field("name_fi", "name", TextWidget())
    name_sv = _field("name_sv", "name_sv", TextWidget())
    name_en = _field("name_en", "name_en", TextWidget())
    type = _field("type", "type", TypeWidget())
    region = _field("region", "region", RegionWidget())
    municipality = _field("municipality", "municipality", TextWidget())
    website = _field("website", "website", WebsiteWidget())
    listed_publicly = _field("listed_publicly", "listed_publicly", YesNoWidget())
    member_since = _field("member_since", "member_since", DayWidget())

    class Meta:
        model = Organisation
        fields = (
            "business_id",
            "name",
            "name_sv",
            "name_en",
            "type",
            "region",
            "municipality",
            "website",
            "listed_publicly",
            "member_since",
        )
        import_id_fields = ("business_id",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        self._actor = kwargs.get("user")
        headers = [str(h or "").strip() for h in dataset.headers or []]
        dataset.headers = [ALIASES.get(h.lower(), h.lower()) for h in headers]

    def before_import_row(self, row, **kwargs):
        if "business_id" in row:
            row["business_id"] = normalise_business_id(row["business_id"])

    def get_instance(self, instance_loader, row):
        """The same organisation: by business ID when the row has one, else by its Finnish name."""
        business_id = row.get("business_id") or ""
        if business_id:
            return Organisation.objects.filter(business_id=business_id).first()
        name = " ".join(str(row.get("name") or "").split())
        if not name:
            return None
        return Organisation.objects.filter(business_id="", name_fi__iexact=name).first()

    def before_save_instance(self, instance, row, **kwargs):
        if not instance.type:
            instance.type = OrganisationType.OTHER

    def do_instance_save(self, instance, is_create):
        organisation_import_save(
            organisation=instance, actor=getattr(self, "_actor", None), created=is_create
        )

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        organisations_import_record(
            actor=kwargs.get("user"),
            totals={key: value for key, value in result.totals.items() if value},
            rows=len(dataset),
            file_name=kwargs.get("file_name") or "",
        )


#: The admin import page's formats: the one reader of uploaded tables (core.tabular).
IMPORT_FORMATS = tabular.IMPORT_FORMATS
