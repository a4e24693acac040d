"""The admin's forms posted back the way a browser would, with only the changes a test makes."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _FormFields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        name = values.get("name")
        if tag == "input" and name:
            kind = values.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in values:
                return
            self._add(name, values.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in values:
            self._add(self._select, values.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            # Browsers drop the one newline that follows the opening tag.
            value = self.data[self._textarea][-1] + data
            self.data[self._textarea][-1] = value.removeprefix("\n")


def admin_form_data(html: str, **changes: Any) -> dict[str, Any]:
    """Every field of the page's form (inlines' management forms included) with ``changes`` applied."""
    parser = _FormFields()
    parser.feed(html)
    data: dict[str, Any] = {
        name: values if len(values) != 1 else values[0] for name, values in parser.data.items() if values
    }
    data.pop("csrfmiddlewaretoken", None)
    data.update({name: "" if value is None else value for name, value in changes.items()})
    return data
