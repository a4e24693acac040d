"""A person's own data: what the portal stores, a JSON download and erasure. Signed-in people use
/my-data/; a newsletter subscriber without an account uses the private link of the subscription."""

from __future__ import annotations

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members import selectors as member_selectors
from newsletter import selectors as newsletter_selectors
from privacy import selectors, services
from privacy.forms import ErasureForm


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _download(data: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y-%m-%d}.json"'
    return _private(response)


@never_cache
@login_required
@require_safe
def overview(request):
    data = services.personal_data_export(email=request.user.email, user=request.user)
    return _private(
        render(
            request,
            "privacy/overview.html",
            {"sections": selectors.export_summary(data), "person": request.user},
        )
    )


@never_cache
@login_required
@require_safe
def export(request):
    return _download(services.personal_data_export(email=request.user.email, user=request.user))


@never_cache
@login_required
@reauthentication_required
@require_http_methods(["GET", "HEAD", "POST"])
def erase(request):
    """What erasure means and a confirmation; erases and signs out on POST. Both need the password
    entered again within the last few minutes (allauth's re-authentication)."""
    form = ErasureForm(request.POST if request.method == "POST" else None)
    orphaned = member_selectors.organisations_only_contact_of(user=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            services.personal_data_erase(email=user.email, user=user, actor=user)
            logout(request)
            return redirect("privacy:erased")
        return _private(
            render(request, "privacy/erase.html", {"form": form, "orphaned": orphaned}, status=400)
        )
    return _private(render(request, "privacy/erase.html", {"form": form, "orphaned": orphaned}))


@require_safe
def erased(request):
    return render(request, "privacy/erased.html")


def _subscriber_or_404(token: str):
    subscriber = newsletter_selectors.subscriber_by_token(token)
    if subscriber is None:
        raise Http404
    return subscriber


@never_cache
@require_safe
def subscriber(request, token: str):
    subscriber = _subscriber_or_404(token)
    sections = []
    has_account = False
    if subscriber.email:
        data = services.personal_data_export(email=subscriber.email, user=None)
        sections = selectors.export_summary(data)
        has_account = services.account_for_address(subscriber.email) is not None
    return _private(
        render(
            request,
            "privacy/subscriber.html",
            {
                "subscriber": subscriber,
                "sections": sections,
                "has_account": has_account,
                "form": ErasureForm(),
            },
        )
    )


@never_cache
@require_safe
def subscriber_export(request, token: str):
    subscriber = _subscriber_or_404(token)
    if not subscriber.email:
        raise Http404
    return _download(services.personal_data_export(email=subscriber.email, user=None))


@never_cache
@require_POST
def subscriber_erase(request, token: str):
    subscriber = _subscriber_or_404(token)
    if not subscriber.email:
        raise Http404
    form = ErasureForm(request.POST)
    if form.is_valid():
        try:
            services.personal_data_erase(email=subscriber.email, user=None, actor=None)
        except services.PrivacyError as exc:
            messages.error(request, exc.message)
            return redirect("privacy:subscriber", token=token)
        return redirect("privacy:erased")
    data = services.personal_data_export(email=subscriber.email, user=None)
    return _private(
        render(
            request,
            "privacy/subscriber.html",
            {
                "subscriber": subscriber,
                "sections": selectors.export_summary(data),
                "has_account": services.account_for_address(subscriber.email) is not None,
                "form": form,
            },
            status=400,
        )
    )
