from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members.selectors import organisations_by_name
from network import selectors, services
from network.forms import ImplementationFilterForm, ImplementationForm
from network.models import Implementation

IMPLEMENTATIONS_PER_PAGE = 20
NOTICES_PER_PAGE = 20


@require_safe
def coordination_group(request):
    return render(
        request, "network/coordination_group.html", {"seats": selectors.coordination_group_with_people()}
    )


@require_safe
def working_group_list(request):
    return render(request, "network/working_group_list.html", {"groups": selectors.working_group_list()})


@require_safe
def working_group_detail(request, slug: str):
    group = selectors.working_group_get(slug=slug)
    if group is None:
        raise Http404
    return render(request, "network/working_group_detail.html", {"group": group})


@require_safe
def implementation_list(request):
    form = ImplementationFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    page = Paginator(selectors.implementation_public_list(**filters), IMPLEMENTATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/implementation_list.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": any(filters.values()),
            "query": query.urlencode(),
            "can_submit": bool(selectors.contact_organisation_ids(request.user)),
        },
    )


@require_safe
def implementation_detail(request, pk: int):
    implementation = selectors.implementation_public_get(pk=pk)
    if implementation is None:
        raise Http404
    return render(request, "network/implementation_detail.html", {"implementation": implementation})


@require_safe
def situational_picture(request):
    return render(request, "network/situational_picture.html", {"picture": selectors.situational_picture()})


# --- A member organisation's own records (signed in as its contact person) ---------------------------


def _owners_or_403(user):
    owners = selectors.contact_organisation_list(user)
    if not owners:
        raise PermissionDenied
    return owners


@login_required
@require_safe
def implementation_own_list(request):
    _owners_or_403(request.user)
    return render(
        request,
        "network/implementation_own_list.html",
        {"implementations": selectors.implementation_list_for_user(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def implementation_create(request):
    owners = list(_owners_or_403(request.user))
    form = ImplementationForm(request.POST or None, owners=_queryset(owners))
    if request.method == "POST" and form.is_valid():
        implementation = services.implementation_create(
            actor=request.user,
            owner=form.cleaned_data["owner"],
            fields=form.service_fields(),
            organisations=form.cleaned_data["organisations"],
        )
        messages.success(
            request,
            _("“%(title)s” was saved as a draft. Submit it for review when it is ready.")
            % {"title": implementation.title},
        )
        return redirect("network:implementation_own_list")
    return render(request, "network/implementation_form.html", {"form": form, "implementation": None})


def _queryset(owners):
    return organisations_by_name(ids=[o.pk for o in owners])


def _editable_or_404(request, pk: int) -> Implementation:
    implementation = get_object_or_404(Implementation.objects.select_related("owner"), pk=pk)
    if not selectors.user_can_edit_implementation(request.user, implementation):
        # Another organisation's record: as if it did not exist.
        raise Http404
    return implementation


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def implementation_edit(request, pk: int):
    implementation = _editable_or_404(request, pk)
    form = ImplementationForm(
        request.POST or None,
        instance=implementation,
        owners=_queryset([implementation.owner]),
    )
    if request.method == "POST" and form.is_valid():
        was_published = implementation.is_published
        implementation = services.implementation_update(
            actor=request.user,
            implementation=implementation,
            fields=form.service_fields(),
            organisations=form.cleaned_data["organisations"],
        )
        if was_published and not implementation.is_published:
            messages.info(
                request,
                _(
                    "Your changes were saved. The record is hidden from the public list "
                    "until a coordinator publishes it again."
                ),
            )
        else:
            messages.success(request, _("Your changes were saved."))
        return redirect("network:implementation_own_list")
    return render(
        request, "network/implementation_form.html", {"form": form, "implementation": implementation}
    )


@login_required
@require_POST
def implementation_submit(request, pk: int):
    implementation = _editable_or_404(request, pk)
    try:
        services.implementation_submit(actor=request.user, implementation=implementation)
    except services.ImplementationTransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("“%(title)s” was submitted. A coordinator will publish it.") % {"title": implementation.title},
        )
    return redirect("network:implementation_own_list")


# --- Bulletin board --------------------------------------------------------------------------------


@require_safe
def notice_list(request):
    text = request.GET.get("q", "")[:200].strip()
    notices = selectors.notice_current_list(query=text)
    page = Paginator(notices, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({"q": text}) if text else ""
    return render(request, "network/notice_list.html", {"page_obj": page, "query": query, "text": text})


@require_safe
def notice_detail(request, pk: int):
    notice = selectors.notice_current_get(pk=pk)
    if notice is None:
        raise Http404
    return render(request, "network/notice_detail.html", {"notice": notice})
