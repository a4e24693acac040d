"""The call page, and the applicants' pages: starting, editing, submitting and withdrawing applications.

An application is found only among the applications of the signed-in person's own organisations, so
guessing another's address gives "not found", never the application.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import public_cache
from core.middleware import received_at
from core.questionnaires.kinds import FormKind
from funding import selectors, services
from funding.application_page import Page, extra_rows, merged_data, page_conflicts, page_formsets
from funding.enums import ApplicationStatus, CallStatus
from funding.forms import (
    BUDGET,
    PARTNERS,
    STRUCTURED_SECTIONS,
    InformationAnswerForm,
    StartForm,
    build_draft,
)
from funding.selectors import answers as answer_selectors
from funding.services import FundingError, StaleApplication, letters, merge
from funding.services import review as review_services

# --- The call page -------------------------------------------------------------------------------


def _call_content(find) -> tuple[dict, object]:
    """What the call page shows everyone, rendered without the request (nothing personal), and when
    it changes by itself (a call opens or closes). ``find(now)`` gives the call, or None."""
    now = timezone.now()
    call = find(now)
    if call is None:
        return {"pk": None}, selectors.call_next_change(now=now)
    status = selectors.call_status(call, now=now)
    context = {
        "call": call,
        "status": status,
        # What every applicant must confirm, as the call's own form asks it.
        "commitments": [
            item.label
            for section in answer_selectors.call_form_sections(call)
            for item in section.items
            if item.kind == FormKind.CONFIRM and item.required
        ],
        **selectors.call_page_data(call),
    }
    content = {
        "pk": call.pk,
        "slug": call.slug,
        "title": call.title,
        "status": status.status,
        "intro": render_to_string("funding/_call_intro.html", context),
        "details": render_to_string("funding/_call_details.html", context),
    }
    return content, selectors.call_next_change(now=now)


def _call_page(request, call: dict):
    if call["pk"] is None:
        return render(request, "funding/no_call.html")
    can_start = bool(
        call["status"] == CallStatus.OPEN
        and request.user.is_authenticated
        and selectors.eligible_organisations_for(user=request.user, call=call["pk"]).exists()
    )
    return render(request, "funding/call.html", {"call": call, "can_start": can_start})


@require_safe
def call(request):
    return _call_page(
        request,
        public_cache.cached(
            "funding", ("current",), lambda: _call_content(lambda now: selectors.call_current(now=now))
        ),
    )


@require_safe
def call_detail(request, slug: str):
    def build():
        content, changes_at = _call_content(lambda now: selectors.call_get(slug=slug))
        # An unknown address is not worth an entry: store only calls that exist.
        return content, changes_at if content["pk"] is not None else timezone.now()

    found = public_cache.cached("funding", ("call", slug), build)
    if found["pk"] is None:
        raise Http404
    return _call_page(request, found)


@require_safe
def document(request, slug: str, pk: int):
    found = selectors.call_get(slug=slug)
    doc = found.documents.filter(pk=pk).first() if found else None
    if doc is None or not doc.file:
        raise Http404
    try:
        handle = doc.file.open("rb")
    except OSError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=False,
        filename=doc.filename,
        content_type="application/pdf"
        if doc.filename.lower().endswith(".pdf")
        else "application/octet-stream",
    )


# --- Starting an application ---------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def start(request, slug: str):
    found = selectors.call_get(slug=slug)
    if found is None:
        raise Http404
    organisations = list(selectors.eligible_organisations_for(user=request.user, call=found))
    roles = list(request.user.contact_roles.select_related("organisation"))
    reasons = []
    if not organisations:
        reasons = [
            services.ineligibility_reason(call=found, organisation=role.organisation) for role in roles
        ]
        reasons = [reason for reason in reasons if reason]
    form = StartForm(request.POST or None, organisations=organisations)
    refusal = ""
    is_open = found.is_open()
    if request.method == "POST" and organisations and is_open and form.is_valid():
        organisation = next(o for o in organisations if o.pk == form.cleaned_data["organisation"])
        try:
            application = services.application_create(
                call=found,
                organisation=organisation,
                actor=request.user,
                project_name=form.cleaned_data["project_name"],
            )
        except FundingError as exc:
            refusal = exc.message
        else:
            messages.success(
                request, _("The application has been started. You can save it as a draft at any time.")
            )
            return redirect("funding:application", pk=application.pk)
    return render(
        request,
        "funding/start.html",
        {
            "call": found,
            "form": form,
            "organisations": organisations,
            "reasons": reasons,
            "has_organisation": bool(roles),
            "is_open": is_open,
            "refusal": refusal,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- The applicant's own applications -----------------------------------------------------------


@never_cache
@login_required
@require_safe
def my_applications(request):
    return render(
        request,
        "funding/my_applications.html",
        {
            "applications": selectors.applications_for_user(user=request.user),
            "current_call": selectors.call_current(),
        },
    )


def _application_or_404(request, pk):
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    if application is None:
        raise Http404
    return application


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application(request, pk: int):
    app = _application_or_404(request, pk)
    if not app.is_editable:
        if request.method == "POST":
            messages.error(
                request, _("A submitted application cannot be changed. Withdraw it first to edit it.")
            )
            return redirect("funding:application", pk=app.pk)
        return _detail(request, app)

    page = Page(request, app)
    context = {"application": app, "call": app.call}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "save")
        form = page.form(request.POST, request.FILES)
        partner_set, budget_set = page_formsets(request, app, request.POST, page.section)
        valid = (
            form.is_valid()
            & (partner_set is None or partner_set.is_valid())
            & (budget_set is None or budget_set.is_valid())
        )
        if valid:
            draft = build_draft(form, partner_set, budget_set)
            upload = form.cleaned_data.get("new_attachment")
            try:
                saved = services.application_save(
                    application=app,
                    version=form.cleaned_data["version"],
                    draft=draft,
                    actor=request.user,
                    add_files=[upload] if upload else [],
                    remove_attachment_ids=form.cleaned_data.get("remove_attachments") or [],
                    base=merge.base_load(form.cleaned_data.get("base")),
                    question_files=form.question_files(),
                )
            except StaleApplication as exc:
                data = merged_data(request, exc, page)
                context["conflict"] = exc.message
                context["conflict_same_person"] = exc.same_person
                context["differences"] = page_conflicts(exc, form, partner_set, budget_set)
                form = page.form(data)
                partner_set, budget_set = page_formsets(request, app, data, page.section)
                status = 409
            except FundingError as exc:
                context["refusal"] = exc.message
                context["problems"] = exc.problems if len(exc.problems) > 1 else []
                status = 400
            else:
                return _after_save(request, saved, action, page)
        else:
            status = 400
    else:
        form = page.form()
        partner_set, budget_set = page_formsets(request, app, section=page.section)
    return _edit_page(request, app, form, partner_set, budget_set, context, page, status)


def _edit_page(request, app, form, partner_set, budget_set, context, page: Page, status=200):
    lines = list(app.budget_lines.all())
    partners = list(app.partners.all()) if partner_set is None else None
    nav = page.nav()
    context.update(
        {
            "form": form,
            "section": page.section,
            "form_section": page.form_section,
            "sections": nav,
            "next_section": next((nav[i + 1] for i, item in enumerate(nav[:-1]) if item["current"]), None),
            "partner_formset": partner_set,
            "budget_formset": budget_set,
            "attachments": page.removable(),
            "totals": selectors.application_totals(app, lines),
            "missing": context.get("missing")
            or services.missing_items(
                app, lines=lines, partners=partners, questions=page.questions, values=page.values
            ),
            "call_status": selectors.call_status(app.call),
            "form_has_errors": bool(
                form.errors
                or (partner_set is not None and partner_set.total_error_count())
                or (budget_set is not None and budget_set.total_error_count())
            ),
        }
    )
    return render(request, "funding/application_form.html", context, status=status)


def _section_url(saved, section: str) -> str:
    return f"{saved.get_absolute_url()}?section={section}"


def _after_save(request, saved, action: str, page: Page):
    url = saved.get_absolute_url()
    if action == "add_partners":
        extra = extra_rows(request, "partners", 0) + 3
        return redirect(f"{url}?section={PARTNERS}&partners={extra}#partners")
    if action == "add_budget":
        extra = extra_rows(request, "budget", 0) + 3
        return redirect(f"{url}?section={BUDGET}&budget={extra}#budget")
    if action == "submit":
        try:
            services.application_submit(
                application=saved, actor=request.user, version=saved.version, received_at=received_at(request)
            )
        except FundingError as exc:
            fresh = _application_or_404(request, saved.pk)
            page = Page(request, fresh)
            form = page.form(application=fresh)
            partner_set, budget_set = page_formsets(request, fresh, section=page.section)
            context = {
                "application": fresh,
                "call": fresh.call,
                "draft_saved": True,
                "refusal": exc.message,
                "problems": exc.problems,
            }
            return _edit_page(request, fresh, form, partner_set, budget_set, context, page, status=400)
        messages.success(
            request,
            _(
                "The application has been submitted. A receipt with the application as a PDF is on its "
                "way to your email."
            ),
        )
        return redirect(url)
    messages.success(request, _("The draft has been saved."))
    if action.startswith("go:"):
        target = action[3:]
        if target in STRUCTURED_SECTIONS or target in {f"s{s.pk}" for s in page.form_sections}:
            return redirect(_section_url(saved, target))
    return redirect(_section_url(saved, page.section))


def _detail(request, app, *, answer_form=None, status=200):
    lines = list(app.budget_lines.all())
    call_open = app.call.is_open()
    return render(
        request,
        "funding/application_detail.html",
        {
            "application": app,
            "call": app.call,
            **services.pdf_context(app, lines=lines, partners=list(app.partners.all())),
            "can_withdraw": app.status == ApplicationStatus.SUBMITTED and call_open,
            "can_reopen": app.status == ApplicationStatus.WITHDRAWN and call_open,
            "information_requests": list(app.information_requests.prefetch_related("files")),
            "decision": letters.announced_decision(app),
            "answer_form": answer_form
            or (InformationAnswerForm() if app.status == ApplicationStatus.INFO_REQUESTED else None),
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, pk: int):
    """The applicant answers the steering group's request for more information."""
    app = _application_or_404(request, pk)
    if request.method != "POST":
        return redirect("funding:application", pk=app.pk)
    form = InformationAnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            review_services.information_request_answer(
                application=app,
                actor=request.user,
                response=form.cleaned_data["response"],
                files=form.cleaned_data["files"],
            )
        except FundingError as exc:
            form.add_error("files" if exc.code in ("attachment", "files") else "response", exc.message)
        else:
            messages.success(
                request, _("Thank you. Your answer has been sent and the application is back in review.")
            )
            return redirect("funding:application", pk=app.pk)
    return _detail(request, app, answer_form=form, status=400)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, pk: int):
    app = _application_or_404(request, pk)
    if request.method == "POST":
        try:
            services.application_withdraw(application=app, actor=request.user)
        except FundingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The application has been withdrawn."))
        return redirect("funding:application", pk=app.pk)
    if app.status != ApplicationStatus.SUBMITTED:
        return redirect("funding:application", pk=app.pk)
    return render(request, "funding/withdraw.html", {"application": app, "call": app.call})


@never_cache
@login_required
@require_POST
def reopen(request, pk: int):
    app = _application_or_404(request, pk)
    try:
        services.application_reopen(application=app, actor=request.user)
    except FundingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The application is a draft again. Submit it again before the call closes.")
        )
    return redirect("funding:application", pk=app.pk)


@never_cache
@login_required
@require_safe
def attachment(request, pk: int, attachment_pk: int):
    app = _application_or_404(request, pk)
    found = next((a for a in app.attachments.all() if a.pk == attachment_pk), None)
    if found is None:
        raise Http404
    try:
        handle = found.file.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=found.filename, content_type=found.mimetype)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@never_cache
@login_required
@require_safe
def decision_letter(request, pk: int):
    """The applicant's decision letter, once the call's decisions have been announced."""
    app = _application_or_404(request, pk)
    decision = letters.announced_decision(app)
    if decision is None:
        raise Http404
    response = HttpResponse(letters.decision_letter_pdf(app, decision), content_type="application/pdf")
    filename = letters.letter_filename(app, language=app.language)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
@require_safe
def application_pdf(request, pk: int):
    app = _application_or_404(request, pk)
    language = (request.LANGUAGE_CODE or "fi")[:2]
    content = services.application_pdf(app, language=language)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{services.pdf_filename(app)}"'
    return response
