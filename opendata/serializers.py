"""What the open data API shows of each record, with explicit types for the OpenAPI document.

Values of translated fields and the labels of choices are in the language of the request (the view
activates it); a text without a translation is given in Finnish, and each record's ``languages`` object
names the language every such text is actually in. Nothing here reads contact persons, email
addresses, registrations or joining links.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.translation_status import field_language
from events.enums import EventFormat, EventType
from members.enums import OrganisationType
from network.enums import Stage, UseCase


def site_url(path: str) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


class Text(serializers.CharField):
    """A text that is never null: an empty value is the empty string."""

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return "" if value is None else value


class TextLanguage(serializers.ChoiceField):
    """The language one text of the record is actually in: the language asked for, or fi where the
    text has no translation and the Finnish one is given (the same answer as the pages' lang="fi")."""

    def __init__(self, field: str, *, fixed_by: str = "", **kwargs):
        self.text_field = field
        #: An attribute holding the text's language, for texts written in one language only.
        self.fixed_by = fixed_by
        kwargs.setdefault(
            "help_text", format_lazy(_("Language of the text in {field}: fi, sv or en."), field=field)
        )
        super().__init__(choices=settings.LANGUAGES, source="*", **kwargs)

    def to_representation(self, instance) -> str:
        if self.fixed_by:
            return getattr(instance, self.fixed_by)
        return field_language(instance, self.text_field)


def languages_of(name: str, *fields: str, fixed_by: str = "") -> serializers.Serializer:
    """A record's ``languages`` object: for each of its translatable ``fields``, the language its
    text is in. A named class, so that the OpenAPI document has one component per kind of record."""
    declared = {field: TextLanguage(field, fixed_by=fixed_by) for field in fields}
    serializer = type(f"{name}LanguagesSerializer", (serializers.Serializer,), declared)
    return serializer(
        source="*",
        help_text=_(
            "The language each text of this record is actually in (fi, sv or en): a text without a "
            "translation in the language asked for is given in Finnish."
        ),
    )


class RegionSerializer(serializers.Serializer):
    code = Text(help_text=_("Identifier of the welfare region."))
    name = Text(help_text=_("Name of the welfare region."))
    languages = languages_of("Region", "name")


def _label(choices, value) -> str:
    return str(dict(choices).get(value, value or ""))


# --- Member organisations ---------------------------------------------------------------------------


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Identifier of the organisation."))
    name = Text(help_text=_("Name of the organisation."))
    type = serializers.ChoiceField(choices=OrganisationType.choices, help_text=_("Type of organisation."))
    type_label = serializers.SerializerMethodField(help_text=_("Type of organisation, in words."))
    region = RegionSerializer(allow_null=True, help_text=_("Welfare region, if any."))
    municipality = Text(help_text=_("Municipality."))
    website = Text(help_text=_("Website address."))
    description = Text(help_text=_("Short description."))
    logo_url = serializers.SerializerMethodField(help_text=_("Address of the logo, if any."))
    member_since = serializers.SerializerMethodField(help_text=_("Date the organisation became a member."))
    url = serializers.SerializerMethodField(help_text=_("Address of the organisation's page on the portal."))
    languages = languages_of("Member", "name", "description")

    @extend_schema_field(OpenApiTypes.STR)
    def get_type_label(self, obj) -> str:
        return _label(OrganisationType.choices, obj.type)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_logo_url(self, obj) -> str | None:
        return site_url(obj.logo.url) if obj.logo else None

    @extend_schema_field({"type": "string", "format": "date", "nullable": True})
    def get_member_since(self, obj) -> str | None:
        if obj.member_since is None:
            return None
        return timezone.localdate(obj.member_since).isoformat()

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, obj) -> str:
        return site_url(reverse("members:profile", args=[obj.pk]))


# --- AI implementations -----------------------------------------------------------------------------


class OrganisationNameSerializer(serializers.Serializer):
    name = Text(help_text=_("Name of the organisation."))
    member_id = serializers.SerializerMethodField(
        help_text=_("Identifier in the member directory; empty if the organisation is not listed there.")
    )
    languages = languages_of("OrganisationName", "name")

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_member_id(self, obj) -> int | None:
        return obj.pk if obj.is_public else None


class PartnerList(serializers.ListSerializer):
    """An implementation's organisations other than the responsible one (prefetched: no query)."""

    def get_attribute(self, instance):
        return [o for o in instance.organisations.all() if o.pk != instance.owner_id]


class ImplementationSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Identifier of the AI implementation."))
    title = Text(help_text=_("Title."))
    description = Text(help_text=_("Description (Markdown)."))
    results = Text(help_text=_("Results (Markdown)."))
    use_case = serializers.ChoiceField(choices=UseCase.choices, help_text=_("Use case."))
    use_case_label = serializers.SerializerMethodField(help_text=_("Use case, in words."))
    stage = serializers.ChoiceField(choices=Stage.choices, help_text=_("Stage."))
    stage_label = serializers.SerializerMethodField(help_text=_("Stage, in words."))
    region = RegionSerializer(allow_null=True, help_text=_("Welfare region, if any."))
    owner = OrganisationNameSerializer(help_text=_("Responsible organisation."))
    partners = PartnerList(child=OrganisationNameSerializer(), help_text=_("Partner organisations."))
    links = serializers.ListField(
        child=serializers.CharField(), source="link_list", help_text=_("Web addresses.")
    )
    start_year = serializers.IntegerField(help_text=_("Start year."))
    end_year = serializers.IntegerField(allow_null=True, help_text=_("End year, if known."))
    published_at = serializers.DateTimeField(allow_null=True, help_text=_("Time of publication."))
    url = serializers.SerializerMethodField(help_text=_("Address of the record's page on the portal."))
    languages = languages_of("Implementation", "title", "description", "results")

    @extend_schema_field(OpenApiTypes.STR)
    def get_use_case_label(self, obj) -> str:
        return _label(UseCase.choices, obj.use_case)

    @extend_schema_field(OpenApiTypes.STR)
    def get_stage_label(self, obj) -> str:
        return _label(Stage.choices, obj.stage)

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, obj) -> str:
        return site_url(reverse("network:implementation_detail", args=[obj.pk]))


# --- Funded projects --------------------------------------------------------------------------------


class FundedOrganisationSerializer(serializers.Serializer):
    name = Text(help_text=_("Name of the organisation."))
    type = serializers.ChoiceField(choices=OrganisationType.choices, help_text=_("Type of organisation."))
    type_label = serializers.SerializerMethodField(help_text=_("Type of organisation, in words."))

    @extend_schema_field(OpenApiTypes.STR)
    def get_type_label(self, obj) -> str:
        return _label(OrganisationType.choices, obj.type)


class LeadApplicantSerializer(FundedOrganisationSerializer):
    """The lead applicant is a member organisation, whose name may be translated (partners' names are
    written once, as the applicant gave them)."""

    languages = languages_of("LeadApplicant", "name")


class CallSerializer(serializers.Serializer):
    slug = Text(help_text=_("Identifier of the funding call."))
    title = Text(help_text=_("Title of the funding call."))
    languages = languages_of("Call", "title")


class FundedProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Identifier of the funded project."))
    project_name = Text(help_text=_("Name of the project."))
    lead_applicant = LeadApplicantSerializer(source="organisation", help_text=_("Lead applicant."))
    partners = FundedOrganisationSerializer(many=True, help_text=_("Partner organisations."))
    use_case = Text(help_text=_("Use case."))
    use_case_label = serializers.SerializerMethodField(help_text=_("Use case, in words."))
    granted_amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        allow_null=True,
        help_text=_("Funding granted in euros (a decimal number as text)."),
    )
    summary = Text(help_text=_("Summary of the project, in the language of the application."))
    call = CallSerializer(help_text=_("The funding call."))
    # The applicant writes the project's name and summary once, in the language of the application.
    languages = languages_of("FundedProject", "project_name", "summary", fixed_by="language")

    @extend_schema_field(OpenApiTypes.STR)
    def get_use_case_label(self, obj) -> str:
        return _label(UseCase.choices, obj.use_case)


# --- Events -----------------------------------------------------------------------------------------


class EventSerializer(serializers.Serializer):
    slug = Text(help_text=_("Identifier of the event."))
    title = Text(help_text=_("Title."))
    description = Text(help_text=_("Description (Markdown)."))
    type = serializers.ChoiceField(choices=EventType.choices, help_text=_("Type of event."))
    type_label = serializers.SerializerMethodField(help_text=_("Type of event, in words."))
    format = serializers.ChoiceField(choices=EventFormat.choices, help_text=_("Online, on site or hybrid."))
    format_label = serializers.SerializerMethodField(help_text=_("Format, in words."))
    starts_at = serializers.DateTimeField(help_text=_("Start time."))
    ends_at = serializers.DateTimeField(help_text=_("End time."))
    place = Text(help_text=_("Venue address; empty for online events."))
    language = serializers.ChoiceField(choices=settings.LANGUAGES, help_text=_("Language of the event."))
    materials = serializers.SerializerMethodField(
        help_text=_("Materials (Markdown), once the event has ended; empty before.")
    )
    url = serializers.SerializerMethodField(help_text=_("Address of the event's page on the portal."))
    languages = languages_of("Event", "title", "description", "place", "materials")

    @extend_schema_field(OpenApiTypes.STR)
    def get_type_label(self, obj) -> str:
        return _label(EventType.choices, obj.type)

    @extend_schema_field(OpenApiTypes.STR)
    def get_format_label(self, obj) -> str:
        return _label(EventFormat.choices, obj.format)

    @extend_schema_field(OpenApiTypes.STR)
    def get_materials(self, obj) -> str:
        return obj.materials if obj.is_past else ""

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, obj) -> str:
        return site_url(reverse("events:detail", kwargs={"slug": obj.slug}))


class SpeakerSerializer(serializers.Serializer):
    name = Text(help_text=_("Name of the speaker."))
    title = Text(help_text=_("Speaker's title or role."))
    organisation = Text(help_text=_("Speaker's organisation."))
    languages = languages_of("Speaker", "title")


class ProgrammeItemSerializer(serializers.Serializer):
    starts_at = serializers.TimeField(format="%H:%M", help_text=_("Start time (Finnish time, HH:MM)."))
    ends_at = serializers.TimeField(
        format="%H:%M", allow_null=True, help_text=_("End time (Finnish time, HH:MM); empty if not given.")
    )
    title = Text(help_text=_("Title of the programme item."))
    description = Text(help_text=_("Description of the programme item."))
    speakers = SpeakerSerializer(many=True, help_text=_("Speakers, in order."))
    languages = languages_of("ProgrammeItem", "title", "description")


class EventDetailSerializer(EventSerializer):
    """One event with its programme (the list leaves the programme out)."""

    programme = ProgrammeItemSerializer(many=True, help_text=_("The programme, in order of time."))
