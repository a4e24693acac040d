"""Every URL pattern of the portal, and a concrete address for each, built from test objects."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver


def pattern_names() -> set[str]:
    """Qualified names of all URL patterns; the admin's counted as one ("admin:*")."""
    names: set[str] = set()

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                if inner == "admin:":
                    names.add("admin:*")
                    continue
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"unnamed URL pattern {pattern.pattern}: name it"
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names
