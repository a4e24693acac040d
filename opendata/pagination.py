"""Pagination of the API's lists by ``limit`` and ``offset``; the neighbouring pages in a Link header too."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 10**9


class OpenDataPagination(LimitOffsetPagination):
    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT
    limit_query_description = _("Number of records per page: %(default)s by default, at most %(max)s.")
    offset_query_description = _("Number of records to skip from the beginning of the list.")

    def get_offset(self, request):
        return min(super().get_offset(request), MAX_OFFSET)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        response["X-Total-Count"] = str(self.count)
        return response

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    self.limit_query_description % {"default": DEFAULT_LIMIT, "max": MAX_LIMIT}
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
            },
            {
                "name": self.offset_query_param,
                "required": False,
                "in": "query",
                "description": str(self.offset_query_description),
                "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
            },
        ]
