"""Public newsletter pages: subscribe (double opt-in), confirm, self-service, one-click, archive."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import ratelimit
from newsletter import selectors, services
from newsletter.enums import ENDED_STATUSES, SubscribeForm, SubscriberStatus, UnsubscribeMethod
from newsletter.forms import LanguageForm, SubscriptionForm, consent_statement
from newsletter.models import Subscriber

PAGE_SIZE = 20


def _client(request) -> str:
    return ratelimit.client_address(request)


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """The newsletter page with its form; the footer form of every page posts here too."""
    form = SubscriptionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_bot:
            return redirect("newsletter:thanks")  # a bot learns nothing either
        if not services.subscription_client_allowed(client=_client(request)):
            form.is_valid()
            form.add_error(None, _("Too many attempts from your network. Please try again later."))
            status = 429
        elif form.is_valid():
            email = form.cleaned_data["email"]
            try:
                if services.subscription_address_allowed(email=email):
                    services.subscription_request(
                        email=email,
                        language=form.cleaned_data["language"],
                        consent=form.cleaned_data["consent"],
                        form=form.cleaned_data.get("form") or SubscribeForm.PAGE,
                        consent_text=consent_statement(),
                        client=_client(request),
                        user_agent=request.META.get("HTTP_USER_AGENT", ""),
                        actor=request.user,
                    )
            except services.NewsletterError as exc:
                if exc.code not in {"busy"}:
                    form.add_error("email" if exc.code == "email" else None, exc.message)
                    status = 400
                else:
                    return redirect("newsletter:thanks")
            else:
                # The same answer whether or not the address was already on the list.
                return redirect("newsletter:thanks")
        else:
            status = 400
    return render(
        request,
        "newsletter/subscribe.html",
        {"form": form, "archive": selectors.archive_list()[:5]},
        status=status,
    )


@require_safe
def thanks(request):
    return render(request, "newsletter/thanks.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, signed: str):
    """GET shows a button (link scanners in mail systems must not confirm on anyone's behalf);
    POST confirms."""
    try:
        subscriber = services.subscriber_from_confirmation(signed)
    except services.NewsletterError as exc:
        return _private(
            render(request, "newsletter/confirm_invalid.html", {"problem": exc.message}, status=400)
        )
    if request.method == "POST":
        try:
            subscriber = services.subscription_confirm(signed=signed, actor=request.user)
        except services.NewsletterError as exc:
            return _private(
                render(request, "newsletter/confirm_invalid.html", {"problem": exc.message}, status=400)
            )
        messages.success(request, _("Thank you! Your subscription is confirmed."))
        return redirect("newsletter:manage", token=subscriber.token)
    return _private(
        render(
            request,
            "newsletter/confirm.html",
            {"signed": signed, "already": subscriber.status == SubscriberStatus.CONFIRMED},
        )
    )


def _subscriber_or_404(token: str) -> Subscriber:
    subscriber = selectors.subscriber_by_token(token)
    if subscriber is None:
        raise Http404
    return subscriber


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token: str):
    """Self-service: the stored data, the language, unsubscribing."""
    subscriber = _subscriber_or_404(token)
    form = LanguageForm(request.POST or None, initial={"language": subscriber.language})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.subscriber_change_language(
                    subscriber=subscriber, language=form.cleaned_data["language"], actor=request.user
                )
            except services.NewsletterError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The language of your newsletter has been changed."))
            return redirect("newsletter:manage", token=token)
        status = 400
    return _private(
        render(
            request,
            "newsletter/manage.html",
            {
                "subscriber": subscriber,
                "form": form,
                "active": subscriber.status not in ENDED_STATUSES,
            },
            status=status,
        )
    )


@never_cache
@require_POST
def manage_unsubscribe(request, token: str):
    subscriber = _subscriber_or_404(token)
    services.subscriber_unsubscribe(
        subscriber=subscriber, method=UnsubscribeMethod.SELF_SERVICE, actor=request.user
    )
    messages.success(request, _("You have unsubscribed. Your email address has been deleted."))
    return redirect("newsletter:manage", token=token)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def one_click(request, token: str):
    """RFC 8058: a POST unsubscribes at once, without login or a confirmation page. The mail
    client sends it without cookies, so this one endpoint is exempt from CSRF protection (it can
    only unsubscribe the owner of the unguessable token)."""
    subscriber = _subscriber_or_404(token)
    if request.method == "POST":
        services.subscriber_unsubscribe(subscriber=subscriber, method=UnsubscribeMethod.ONE_CLICK)
        return _private(render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber}))
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return _private(render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber}))
    return _private(render(request, "newsletter/one_click.html", {"subscriber": subscriber}))


@require_safe
def archive(request):
    page = Paginator(selectors.archive_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "newsletter/archive.html", {"page_obj": page, "campaigns": page.object_list})


@require_safe
def archive_detail(request, pk: int):
    campaign = selectors.archive_get(pk)
    if campaign is None:
        raise Http404
    version = campaign.language_of_version((get_language() or "fi")[:2])
    return render(
        request,
        "newsletter/archive_detail.html",
        {
            "campaign": campaign,
            "version": version,
            "subject": campaign.subject_in(version),
            "body": campaign.body_in(version),
        },
    )
