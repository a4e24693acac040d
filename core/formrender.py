"""A form renderer that builds Django's standard form markup in Python, for pages with large forms.

Django renders every field of a form through four to six templates (field group, label, widget,
attributes, each option of a select, the error list); on the applicant's page that was three
quarters of the request's CPU time. ``FastFormRenderer`` produces the very same HTML (byte for byte:
``tests/core/test_formrender.py`` compares it with Django's renderer) for the standard templates of
the div layout, the label, the error list and the plain input, select and textarea widgets, and hands
every other template (custom widgets, fieldsets, other layouts) to Django's templates as before.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in ("input", "text", "number", "email", "url", "checkbox", "hidden", "password", "file")
}
OPTION = f"{WIDGETS}select_option.html"
ERROR_LISTS = {"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"}
# What Django's template engine applies to {{ value }}: autoescaping and the active localisation.
_CONTEXT = Context(autoescape=True)


def _out(value) -> str:
    """``{{ value }}``."""
    return render_value_in_context(value, _CONTEXT)


def _out_s(value) -> str:
    """``{{ value|stringformat:'s' }}`` (the filter keeps safe input safe)."""
    formatted = stringformat(value, "s")
    # Safe only when the value already was: what the template filter (is_safe=True) does.
    return _out(mark_safe(formatted) if isinstance(value, SafeData) else formatted)  # noqa: S308


def _attrs(attrs) -> str:
    """django/forms/attrs.html and django/forms/widgets/attrs.html."""
    parts = []
    for name, value in (attrs or {}).items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_out(name)}")
        else:
            parts.append(f' {_out(name)}="{_out_s(value)}"')
    return "".join(parts)


def _input(widget) -> str:
    value = f' value="{_out_s(widget["value"])}"' if widget["value"] is not None else ""
    return (
        f'<input type="{_out(widget["type"])}" name="{_out(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _select(widget) -> str | None:
    parts = [f'<select name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            parts.append(
                f'\n  <option value="{_out_s(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_out(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget) -> str:
    value = _out(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _label(context) -> str:
    if not context["use_tag"]:
        return _out(context["label"])
    tag = _out(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_out(context['label'])}</{tag}>"


def _errors(errors) -> str:
    if not errors:
        return ""
    field_id = f' id="{_out(errors.field_id)}_error"' if getattr(errors, "field_id", None) else ""
    items = "".join(f"<li>{_out(error)}</li>" for error in errors)
    return f'<ul class="{_out(errors.error_class)}"{field_id}>{items}</ul>'


def _field(field) -> str | None:
    if field.use_fieldset:
        return None
    label = _out(field.label_tag()) if field.label else ""
    help_text = ""
    if field.help_text:
        help_id = f' id="{_out(field.auto_id)}_helptext"' if field.auto_id else ""
        # Django's field template shows help texts unescaped ({{ field.help_text|safe }}).
        help_text = f'<div class="helptext"{help_id}>{_out(mark_safe(field.help_text))}</div>'  # noqa: S308
    return f"\n  {label}\n\n{help_text}\n{_out(field.errors)}\n{_out(field)}\n"


def _div(context) -> str:
    errors, fields, hidden = context["errors"], context["fields"], context["hidden_fields"]
    hidden_html = "".join(_out(field) for field in hidden)
    parts = [_out(errors), "\n"]
    if errors and not fields:
        parts.append(f"\n  <div>{hidden_html}</div>\n")
    parts.append("\n")
    for index, (field, _field_errors) in enumerate(fields):
        classes = field.css_classes()
        class_attr = f' class="{_out(classes)}"' if classes else ""
        last = f"\n      {hidden_html}\n    " if index == len(fields) - 1 else ""
        parts.append(f"\n  <div{class_attr}>\n    {_out(field.as_field_group())}\n    {last}\n</div>\n")
    parts.append("\n")
    if not fields and not errors:
        parts.append(f"\n  {hidden_html}\n")
    parts.append("\n")
    return "".join(parts)


class FastFormRenderer(DjangoTemplates):
    """Django's default renderer, with the standard templates built in Python (same HTML)."""

    def render(self, template_name, context, request=None):
        html = self._fast(template_name, context)
        if html is None:
            return super().render(template_name, context, request=request)
        return html.strip()

    def _fast(self, template_name, context) -> str | None:
        if template_name in INPUTS:
            return _input(context["widget"])
        if template_name == f"{WIDGETS}select.html":
            return _select(context["widget"])
        if template_name == f"{WIDGETS}textarea.html":
            return _textarea(context["widget"])
        if template_name == "django/forms/label.html":
            return _label(context)
        if template_name in ERROR_LISTS:
            return _errors(context["errors"])
        if template_name == "django/forms/field.html":
            return _field(context["field"])
        if template_name == "django/forms/div.html":
            return _div(context)
        return None
