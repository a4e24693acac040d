"""Form fields shared by the apps' forms."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils import formats, translation


class MoneyField(forms.DecimalField):
    """Euros and cents as people type them: "12 000,50", "12000.50", "€12,000.50"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            text = re.sub(r"[\s\u00a0\u202f€]", "", value)
            if "," in text and "." in text:
                decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
                text = text.replace("." if decimal_mark == "," else ",", "").replace(",", ".")
            elif "," in text:
                text = text.replace(",", ".") if re.search(r",\d{1,2}$", text) else text.replace(",", "")
            value = text
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            separator = formats.get_format("DECIMAL_SEPARATOR", translation.get_language())
            return f"{value:.2f}".replace(".", separator)
        return value
