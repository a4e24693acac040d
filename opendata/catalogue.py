"""The documentation page's description of each endpoint, read from the API's own classes (serializers,
filters, pagination), so the page and the API cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.drainage import get_override
from rest_framework import serializers as drf

from opendata import api
from opendata.pagination import DEFAULT_LIMIT, MAX_LIMIT


@dataclass
class Parameter:
    name: str
    description: str
    values: list[str] = field(default_factory=list)


@dataclass
class Field:
    name: str
    description: str
    kind: str


@dataclass
class Endpoint:
    key: str
    title: str
    description: str
    list_path: str
    detail_path: str
    filters: list[Parameter]
    fields: list[Field]
    examples: list[str]


def _declared(serializer, serializer_field) -> dict:
    """The OpenAPI type declared (extend_schema_field) on a field computed by a method."""
    method = getattr(serializer, serializer_field.method_name, None)
    declared = get_override(method, "field", {}) if method is not None else {}
    return declared if isinstance(declared, dict) else {}


def _kind(serializer, serializer_field) -> str:
    if isinstance(serializer_field, drf.SerializerMethodField):
        declared = _declared(serializer, serializer_field)
        if declared.get("type") == "integer":
            return str(_("integer"))
        if declared.get("format") == "date":
            return str(_("date"))
        if declared.get("format") == "uri":
            return str(_("web address"))
        return str(_("text"))
    if isinstance(serializer_field, drf.ListSerializer | drf.ListField):
        return str(_("list"))
    if isinstance(serializer_field, drf.Serializer):
        return str(_("object"))
    if isinstance(serializer_field, drf.IntegerField):
        return str(_("integer"))
    if isinstance(serializer_field, drf.DecimalField):
        return str(_("decimal number"))
    if isinstance(serializer_field, drf.DateTimeField):
        return str(_("date and time"))
    return str(_("text"))


def _fields(serializer, prefix: str = "") -> list[Field]:
    found = []
    for name, serializer_field in serializer.fields.items():
        found.append(
            Field(prefix + name, str(serializer_field.help_text or ""), _kind(serializer, serializer_field))
        )
        target = (
            serializer_field.child if isinstance(serializer_field, drf.ListSerializer) else serializer_field
        )
        if isinstance(target, drf.Serializer):
            found.extend(_fields(target, prefix=f"{prefix}{name}."))
    return found


def _filters(filterset_class) -> list[Parameter]:
    found = []
    for name, filter_ in filterset_class.base_filters.items():
        choices = filter_.extra.get("choices") or []
        found.append(Parameter(name, str(filter_.label or ""), [str(value) for value, _label in choices]))
    return found


RESOURCES = [
    ("members", api.MemberViewSet, api.MEMBERS, "id", "?type=company&lang=en"),
    (
        "implementations",
        api.ImplementationViewSet,
        api.IMPLEMENTATIONS,
        "id",
        "?use_case=decision_support&stage=production",
    ),
    ("funded-projects", api.FundedProjectViewSet, api.FUNDED_PROJECTS, "id", "?format=csv"),
    ("events", api.EventViewSet, api.EVENTS, "slug", "?when=upcoming&type=ai_morning&limit=10"),
]


def endpoints() -> list[Endpoint]:
    found = []
    for key, viewset, (title, description), lookup, example in RESOURCES:
        list_path = reverse(f"opendata:{key}-list")
        detail_path = list_path + "{" + lookup + "}/"
        found.append(
            Endpoint(
                key=key,
                title=str(title),
                description=str(description),
                list_path=list_path,
                detail_path=detail_path,
                filters=_filters(viewset.filterset_class),
                fields=_fields(viewset.serializer_class()),
                examples=[list_path, list_path + example],
            )
        )
    return found


def common_parameters() -> list[Parameter]:
    return [
        Parameter("lang", str(api.LANG_PARAMETER.description), ["fi", "sv", "en"]),
        Parameter("format", str(api.FORMAT_PARAMETER.description), ["json", "csv"]),
        Parameter(
            "limit",
            str(_("Number of records per page: %(default)s by default, at most %(max)s."))
            % {"default": DEFAULT_LIMIT, "max": MAX_LIMIT},
        ),
        Parameter("offset", str(_("Number of records to skip from the beginning of the list."))),
    ]
