"""The review page that needs no other page, and the applicants' attachments opened by staff.

The page shows the whole application (sections, partners, budget with its totals, attachments as links
that open in the browser) above the scoring form: each criterion with its description and labelled
radio buttons for the scores. "Submit and open the next one" and "Skip for now" move through the
reviewer's queue, so a review is one page load. Plain HTML forms: keyboard-usable, no script needed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext

from funding.forms import ReviewForm
from funding.models import Application, Attachment, Criterion, InformationFile, Review
from funding.receipts import pdf_context
from funding.selectors import queue
from funding.selectors import review as review_selectors
from funding.selectors.answers import call_questions
from funding.services import FundingError
from funding.services import review as review_services
from funding.services.attachments import attachment_open, information_file_open

SAVE, SUBMIT, SUBMIT_NEXT = "save", "submit", "submit_next"


def labelled_changes(
    application, changes: list[tuple[str, object, object]]
) -> list[tuple[str, object, object]]:
    """What changed since a review, each part named as the reader knows it: a question of the call's
    form by its label in the active language, a structured part by its name (not by a stored key)."""
    if not changes:
        return []
    labels = {
        name: capfirst(Application._meta.get_field(name).verbose_name)
        for name in ("project_name", "use_case", "summary", "requested_amount")
    }
    labels.update(
        partners=gettext("Partners"),
        budget_lines=gettext("Budget"),
        answers=gettext("Requests for more information"),
    )
    labels.update({question.key: question.label for question in call_questions(application.call_id)})
    return [(labels.get(key, key), then, now) for key, then, now in changes]


def _initial(own: Review | None) -> dict:
    if own is None:
        return {}
    initial = {"recommendation": own.recommendation, "comment": own.comment}
    for score in own.scores.all():
        initial[f"score_{score.criterion_id}"] = "na" if score.not_applicable else str(score.value or "")
        initial[f"comment_{score.criterion_id}"] = score.comment
    return initial


class ReviewPageMixin:
    """Mixed into the application admin with the review mixin (which provides ``_application``)."""

    def review_page_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/review/", wrap(self.review_view), name="funding_review"),
            path(
                "<int:pk>/attachments/<int:attachment_pk>/",
                wrap(self.attachment_view),
                name="funding_application_attachment",
            ),
            path(
                "<int:pk>/information-files/<int:file_pk>/",
                wrap(self.information_file_view),
                name="funding_information_file",
            ),
        ]

    def _next_review(self, request, application):
        return queue.next_to_review(
            request.user,
            after=application,
            queryset=review_selectors.applications_visible_to(request.user),
        )

    def review_view(self, request, pk: int):
        if not request.user.has_perm("funding.review_application"):
            raise PermissionDenied
        application = self._application(request, pk)
        if review_selectors.is_conflicted(application=application, user=request.user):
            raise Http404
        criteria = list(Criterion.objects.filter(call=application.call))
        own = (
            Review.objects.filter(application=application, reviewer=request.user)
            .prefetch_related("scores")
            .first()
        )
        form = ReviewForm(request.POST or None, initial=_initial(own), criteria=criteria)
        problems = []
        action = request.POST.get("action", SAVE)
        # The next one is found from where this one stands in the queue before it is saved.
        following = self._next_review(request, application)
        if request.method == "POST" and form.is_valid():
            submit = action in (SUBMIT, SUBMIT_NEXT)
            try:
                review_services.review_save(
                    application=application,
                    actor=request.user,
                    scores=form.scores(),
                    recommendation=form.cleaned_data["recommendation"],
                    comment=form.cleaned_data["comment"],
                    submit=submit,
                )
            except FundingError as exc:
                form.add_error(None, exc.message)
                problems = exc.problems[1:]
            else:
                if not submit:
                    self.message_user(request, gettext("Your draft review has been saved."))
                    return redirect("admin:funding_review", application.pk)
                self.message_user(request, gettext("Your review has been submitted."))
                if action == SUBMIT_NEXT and following is not None:
                    return redirect("admin:funding_review", following.pk)
                if action == SUBMIT_NEXT:
                    self.message_user(request, gettext("There are no more applications for you to review."))
                return redirect("admin:funding_application_changelist")
        lines = list(application.budget_lines.order_by("order", "id"))
        partners = list(application.partners.order_by("order", "id"))
        return TemplateResponse(
            request,
            "admin/funding/application/review.html",
            self._context(
                request,
                application,
                gettext("Review: %(name)s") % {"name": application},
                form=form,
                own_review=own,
                problems=problems,
                submitted=own is not None and own.is_submitted,
                next_application=following,
                **{
                    key: value
                    for key, value in pdf_context(application, lines=lines, partners=partners).items()
                    if key != "application"
                },
            ),
        )

    def attachment_view(self, request, pk: int, attachment_pk: int):
        """The attachment opened in the browser (inline), for those who may read the application's files."""
        attachment = get_object_or_404(
            Attachment.objects.select_related("application"), pk=attachment_pk, application_id=pk
        )
        return _inline(lambda: attachment_open(attachment=attachment, actor=request.user), attachment)

    def information_file_view(self, request, pk: int, file_pk: int):
        """A file of the applicant's answer to a request for more information, like an attachment."""
        stored = get_object_or_404(
            InformationFile.objects.select_related("request__application"),
            pk=file_pk,
            request__application_id=pk,
        )
        return _inline(lambda: information_file_open(stored=stored, actor=request.user), stored)


def _inline(open_file, attachment):
    """The file shown in the browser; the opening function checks the person and audits."""
    try:
        handle = open_file()
    except FundingError as exc:
        if exc.code == "missing":
            raise Http404(exc.message) from None
        raise PermissionDenied(exc.message) from None
    response = FileResponse(handle, content_type=attachment.mimetype)
    response["Content-Disposition"] = content_disposition_header(False, attachment.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # A PDF opens in the browser's own viewer, which a sandboxed document may not start.
    response["Content-Security-Policy"] = (
        "default-src 'none'" if attachment.kind == "pdf" else "default-src 'none'; sandbox"
    )
    return response
