from django import forms
from django.utils.translation import gettext_lazy as _

from search.enums import Kind


class SearchForm(forms.Form):
    """The site-wide search: a GET form, so every result page has its own address."""

    q = forms.CharField(
        label=_("Search words"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(label=_("Show"), choices=[("", _("Everything"))] + Kind.choices, required=False)
    page = forms.IntegerField(min_value=1, max_value=1000, required=False, widget=forms.HiddenInput)
