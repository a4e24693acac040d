"""Money and percentages in each language's own format (the receipt, the PDF and the pages)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils import formats, translation
from django.utils import timezone as tz
from django.utils.translation import gettext

#: The zone the call's moments are stated in: Finnish time, summer or winter.
FINNISH_TIME = ZoneInfo("Europe/Helsinki")

CENT = Decimal("0.01")
NBSP = "\u00a0"


def _language(language: str | None) -> str:
    return (language or translation.get_language() or "fi")[:2]


def _grouped(value: Decimal, group: str, decimal: str) -> str:
    value = value.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    integer, _, cents = f"{abs(value):.2f}".partition(".")
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    return f"{sign}{group.join(groups)}{decimal}{cents}"


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def format_money(value, language: str | None = None) -> str:
    """12345.5 → "12 345,50 €" (fi, sv) or "€12,345.50" (en)."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    if _language(language) == "en":
        text = _grouped(amount, ",", ".")
        return f"-€{text[1:]}" if text.startswith("-") else f"€{text}"
    return f"{_grouped(amount, NBSP, ',')}{NBSP}€"


def share_percent(part, total) -> Decimal | None:
    """``part`` as a percentage of ``total``, to the hundredth; None when undefined.

    The one share of the portal (receipt, application pages and PDF, decision letter, project pages,
    exports, API): exact Decimal division, then rounded half up to two decimals (30.865 % → 30.87 %,
    so 617.43 € of 2 000.30 € is 30.87 %). Checks against a maximum share never compare this rounded
    figure: they compare ``part * 100`` with ``maximum * total`` exactly.
    """
    part, total = _decimal(part), _decimal(total)
    if part is None or not total:
        return None
    return (part * 100 / total).quantize(CENT, rounding=ROUND_HALF_UP)


def format_percent(value, language: str | None = None) -> str:
    """49.5 → "49,50 %" (fi, sv) or "49.50%" (en)."""
    share = _decimal(value)
    if share is None:
        return "–"
    if _language(language) == "en":
        return f"{_grouped(share, ',', '.')}%"
    return f"{_grouped(share, NBSP, ',')}{NBSP}%"


def format_moment(value) -> str:
    """A call's opening or closing moment in Finnish time, named as such, in the active language:
    "25. lokakuuta 2024 klo 16.00 Suomen aikaa", "25 oktober 2024 kl. 16:00 finsk tid",
    "Oct. 25, 2024, 4 p.m. Finnish time" (the date and time as Django's formats give them)."""
    if value is None:
        return "–"
    local = tz.localtime(value, FINNISH_TIME)
    return gettext("%(date)s at %(time)s Finnish time") % {
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": formats.time_format(local, "TIME_FORMAT"),
    }
