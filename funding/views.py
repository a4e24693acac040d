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
from core.questionnaires.kinds import FormKind, display, from_json
from funding import selectors, services
from funding.enums import COMMITMENTS, ApplicationStatus, BudgetCategory, CallStatus
from funding.forms import (
    ATTACHMENTS,
    BUDGET,
    MAX_ROWS,
    PARTNERS,
    PROJECT,
    STRUCTURED_SECTIONS,
    ApplicationForm,
    InformationAnswerForm,
    StartForm,
    budget_formset,
    build_draft,
    partner_formset,
    question_field_name,
)
from funding.selectors import answers as answer_selectors
from funding.services import EDITABLE_FIELDS, FundingError, StaleApplication, letters, merge
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
        "commitments": [text for _name, text in COMMITMENTS],
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


def _extra(request, name: str, default: int) -> int:
    try:
        value = int(request.GET.get(name, default))
    except (TypeError, ValueError):
        value = default
    return max(0, min(value, MAX_ROWS))


def _formsets(request, application, data=None, section: str = ""):
    """The partners' and the budget's formsets, each only on its own section (None elsewhere)."""
    partner_set = budget_set = None
    if section == PARTNERS:
        partners = list(application.partners.all())
        partner_set = partner_formset(extra=_extra(request, "partners", 1 if partners else 2))(
            data,
            prefix="partners",
            initial=[
                {"name": p.name, "type": p.type, "role": p.role, "business_id": p.business_id}
                for p in partners
            ],
        )
    if section == BUDGET:
        lines = list(application.budget_lines.all())
        budget_set = budget_formset(extra=_extra(request, "budget", 1 if lines else 3))(
            data,
            prefix="budget",
            initial=[
                {"category": b.category, "year": b.year, "amount": b.amount, "description": b.description}
                for b in lines
            ],
            form_kwargs={"earliest_year": application.call.earliest_cost_date.year},
        )
    return partner_set, budget_set


class _Page:
    """The applicant's page for one section: the call's form, the section shown and its questions."""

    def __init__(self, request, application):
        self.application = application
        self.form_sections = answer_selectors.call_form(application.call_id)
        self.questions = [q for s in self.form_sections for q in s.questions.all()]
        wanted = request.POST.get("section") or request.GET.get("section") or PROJECT
        ids = {f"s{s.pk}": s for s in self.form_sections}
        self.section = wanted if wanted in ids or wanted in STRUCTURED_SECTIONS else PROJECT
        self.form_section = ids.get(self.section)
        self.section_questions = list(self.form_section.questions.all()) if self.form_section else []
        self._attachments = None
        self._values = None

    @property
    def values(self) -> dict:
        if self._values is None:
            self._values = answer_selectors.application_answer_values(self.application)
        return self._values

    @property
    def attachments(self) -> list:
        if self._attachments is None:
            self._attachments = list(self.application.attachments.all())
        return self._attachments

    def removable(self) -> list:
        """The files this section may remove: the general attachments, or its file questions'."""
        if self.section == ATTACHMENTS:
            return [a for a in self.attachments if a.question_id is None]
        keys = {q.pk for q in self.section_questions if q.kind == FormKind.FILE}
        return [a for a in self.attachments if a.question_id in keys] if keys else []

    def nav(self) -> list[dict]:
        items = [(PROJECT, _("The project"))]
        items += [(f"s{s.pk}", s.title) for s in self.form_sections]
        items += [(PARTNERS, _("Partners")), (BUDGET, _("Budget")), (ATTACHMENTS, _("Attachments"))]
        return [{"id": ident, "title": title, "current": ident == self.section} for ident, title in items]

    def form(self, data=None, files=None, *, application=None):
        return ApplicationForm(
            data,
            files,
            call=self.application.call,
            section=self.section,
            questions=self.section_questions,
            attachments=self.removable(),
            initial=None if data is not None else self.initial(application or self.application),
        )

    def initial(self, application) -> dict:
        values = {name: getattr(application, name) for name in EDITABLE_FIELDS}
        values["version"] = application.version
        values["base"] = merge.base_sign(application)
        for question in self.section_questions:
            if question.kind != FormKind.FILE:
                values[question_field_name(question)] = from_json(question.kind, self.values.get(question.pk))
        return values


def _display(current, name: str, value) -> str:
    field = current._meta.get_field(name)
    if field.choices:
        return str(dict(field.choices).get(value, value) or "–")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "requested_amount":
        from funding.formatting import format_money

        return format_money(value)
    return value or "–"


def _part_display(rows, kind: str) -> str:
    from funding.formatting import format_money

    if kind == "partners":
        return "; ".join(p.name for p in rows) or "–"
    labels = dict(BudgetCategory.choices)
    return (
        "; ".join(f"{labels.get(b.category, b.category)} {b.year}: {format_money(b.amount)}" for b in rows)
        or "–"
    )


def _answer_display(question, value) -> str:
    from funding.formatting import format_money

    return display(question.kind, value, choices=question.choice_list, money=format_money)


def _conflicts(exc: StaleApplication, form, partner_set, budget_set) -> list[dict]:
    """Each part changed in both windows, with the stored value and this person's."""
    current = exc.current
    draft = build_draft(form, partner_set, budget_set)
    questions = {q.key: q for q in form.questions}
    stored = merge.stored_comparable(current)
    differences = []
    for name in exc.conflicts:
        if name == "partners":
            saved = _part_display(list(current.partners.order_by("order", "id")), "partners")
            differences.append(
                {"label": _("Partners"), "saved": saved, "yours": _part_display(draft.partners or [], name)}
            )
        elif name == "budget_lines":
            saved = _part_display(list(current.budget_lines.order_by("order", "id")), "budget")
            differences.append(
                {
                    "label": _("Budget"),
                    "saved": saved,
                    "yours": _part_display(draft.budget_lines or [], "budget"),
                }
            )
        elif name.startswith(merge.ANSWER):
            question = questions.get(name[len(merge.ANSWER) :])
            if question is None:
                continue
            differences.append(
                {
                    "label": question.label,
                    "saved": _answer_display(question, stored.get(name)),
                    "yours": _answer_display(question, draft.answers.get(question.key)),
                }
            )
        else:
            label = (
                form.fields[name].label if name in form.fields else current._meta.get_field(name).verbose_name
            )
            differences.append(
                {
                    "label": label,
                    "saved": _display(current, name, getattr(current, name)),
                    "yours": _display(current, name, draft.values.get(name)),
                }
            )
    return differences


def _put_answer(data, question, value) -> None:
    """Put a stored answer into posted form data, as the question's field sends it."""
    name = question_field_name(question)
    if question.kind == FormKind.MULTIPLE_CHOICE:
        data.setlist(name, list(value or []))
    elif question.kind == FormKind.YES_NO:
        value = value if isinstance(value, dict) else {}
        answer = value.get("answer")
        data[f"{name}_0"] = "" if answer is None else ("yes" if answer else "no")
        data[f"{name}_1"] = value.get("explanation") or ""
    elif question.kind == FormKind.CONFIRM:
        if value is True:
            data[name] = "on"
        else:
            data.pop(name, None)
    else:
        data[name] = "" if value is None else str(value)


def _merged_data(request, exc: StaleApplication, page: _Page):
    """The posted form, moved onto the stored version: parts changed only there are shown as stored."""
    current = exc.current
    data = request.POST.copy()
    data["version"] = str(current.version)
    data["base"] = merge.base_sign(current)
    questions = {q.key: q for q in page.section_questions}
    stored = merge.stored_comparable(current) if any(n.startswith(merge.ANSWER) for n in exc.take) else {}
    for name in exc.take:
        if name in ("partners", "budget_lines"):
            prefix = "partners" if name == "partners" else "budget"
            for key in [k for k in data if k.startswith(f"{prefix}-")]:
                del data[key]
            if name == "partners":
                rows = [
                    {"name": p.name, "type": p.type, "role": p.role, "business_id": p.business_id}
                    for p in current.partners.order_by("order", "id")
                ]
            else:
                rows = [
                    {
                        "category": b.category,
                        "year": b.year,
                        "amount": str(b.amount),
                        "description": b.description,
                    }
                    for b in current.budget_lines.order_by("order", "id")
                ]
            data.update({f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(len(rows))})
            for i, row in enumerate(rows):
                data.update({f"{prefix}-{i}-{key}": str(value) for key, value in row.items()})
            continue
        if name.startswith(merge.ANSWER):
            question = questions.get(name[len(merge.ANSWER) :])
            if question is not None:
                _put_answer(data, question, stored.get(name))
            continue
        value = getattr(current, name)
        data[name] = "" if value is None else str(value)
    return data


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

    page = _Page(request, app)
    context = {"application": app, "call": app.call}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "save")
        form = page.form(request.POST, request.FILES)
        partner_set, budget_set = _formsets(request, app, request.POST, page.section)
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
                data = _merged_data(request, exc, page)
                context["conflict"] = exc.message
                context["conflict_same_person"] = exc.same_person
                context["differences"] = _conflicts(exc, form, partner_set, budget_set)
                form = page.form(data)
                partner_set, budget_set = _formsets(request, app, data, page.section)
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
        partner_set, budget_set = _formsets(request, app, section=page.section)
    return _edit_page(request, app, form, partner_set, budget_set, context, page, status)


def _edit_page(request, app, form, partner_set, budget_set, context, page: _Page, status=200):
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


def _after_save(request, saved, action: str, page: _Page):
    url = saved.get_absolute_url()
    if action == "add_partners":
        extra = _extra(request, "partners", 0) + 3
        return redirect(f"{url}?section={PARTNERS}&partners={extra}#partners")
    if action == "add_budget":
        extra = _extra(request, "budget", 0) + 3
        return redirect(f"{url}?section={BUDGET}&budget={extra}#budget")
    if action == "submit":
        try:
            services.application_submit(
                application=saved, actor=request.user, version=saved.version, received_at=received_at(request)
            )
        except FundingError as exc:
            fresh = _application_or_404(request, saved.pk)
            page = _Page(request, fresh)
            form = page.form(application=fresh)
            partner_set, budget_set = _formsets(request, fresh, section=page.section)
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
