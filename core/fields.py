"""Model fields shared by the apps."""

from __future__ import annotations

from django.db import models


class MoneyModelField(models.DecimalField):
    """Euros and cents (12 digits, 2 decimals): every form of it, the admin's too, reads what people
    type with ``core.forms.parse_money``. Stored and migrated as a plain ``DecimalField``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs

    def formfield(self, **kwargs):
        from core.forms import MoneyField

        return super().formfield(**{"form_class": MoneyField, **kwargs})
