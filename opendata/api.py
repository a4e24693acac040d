"""The open data API: read-only, anonymous, JSON and CSV, with conditional GET."""

from __future__ import annotations

import re

from django.conf import settings
from django.db.models import CharField, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import AnonRateThrottle

from events import selectors as event_selectors
from funding import selectors as funding_selectors
from members import selectors as member_selectors
from network import selectors as network_selectors
from opendata import filters, serializers
from opendata.bodies import body_get, body_key, body_set, fingerprint
from opendata.conditional import conditional
from opendata.pagination import OpenDataPagination
from opendata.renderers import CSVRenderer

#: Largest value a path identifier may have (PostgreSQL's bigint).
MAX_ID = 2**63 - 1
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


def request_language(request) -> str:
    """``?lang=`` if it is one of the portal's languages, else the best of Accept-Language, else Finnish."""
    supported = [code for code, _name in settings.LANGUAGES]
    asked = request.GET.get("lang", "")
    if asked in supported:
        return asked
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(header[:255]):
        base = code.split("-")[0].lower()
        if base in supported:
            return base
    return settings.LANGUAGE_CODE


class OpenDataThrottle(AnonRateThrottle):
    """Requests per client address, counted in the shared cache; OPENDATA_THROTTLE_RATE None: no limit."""

    scope = "opendata"

    def get_rate(self):
        return getattr(settings, "OPENDATA_THROTTLE_RATE", "600/minute")


LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=[code for code, _name in settings.LANGUAGES],
    description=_(
        "Language of the translated texts and labels: fi (default), sv or en. Without it, the "
        "Accept-Language header decides. Untranslated texts are given in Finnish; each record's "
        "languages object names the language every text is actually in."
    ),
)
FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv"],
    description=_("json (default) or csv. CSV has one row per record; nested fields become columns."),
)
DETAIL_DESCRIPTION = _("One record of the list, by its identifier; 404 if the list does not show it.")
ERROR = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=_("An error, explained in a JSON object (detail, or the invalid parameters)."),
)
NOT_MODIFIED = OpenApiResponse(description=_("Not modified: the copy named in If-None-Match is current."))


#: Title and description of each list, shared by the OpenAPI document and the documentation page.
MEMBERS = (
    _("Member organisations"),
    _(
        "Member organisations that have agreed to be listed in the public member directory, in "
        "alphabetical order of their names in the language asked for."
    ),
)
IMPLEMENTATIONS = (
    _("AI implementations"),
    _("Published AI implementations of the national situational picture, newest first."),
)
FUNDED_PROJECTS = (
    _("Funded projects"),
    _("Projects funded by the funding calls, once the call's funding decisions have been announced."),
)
EVENTS = (
    _("Events"),
    _("Published events of the network (AI mornings, info sessions, webinars, workshops), by start time."),
)


def _id_parameter(name: str, description) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.INT, OpenApiParameter.PATH, description=description)


def _slug_parameter(name: str, description) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,120}$"},
        OpenApiParameter.PATH,
        description=description,
    )


def _responses(serializer, *, detail: bool) -> dict:
    return {
        (200, "application/json"): serializer,
        (200, "text/csv"): OpenApiTypes.STR,
        304: NOT_MODIFIED,
        (404 if detail else 400, "application/json"): ERROR,
        (429, "application/json"): ERROR,
    }


class OpenDataViewSet(viewsets.ReadOnlyModelViewSet):
    """Shared behaviour: anonymous, read-only, language of the request, JSON errors, conditional GET."""

    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes = [OpenDataThrottle]
    renderer_classes = [JSONRenderer, CSVRenderer]
    pagination_class = OpenDataPagination
    filter_backends = [DjangoFilterBackend]
    http_method_names = ["get", "head"]
    lookup_value_regex = "[^/]+"
    #: Base name of CSV downloads.
    resource = ""
    #: Foreign keys to small tables whose rows, besides the list's own, make up a list's body; None: the
    #: list's rendered bodies are not kept (see opendata/bodies.py).
    body_depends_on: tuple | None = None
    _body_key = ""

    def list(self, request, *args, **kwargs):
        if self.body_depends_on is None:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        rows = fingerprint(queryset, self.body_depends_on) + self.body_state(queryset)
        self._body_key = body_key(
            path=request.get_full_path(),
            media_type=request.accepted_renderer.media_type,
            language=self.language,
            rows=rows,
        )
        kept = body_get(self._body_key)
        if kept is not None:
            kept.opendata_media_type = request.accepted_renderer.media_type
            return kept
        return super().list(request, *args, **kwargs)

    def body_state(self, queryset) -> str:
        """What else than the rows a list's body depends on (e.g. the time); part of its cache key."""
        return ""

    def dispatch(self, request, *args, **kwargs):
        self.language = request_language(request)
        with translation.override(self.language):
            return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        """404 for an identifier that cannot name a record, before it reaches the database."""
        lookup = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        if self.lookup_field == "pk":
            valid = lookup.isascii() and lookup.isdigit() and 0 < int(lookup) <= MAX_ID
        else:
            valid = bool(SLUG.fullmatch(lookup))
        if not valid:
            raise Http404
        return super().get_object()

    def handle_exception(self, exc):
        """Errors are always JSON, whatever format was asked for."""
        if isinstance(exc, Http404):
            exc = NotFound()  # not Django's message, which names the model
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = self.language
        if request.method not in ("GET", "HEAD") or not 200 <= response.status_code < 300:
            return response
        media_type = getattr(response, "opendata_media_type", None)
        if media_type is None:  # not a kept body: render it, and keep it if the list allows
            response.render()
            media_type = response.accepted_renderer.media_type
            if media_type == CSVRenderer.media_type:
                name = self.resource + (
                    "" if self.action == "list" else f"-{self.kwargs.get(self.lookup_field)}"
                )
                response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            if self._body_key:
                body_set(self._body_key, response)
        return conditional(request, response, media_type=media_type, language=self.language)


def _name_in(language: str):
    if language == settings.LANGUAGE_CODE:
        return Lower(f"name_{language}")
    return Lower(
        Coalesce(
            NullIf(f"name_{language}", Value("")), f"name_{settings.LANGUAGE_CODE}", output_field=CharField()
        )
    )


@extend_schema_view(
    list=extend_schema(
        summary=MEMBERS[0],
        description=MEMBERS[1],
        parameters=[LANG_PARAMETER, FORMAT_PARAMETER],
        responses=_responses(serializers.MemberSerializer, detail=False),
    ),
    retrieve=extend_schema(
        summary=_("Member organisation"),
        description=DETAIL_DESCRIPTION,
        parameters=[
            _id_parameter("id", _("Identifier of the organisation.")),
            LANG_PARAMETER,
            FORMAT_PARAMETER,
        ],
        responses=_responses(serializers.MemberSerializer, detail=True),
    ),
)
class MemberViewSet(OpenDataViewSet):
    serializer_class = serializers.MemberSerializer
    filterset_class = filters.MemberFilter
    lookup_url_kwarg = "id"
    resource = "members"
    body_depends_on = ("region",)

    def get_queryset(self):
        return (
            member_selectors.public_organisations()
            .select_related("region")
            .order_by(_name_in(getattr(self, "language", settings.LANGUAGE_CODE)), "id")
        )


@extend_schema_view(
    list=extend_schema(
        summary=IMPLEMENTATIONS[0],
        description=IMPLEMENTATIONS[1],
        parameters=[LANG_PARAMETER, FORMAT_PARAMETER],
        responses=_responses(serializers.ImplementationSerializer, detail=False),
    ),
    retrieve=extend_schema(
        summary=_("AI implementation"),
        description=DETAIL_DESCRIPTION,
        parameters=[
            _id_parameter("id", _("Identifier of the AI implementation.")),
            LANG_PARAMETER,
            FORMAT_PARAMETER,
        ],
        responses=_responses(serializers.ImplementationSerializer, detail=True),
    ),
)
class ImplementationViewSet(OpenDataViewSet):
    serializer_class = serializers.ImplementationSerializer
    filterset_class = filters.ImplementationFilter
    lookup_url_kwarg = "id"
    resource = "implementations"

    def get_queryset(self):
        return network_selectors.implementation_public_list()


@extend_schema_view(
    list=extend_schema(
        summary=FUNDED_PROJECTS[0],
        description=FUNDED_PROJECTS[1],
        parameters=[LANG_PARAMETER, FORMAT_PARAMETER],
        responses=_responses(serializers.FundedProjectSerializer, detail=False),
    ),
    retrieve=extend_schema(
        summary=_("Funded project"),
        description=DETAIL_DESCRIPTION,
        parameters=[
            _id_parameter("id", _("Identifier of the funded project.")),
            LANG_PARAMETER,
            FORMAT_PARAMETER,
        ],
        responses=_responses(serializers.FundedProjectSerializer, detail=True),
    ),
)
class FundedProjectViewSet(OpenDataViewSet):
    serializer_class = serializers.FundedProjectSerializer
    filterset_class = filters.FundedProjectFilter
    lookup_url_kwarg = "id"
    resource = "funded-projects"

    def get_queryset(self):
        return funding_selectors.funded_projects_public()


@extend_schema_view(
    list=extend_schema(
        summary=EVENTS[0],
        description=EVENTS[1],
        parameters=[LANG_PARAMETER, FORMAT_PARAMETER],
        responses=_responses(serializers.EventSerializer, detail=False),
    ),
    retrieve=extend_schema(
        summary=_("Event"),
        description=DETAIL_DESCRIPTION,
        parameters=[_slug_parameter("slug", _("Identifier of the event.")), LANG_PARAMETER, FORMAT_PARAMETER],
        responses=_responses(serializers.EventDetailSerializer, detail=True),
    ),
)
class EventViewSet(OpenDataViewSet):
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    lookup_field = "slug"
    resource = "events"
    body_depends_on = ()

    def body_state(self, queryset) -> str:
        # An event's materials are published when it ends: the body changes with the time too.
        return f":{queryset.filter(ends_at__lte=timezone.now()).count()}"

    def get_serializer_class(self):
        return serializers.EventDetailSerializer if self.action == "retrieve" else serializers.EventSerializer

    def get_queryset(self):
        if self.action == "retrieve":
            return event_selectors.event_list_feed_with_programme()
        return event_selectors.event_list_feed()


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 document: JSON by default (``?format=yaml`` for YAML), texts in ``?lang=``."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes = [OpenDataThrottle]

    def dispatch(self, request, *args, **kwargs):
        # In English unless ?lang= asks for another language (drf-spectacular applies it).
        with translation.override("en"):
            return super().dispatch(request, *args, **kwargs)
