"""Copy a call's evaluation criteria from another call or from the default template (the 2024
criteria), as a coordinator copies the application form: a page of its own, reached from a button on
the call and from an action on the list of calls."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from funding.models import Criterion, FundingCall
from funding.services import FundingError
from funding.services.criteria import call_criteria_copy, criteria_copy_refused_reason

DEFAULT = "default"


class CriteriaCopyForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Copy the criteria from"),
        widget=forms.RadioSelect,
        help_text=_("The criteria of this call are replaced by the copy; the source is not changed."),
    )

    def __init__(self, *args, call: FundingCall, **kwargs):
        super().__init__(*args, **kwargs)
        others = FundingCall.objects.exclude(pk=call.pk).filter(criteria__isnull=False).distinct()
        self.calls = {str(other.pk): other for other in others.order_by("-opens_at", "pk")}
        self.fields["source"].choices = [
            (DEFAULT, gettext("The default criteria (those of the 2024 call)")),
            *((key, str(other)) for key, other in self.calls.items()),
        ]

    def source_call(self) -> FundingCall | None:
        return self.calls.get(self.cleaned_data["source"])


class CriteriaCopyMixin:
    """Mixed into the call admin."""

    def criteria_copy_urls(self):
        return [
            path(
                "<int:pk>/criteria/copy/",
                self.admin_site.admin_view(self.criteria_copy_view),
                name="funding_fundingcall_criteria_copy",
            )
        ]

    def has_copy_criteria_permission(self, request):
        return request.user.has_perm("funding.add_criterion") and request.user.has_perm(
            "funding.delete_criterion"
        )

    def criteria_copy_view(self, request, pk: int):
        if not self.has_copy_criteria_permission(request):
            raise PermissionDenied
        call = get_object_or_404(FundingCall, pk=pk)
        form = CriteriaCopyForm(request.POST or None, call=call)
        refused = criteria_copy_refused_reason(call=call)
        if request.method == "POST" and form.is_valid():
            try:
                created = call_criteria_copy(call=call, source=form.source_call(), actor=request.user)
            except FundingError as exc:
                form.add_error(None, exc.message)
            else:
                self.message_user(
                    request,
                    gettext("%(call)s: %(count)d evaluation criteria copied.")
                    % {"call": call, "count": len(created)},
                )
                return redirect("admin:funding_fundingcall_change", call.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Copy the evaluation criteria: %(call)s") % {"call": call},
            "call": call,
            "form": form,
            "refused": refused,
            "current": list(Criterion.objects.filter(call=call)),
        }
        return TemplateResponse(request, "admin/funding/fundingcall/criteria_copy.html", context)

    def copy_criteria(self, request, queryset):
        calls = list(queryset[:2])
        if len(calls) != 1:
            self.message_user(
                request, gettext("Choose exactly one call to copy criteria to."), messages.WARNING
            )
            return None
        return HttpResponseRedirect(reverse("admin:funding_fundingcall_criteria_copy", args=[calls[0].pk]))

    copy_criteria.short_description = _("Copy the evaluation criteria from another call or the default…")
    copy_criteria.allowed_permissions = ("copy_criteria",)
