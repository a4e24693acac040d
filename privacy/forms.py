from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my data is erased permanently and cannot be restored."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )
