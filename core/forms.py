"""Form fields shared by the apps' forms, and the one way an amount of money typed by a person is read."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, translation
from django.utils.translation import gettext

#: Group separators people type or paste: space, no-break space (fi/sv formats), narrow no-break space
#: and thin space.
SPACES = " \u00a0\u202f\u2009"
_GROUPED = re.compile(r"\d{1,3}(?:(?P<sep>[^\d])\d{3})(?:(?P=sep)\d{3})*")


def _invalid(value: str) -> ValidationError:
    return ValidationError(
        gettext("“%(value)s” is not an amount of money. Write it like 12 500,00 or 12500."),
        code="invalid",
        params={"value": value},
    )


def _ambiguous(value: str) -> ValidationError:
    return ValidationError(
        gettext(
            "“%(value)s” is ambiguous: it could be thousands or decimals. Write the thousands without a "
            "separator or with a space (12 500), and the cents after a comma (12 500,50)."
        ),
        code="ambiguous",
        params={"value": value},
    )


def _too_precise(value: str) -> ValidationError:
    return ValidationError(
        gettext("“%(value)s” has more than two decimals: give the amount in euros and cents."),
        code="max_decimal_places",
        params={"value": value},
    )


def _integer_part(text: str, separators: str, original: str) -> str:
    """The digits of the integer part; any separator must group thousands (1 234 567)."""
    if text.isdigit() or text == "":
        return text or "0"
    match = _GROUPED.fullmatch(text)
    if match is None or match.group("sep") not in separators:
        raise _invalid(original)
    return re.sub(r"[^\d]", "", text)


def parse_money(value: str) -> Decimal:
    """An amount of euros as a person typed it, exactly, or a translated :class:`ValidationError`.

    Accepted: ``1234``, ``1234,56``, ``1234.56``, ``1 234`` and ``1 234,56`` (a space, a no-break space
    or a narrow no-break space between the thousands), ``1.234,56`` and ``1,234.56`` (both marks: the
    last is the decimal mark), ``1,234,567`` (the same mark more than once groups thousands), with or
    without ``€``. Refused: a single comma or full stop followed by exactly three digits (``1,234``,
    ``1.234``: thousands or decimals? never guessed), separators that do not group thousands
    (``1.234,5.6``, ``12,34,567``), and more than two decimals (``0,005``).
    """
    original = value
    text = value.strip()
    text = re.sub(r"^€|€$|\s*EUR$", "", text, flags=re.IGNORECASE).strip()
    sign = ""
    if text[:1] in ("-", "\u2212"):
        sign, text = "-", text[1:].lstrip(SPACES)
    if not text or re.search(rf"[^\d.,{SPACES}]", text):
        raise _invalid(original)
    commas, stops = text.count(","), text.count(".")
    decimals = ""
    if commas and stops:
        mark = "," if text.rfind(",") > text.rfind(".") else "."
        group = "." if mark == "," else ","
        if text.count(mark) > 1:
            raise _invalid(original)
        integer, _, decimals = text.partition(mark)
        integer = _integer_part(integer, group, original)
    elif commas + stops == 1:
        integer, _, decimals = text.partition("," if commas else ".")
        if (
            len(decimals) == 3
            and integer.strip(SPACES) not in ("", "0")
            and not re.search(f"[{SPACES}]", integer)
        ):
            raise _ambiguous(original)
        integer = _integer_part(integer, SPACES, original)
    elif commas + stops > 1:
        integer = _integer_part(text, ",.", original)
    else:
        integer = _integer_part(text, SPACES, original)
    if decimals and not decimals.isdigit():
        raise _invalid(original)
    if len(decimals) > 2:
        raise _too_precise(original)
    if text.endswith((",", ".")):
        raise _invalid(original)
    try:
        return Decimal(f"{sign}{integer}.{decimals or '0'}")
    except InvalidOperation:
        raise _invalid(original) from None


class MoneyField(forms.DecimalField):
    """Euros and cents as people type them, read by :func:`parse_money`: "12 000,50", "12000.50"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            if value.strip() in self.empty_values:
                return None
            value = parse_money(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            separator = formats.get_format("DECIMAL_SEPARATOR", translation.get_language())
            return f"{value:.2f}".replace(".", separator)
        return value
