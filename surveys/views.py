"""The survey's answer page, reached through a contact person's private link (no sign-in needed)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from surveys import selectors, services
from surveys.enums import RoundState
from surveys.forms import AnswerForm


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, token: str):
    invitation = selectors.invitation_get(token=token)
    if invitation is None:
        raise Http404
    survey_round = invitation.round
    questions = selectors.questions_of(survey_round)
    response = selectors.response_of(survey_round=survey_round, organisation_id=invitation.organisation_id)
    form = AnswerForm(request.POST if request.method == "POST" else None, questions=questions)
    problem = None
    if response is not None:
        problem = _("Your organisation has already answered this survey. Thank you!")
    elif survey_round.state != RoundState.OPEN or not survey_round.is_answerable:
        problem = _("This survey is closed.")
    if problem is None and request.method == "POST" and form.is_valid():
        try:
            services.survey_response_submit(invitation=invitation, answers=form.answers(), actor=request.user)
        except services.SurveyError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you for answering the survey!"))
            return redirect("surveys:answer", token=invitation.token)
    status = 400 if request.method == "POST" and problem is None and form.errors else 200
    return _private(
        render(
            request,
            "surveys/answer.html",
            {
                "invitation": invitation,
                "survey": survey_round,
                "form": form,
                "problem": problem,
                "response": response,
            },
            status=status,
        )
    )
