"""Public event pages, registration without an account, and the private registration pages."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core import public_cache, ratelimit
from events import selectors, services
from events.enums import RegistrationStatus
from events.forms import FeedbackForm, RegistrationForm
from events.ics import calendar_bytes, registration_calendar
from events.models import FeedbackResponse

PAGE_SIZE = 20


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,2}")


@require_safe
def event_list(request):
    page_number = request.GET.get("page", "1")
    cacheable = set(request.GET) <= {"page"} and PAGE_NUMBER.fullmatch(page_number)
    content = public_cache.cached(
        "events", (page_number,) if cacheable else None, lambda: _list_content(request)
    )
    return render(request, "events/list.html", {"content": content})


def _list_content(request):
    """The upcoming events with their places left, and when the first of them ends."""
    now = timezone.now()
    text = _search_text(request)
    page = _page(request, selectors.event_list_upcoming(now=now, query=text))
    html = render_to_string(
        "events/_list.html",
        {
            "page_obj": page,
            "events": page.object_list,
            "text": text,
            "query": urlencode({"q": text}) if text else "",
        },
    )
    return html, selectors.event_next_end(now=now)


@require_safe
def event_past(request):
    text = _search_text(request)
    page = _page(request, selectors.event_list_past(query=text))
    context = {"page_obj": page, "events": page.object_list, "text": text}
    return render(request, "events/past.html", {**context, "query": urlencode({"q": text}) if text else ""})


def _search_text(request) -> str:
    return request.GET.get("q", "")[:200].strip()


def _event_or_404(slug: str):
    event = selectors.event_get_public(slug=slug)
    if event is None:
        raise Http404
    return event


@require_safe
def event_detail(request, slug: str):
    event = _event_or_404(slug)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "programme": event.programme.all(),
            "places_left": event.places_left,
            "registration_open": event.registration_is_open(),
            "registration_not_yet_open": bool(
                event.registration_opens_at and timezone.now() < event.registration_opens_at
            ),
            "attendance_rate": selectors.attendance_rate(
                registered=event.registered_count, attended=event.attended_count
            ),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def event_register(request, slug: str):
    # A POST needs the event's row only: the service counts the places under the event's lock, and
    # the form shown again after a refusal counts them itself.
    event = selectors.event_get_for_registration(slug=slug, places=request.method != "POST")
    if event is None:
        raise Http404
    form = RegistrationForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and event.registration_is_open() and form.is_valid():
        if not services.registration_client_allowed(client=ratelimit.client_address(request)):
            form.add_error(None, _("Too many registrations from your network. Please try again later."))
            status = 429
        elif not services.registration_address_allowed(email=form.cleaned_data["email"]):
            form.add_error(
                "email", _("Too many registrations for this email address. Please try again later.")
            )
            status = 429
        else:
            try:
                registration = services.registration_create(
                    event=event,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    organisation=form.cleaned_data["organisation"],
                    language=form.cleaned_data["language"],
                    consent=form.cleaned_data["consent"],
                    actor=request.user,
                )
            except services.EventError as exc:
                form.add_error("email" if exc.code in {"duplicate", "email"} else None, exc.message)
            else:
                if registration.status == RegistrationStatus.REGISTERED:
                    messages.success(
                        request, _("You are registered. A confirmation is on its way to your email.")
                    )
                else:
                    messages.info(
                        request,
                        _(
                            "The event is full: you are on the waiting list. "
                            "We will email you if a place frees up."
                        ),
                    )
                return redirect("events:registration", token=registration.token)
    return render(
        request,
        "events/register.html",
        {
            "event": event,
            "form": form,
            "places_left": event.places_left,
            "registration_open": event.registration_is_open(),
        },
        status=status,
    )


def _registration_or_404(token: str):
    registration = selectors.registration_get(token=token)
    if registration is None or not registration.event.published:
        raise Http404
    return registration


def _private(response):
    # The site's Referrer-Policy (same-origin) keeps the token from other sites; "no-referrer" would
    # make browsers send "Origin: null" with the cancel form, which CSRF protection refuses.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_safe
def registration_detail(request, token: str):
    registration = _registration_or_404(token)
    event = registration.event
    answered = FeedbackResponse.objects.filter(registration=registration).exists()
    return _private(
        render(
            request,
            "events/registration.html",
            {
                "registration": registration,
                "event": event,
                "show_joining_link": registration.status == RegistrationStatus.REGISTERED
                and bool(event.joining_url),
                "can_cancel": registration.status != RegistrationStatus.CANCELLED and not _started(event),
                "can_give_feedback": registration.status == RegistrationStatus.REGISTERED
                and event.is_past
                and not answered,
                "answered": answered,
            },
        )
    )


def _started(event) -> bool:
    return event.starts_at <= timezone.now()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request, token: str):
    registration = _registration_or_404(token)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, actor=request.user)
        except services.EventError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your registration has been cancelled."))
        return redirect("events:registration", token=registration.token)
    return _private(
        render(request, "events/cancel.html", {"registration": registration, "event": registration.event})
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_feedback(request, token: str):
    registration = _registration_or_404(token)
    event = registration.event
    questions = services.feedback_questions_for(event)
    form = FeedbackForm(request.POST or None, questions=questions)
    problem = None
    if registration.status != RegistrationStatus.REGISTERED:
        problem = _("Only registered participants can answer the survey.")
    elif not event.is_past:
        problem = _("The feedback survey opens when the event is over.")
    elif FeedbackResponse.objects.filter(registration=registration).exists():
        problem = _("You have already answered the feedback survey. Thank you!")
    if problem is None and request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(registration=registration, answers=form.answers())
        except services.EventError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you for your feedback!"))
            return redirect("events:registration", token=registration.token)
    status = 400 if request.method == "POST" and problem is None and form.errors else 200
    return _private(
        render(
            request,
            "events/feedback.html",
            {"registration": registration, "event": event, "form": form, "problem": problem},
            status=status,
        )
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@require_safe
def registration_ics(request, token: str):
    registration = _registration_or_404(token)
    if registration.status != RegistrationStatus.REGISTERED:
        raise Http404
    return _private(_ics_response(registration_calendar(registration), "event.ics"))


@require_safe
def event_ics(request, slug: str):
    event = _event_or_404(slug)
    return _ics_response(calendar_bytes([event]), f"{event.slug}.ics")
