"""Writes of the steering group's review: eligibility, reviewers, conflicts, reviews, information
requests, decisions and their release.

Roles come from the groups' permissions and are checked here too, so no caller (admin view, action,
task, shell) can do what the role may not. Every move of an application goes through
:func:`_move`, which refuses a move that ``ALLOWED_TRANSITIONS`` does not list (through
``_application_move``, as the applicant's steps do) and writes the audit entry (who, when, from,
to, note) that the application's history shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from core.states import transition_apply, transition_check
from funding.enums import (
    ALLOWED_TRANSITIONS,
    DECISION_OUTCOMES,
    DECISION_TRANSITIONS,
    OWN_STEP_STATES,
    REVIEW_TRANSITIONS,
    REVIEWING_STATES,
    ApplicationStatus,
    DecisionStatus,
    Recommendation,
    ReviewStatus,
)
from funding.models import (
    Application,
    ApplicationVersion,
    ConflictOfInterest,
    Criterion,
    Decision,
    FundingCall,
    InformationRequest,
    Review,
    ReviewAssignment,
    Score,
)
from funding.rules import TEXT_FIELDS
from funding.services import FundingError, _application_move, _application_refused, _require_contact
from members.models import ContactPerson
from outbox.services import mail_queue

S = ApplicationStatus

#: States in which reviewers may be assigned and reviews written.
REVIEWABLE = frozenset({S.ELIGIBLE, S.UNDER_REVIEW, S.INFO_REQUESTED})


def _require(actor, permission: str) -> None:
    if actor is None or not actor.is_active or not actor.has_perm(permission):
        raise FundingError(gettext("You do not have the right to do this."), code="forbidden")


def _move(locked: Application, new: str, *, actor, note: str = "", extra: Mapping[str, Any] | None = None):
    """Change the status of a locked application if the move is allowed; one audit entry."""
    old = _application_move(locked, new)
    fields = ["status", *(extra or {}).keys()]
    for name, value in (extra or {}).items():
        setattr(locked, name, value)
    locked.save(update_fields=fields)
    audit_log(
        action=f"funding.application.{new}",
        actor=actor,
        obj=locked,
        old={"status": old},
        new={"status": new, "note": note, **{k: v for k, v in (extra or {}).items()}},
    )
    return old


# --- Versions ---------------------------------------------------------------------------------------


def application_content(application: Application) -> dict[str, Any]:
    """What a reviewer reads, as plain values: compared between versions to show what changed."""
    content: dict[str, Any] = {name: getattr(application, name) for name in TEXT_FIELDS}
    content["requested_amount"] = str(application.requested_amount or "")
    content["partners"] = [f"{p.name} ({p.get_type_display()})" for p in application.partners.all()]
    content["budget_lines"] = [
        f"{line.get_category_display()} {line.year}: {line.amount}" for line in application.budget_lines.all()
    ]
    content["answers"] = [
        f"{r.message}\n→ {r.response}"
        for r in application.information_requests.filter(responded_at__isnull=False).order_by("requested_at")
    ]
    return content


def application_version_save(application: Application) -> ApplicationVersion:
    """Keep what the application says at its current version (called inside the caller's transaction)."""
    version, _ = ApplicationVersion.objects.update_or_create(
        application=application,
        number=application.version,
        defaults={"content": application_content(application)},
    )
    return version


# --- Eligibility ------------------------------------------------------------------------------------


def application_check_eligibility(
    *, application: Application, actor, eligible: bool, reason: str = ""
) -> Application:
    """A coordinator records whether a submitted application meets the call's rules."""
    _require(actor, "funding.check_eligibility")
    reason = (reason or "").strip()
    if not eligible and not reason:
        raise FundingError(gettext("Give the reason why the application is not eligible."), code="reason")
    with transaction.atomic():
        locked = lock_row(application, related=("call", "organisation"))
        new = S.ELIGIBLE if eligible else S.INELIGIBLE
        if locked.status == new and locked.eligibility_note == reason:
            return locked
        _move(locked, new, actor=actor, note=reason, extra={"eligibility_note": reason})
    return locked


# --- Reviewers and conflicts ------------------------------------------------------------------------


def reviewer_organisation_conflict(*, application: Application, reviewer) -> str:
    """Why the reviewer's own organisation makes them conflicted ('' when it does not)."""
    organisations = list(
        ContactPerson.objects.filter(user=reviewer)
        .select_related("organisation")
        .values_list("organisation_id", "organisation__name", "organisation__business_id")
    )
    if not organisations:
        return ""
    for org_id, name, _business_id in organisations:
        if org_id == application.organisation_id:
            return gettext("The reviewer's organisation %(organisation)s is the lead applicant.") % {
                "organisation": name
            }
    business_ids = {bid for _, _, bid in organisations if bid}
    names = {name.casefold() for _, name, _ in organisations}
    for partner in application.partners.all():
        if (partner.business_id and partner.business_id in business_ids) or partner.name.casefold() in names:
            return gettext("The reviewer's organisation %(organisation)s is a partner.") % {
                "organisation": partner.name
            }
    return ""


@dataclass
class AssignResult:
    assigned: list[ReviewAssignment] = field(default_factory=list)
    already: int = 0
    conflicted: list[tuple[Application, Any]] = field(default_factory=list)


def reviewer_assign(*, applications: Iterable[Application], reviewers: Sequence, actor) -> AssignResult:
    """Coordinators assign steering-group members to applications, one or many at once.

    A reviewer whose organisation is the lead applicant or a partner is not assigned: the conflict is
    recorded instead. An eligible application goes into review with its first reviewer.
    """
    _require(actor, "funding.assign_reviewers")
    for reviewer in reviewers:
        if not reviewer.is_active or not reviewer.has_perm("funding.review_application"):
            raise FundingError(
                gettext("%(person)s is not a member of the steering group.") % {"person": reviewer},
                code="not_reviewer",
            )
    result = AssignResult()
    with transaction.atomic():
        for application in applications:
            locked = lock_row(application, related=("call", "organisation"))
            if locked.status not in REVIEWABLE:
                raise FundingError(
                    gettext(
                        "Reviewers can be assigned only to eligible applications; “%(name)s” is “%(status)s”."
                    )
                    % {"name": locked, "status": locked.get_status_display()},
                    code="state",
                )
            conflicted = set(
                ConflictOfInterest.objects.filter(application=locked).values_list("reviewer_id", flat=True)
            )
            existing = set(
                ReviewAssignment.objects.filter(application=locked).values_list("reviewer_id", flat=True)
            )
            for reviewer in reviewers:
                if reviewer.pk in existing:
                    result.already += 1
                    continue
                if reviewer.pk in conflicted:
                    result.conflicted.append((locked, reviewer))
                    continue
                reason = reviewer_organisation_conflict(application=locked, reviewer=reviewer)
                if reason:
                    conflict = ConflictOfInterest.objects.create(
                        application=locked, reviewer=reviewer, reason=reason, automatic=True
                    )
                    audit_log(
                        action="funding.conflict.found",
                        actor=actor,
                        obj=conflict,
                        new={"application": locked.pk, "reviewer": reviewer.pk, "reason": reason},
                    )
                    result.conflicted.append((locked, reviewer))
                    continue
                assignment = ReviewAssignment.objects.create(
                    application=locked, reviewer=reviewer, assigned_by=actor
                )
                audit_log(
                    action="funding.reviewer.assigned",
                    actor=actor,
                    obj=assignment,
                    new={"application": locked.pk, "reviewer": reviewer.pk},
                )
                result.assigned.append(assignment)
                if locked.status == S.ELIGIBLE:
                    _move(locked, S.UNDER_REVIEW, actor=actor)
    return result


def reviewer_unassign(*, assignment: ReviewAssignment, actor) -> None:
    _require(actor, "funding.assign_reviewers")
    with transaction.atomic():
        if Review.objects.filter(
            application_id=assignment.application_id,
            reviewer_id=assignment.reviewer_id,
            status=ReviewStatus.SUBMITTED,
        ).exists():
            raise FundingError(gettext("The reviewer has already submitted a review."), code="reviewed")
        Review.objects.filter(
            application_id=assignment.application_id, reviewer_id=assignment.reviewer_id
        ).delete()
        audit_log(
            action="funding.reviewer.unassigned",
            actor=actor,
            obj=assignment,
            old={"application": assignment.application_id, "reviewer": assignment.reviewer_id},
        )
        assignment.delete()


def conflict_declare(*, application: Application, actor, reason: str = "") -> ConflictOfInterest:
    """A reviewer declares a conflict of interest: from now on they cannot see or review the application.

    Their assignment and any draft review are removed; a review they had already submitted stays in the
    record but no longer counts in the ranking.
    """
    _require(actor, "funding.review_application")
    with transaction.atomic():
        locked = lock_row(application, related=("call", "organisation"))
        existing = ConflictOfInterest.objects.filter(application=locked, reviewer=actor).first()
        if existing is not None:
            return existing
        conflict = ConflictOfInterest.objects.create(
            application=locked, reviewer=actor, reason=(reason or "").strip()[:500]
        )
        ReviewAssignment.objects.filter(application=locked, reviewer=actor).delete()
        Review.objects.filter(application=locked, reviewer=actor, status=ReviewStatus.DRAFT).delete()
        audit_log(
            action="funding.conflict.declared",
            actor=actor,
            obj=conflict,
            new={"application": locked.pk, "reviewer": actor.pk, "reason": conflict.reason},
        )
    return conflict


# --- Reviews ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreData:
    value: int | None = None
    not_applicable: bool = False
    comment: str = ""


def _can_review(application: Application, reviewer) -> None:
    if ConflictOfInterest.objects.filter(application=application, reviewer=reviewer).exists():
        raise FundingError(
            gettext("You have a conflict of interest with this application and cannot review it."),
            code="conflict",
        )
    if not ReviewAssignment.objects.filter(application=application, reviewer=reviewer).exists():
        raise FundingError(gettext("This application has not been assigned to you."), code="not_assigned")


def _check_scores(
    criteria: Sequence[Criterion], scores: Mapping[int, ScoreData], *, complete: bool
) -> list[str]:
    problems = []
    for criterion in criteria:
        data = scores.get(criterion.pk, ScoreData())
        if data.not_applicable and not criterion.allow_not_applicable:
            problems.append(
                gettext("“%(criterion)s” cannot be marked not applicable.") % {"criterion": criterion.name}
            )
        elif data.value is not None and not criterion.scale_min <= data.value <= criterion.scale_max:
            problems.append(
                gettext("The score of “%(criterion)s” must be between %(low)s and %(high)s.")
                % {"criterion": criterion.name, "low": criterion.scale_min, "high": criterion.scale_max}
            )
        elif data.value is not None and data.not_applicable:
            problems.append(
                gettext("“%(criterion)s” has a score and is marked not applicable: choose one.")
                % {"criterion": criterion.name}
            )
        elif complete and criterion.required and data.value is None and not data.not_applicable:
            problems.append(gettext("Score “%(criterion)s”.") % {"criterion": criterion.name})
    return problems


def review_save(
    *,
    application: Application,
    actor,
    scores: Mapping[int, ScoreData],
    recommendation: str = "",
    comment: str = "",
    submit: bool = False,
) -> Review:
    """A reviewer saves their review as a draft, or submits it (then it is final)."""
    _require(actor, "funding.review_application")
    if recommendation and recommendation not in Recommendation.values:
        raise FundingError(gettext("Choose a recommendation from the list."), code="invalid")
    with transaction.atomic():
        locked = lock_row(application, related=("call", "organisation"))
        _can_review(locked, actor)
        if locked.status not in REVIEWING_STATES:
            raise FundingError(gettext("The application is not in review."), code="state")
        criteria = list(Criterion.objects.filter(call_id=locked.call_id))
        if not criteria:
            raise FundingError(gettext("The call has no evaluation criteria yet."), code="no_criteria")
        problems = _check_scores(criteria, scores, complete=submit)
        if submit and not recommendation:
            problems.append(gettext("Choose an overall recommendation."))
        if problems:
            raise FundingError(problems[0], code="invalid", problems=problems)
        review, created = Review.objects.select_for_update().get_or_create(
            application=locked, reviewer=actor, defaults={"application_version": locked.version}
        )
        if review.is_submitted:
            raise FundingError(gettext("You have already submitted your review."), code="state")
        now = timezone.now()
        review.recommendation = recommendation
        review.comment = (comment or "").strip()
        review.application_version = locked.version
        review.updated_at = now
        old_status = review.status
        if submit:
            transition_apply(review, ReviewStatus.SUBMITTED, transitions=REVIEW_TRANSITIONS)
            review.submitted_at = now
        review.save()
        Score.objects.filter(review=review).delete()
        Score.objects.bulk_create(
            Score(
                review=review,
                criterion=criterion,
                value=None if data.not_applicable else data.value,
                not_applicable=data.not_applicable,
                comment=(data.comment or "").strip(),
            )
            for criterion in criteria
            if (data := scores.get(criterion.pk)) is not None
        )
        audit_log(
            action="funding.review.submitted" if submit else "funding.review.saved",
            actor=actor,
            obj=review,
            old={"status": "" if created else old_status},
            new={
                "status": review.status,
                "application": locked.pk,
                "application_version": review.application_version,
                "recommendation": review.recommendation,
            },
        )
    return review


# --- More information from the applicant ------------------------------------------------------------


def _contacts(application: Application) -> list[ContactPerson]:
    return list(
        ContactPerson.objects.filter(organisation_id=application.organisation_id).order_by(
            "-is_primary", "id"
        )
    )


def information_request_create(*, application: Application, actor, message: str) -> InformationRequest:
    """A coordinator asks the applicant for more information; the applicant is told by email."""
    _require(actor, "funding.change_application")
    message = (message or "").strip()
    if not message:
        raise FundingError(gettext("Write what you want to ask the applicant."), code="invalid")
    with transaction.atomic():
        locked = lock_row(application, related=("call", "organisation"))
        request = InformationRequest.objects.create(application=locked, message=message, requested_by=actor)
        _move(locked, S.INFO_REQUESTED, actor=actor, note=message)
        for contact in _contacts(locked):
            with translation.override(contact.language):
                url = settings.SITE_URL + locked.get_absolute_url()
            mail_queue(
                to=contact.email,
                template="funding_information_request",
                context={
                    "name": contact.first_name,
                    "application": str(locked),
                    "call": locked.call.title,
                    "message": message,
                    "application_url": url,
                },
                language=contact.language,
                actor=actor,
            )
    return request


def information_request_answer(*, application: Application, actor, response: str) -> InformationRequest:
    """The applicant answers: the answer is part of a new version, and the application returns to review."""
    response = (response or "").strip()
    if not response:
        raise FundingError(gettext("Write your answer."), code="invalid")
    with transaction.atomic():
        locked = lock_row(application, related=("call", "organisation"))
        _require_contact(actor, locked.organisation)
        request = (
            InformationRequest.objects.select_for_update()
            .filter(application=locked, responded_at__isnull=True)
            .first()
        )
        if request is None or locked.status != S.INFO_REQUESTED:
            raise FundingError(gettext("No question is waiting for an answer."), code="state")
        request.response = response
        request.responded_by = actor
        request.responded_at = timezone.now()
        request.save(update_fields=["response", "responded_by", "responded_at"])
        _move(locked, S.UNDER_REVIEW, actor=actor, extra={"version": locked.version + 1})
        application_version_save(locked)
        if request.requested_by is not None and request.requested_by.email:
            mail_queue(
                to=request.requested_by.email,
                template="funding_information_answered",
                context={"application": str(locked), "response": response},
                language=getattr(request.requested_by, "language", "") or settings.LANGUAGE_CODE,
                actor=actor,
            )
    return request


# --- Moves that are not decisions -------------------------------------------------------------------


def application_move(*, application: Application, actor, new_status: str, note: str = "") -> Application:
    """A coordinator's move that is not a decision: to further planning, or withdrawn when asked."""
    _require(actor, "funding.change_application")
    if new_status in DECISION_OUTCOMES:
        raise FundingError(
            gettext("Decisions are recorded as pending and released by the decision-maker."), code="decision"
        )
    if new_status in OWN_STEP_STATES:
        raise FundingError(gettext("This move has its own step."), code="state")
    with transaction.atomic():
        locked = lock_row(application, related=("call", "organisation"))
        if locked.status == new_status:
            return locked
        extra = {"withdrawn_at": timezone.now()} if new_status == S.WITHDRAWN else None
        _move(locked, new_status, actor=actor, note=(note or "").strip(), extra=extra)
    return locked


# --- Decisions --------------------------------------------------------------------------------------


def _amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise FundingError(gettext("Give the granted amount in euros."), code="amount") from None
    if not amount.is_finite() or amount <= 0 or amount >= Decimal("1e10"):
        raise FundingError(gettext("The granted amount must be more than zero euros."), code="amount")
    return amount


def decision_record(
    *, application: Application, actor, outcome: str, granted_amount=None, note: str = ""
) -> Decision:
    """Record the steering group's proposal as a pending decision; nothing changes for the applicant yet."""
    _require(actor, "funding.record_decision")
    if outcome not in DECISION_OUTCOMES:
        raise FundingError(gettext("Choose a decision from the list."), code="invalid")
    amount = _amount(granted_amount) if outcome == S.FUNDED else None
    if outcome == S.FUNDED and amount is None:
        raise FundingError(gettext("Give the granted amount for a funding decision."), code="amount")
    with transaction.atomic():
        locked = lock_row(application, related=("call", "organisation"))
        transition_check(ALLOWED_TRANSITIONS, locked.status, outcome, refuse=_application_refused)
        try:
            with transaction.atomic():
                decision = Decision.objects.create(
                    application=locked,
                    outcome=outcome,
                    granted_amount=amount,
                    note=(note or "").strip(),
                    proposed_by=actor,
                )
        except IntegrityError:
            raise FundingError(
                gettext("A decision on this application is already waiting for confirmation."), code="pending"
            ) from None
        audit_log(
            action="funding.decision.recorded",
            actor=actor,
            obj=decision,
            new={
                "application": locked.pk,
                "outcome": outcome,
                "granted_amount": amount,
                "note": decision.note,
            },
        )
    return decision


def _decision_refused(old: str, new: str) -> FundingError:
    return FundingError(
        gettext("A decision that is “%(old)s” cannot become “%(new)s”.")
        % {"old": DecisionStatus(old).label, "new": DecisionStatus(new).label},
        code="state",
    )


def _decision_move(decision: Decision, new: str) -> Decision:
    """Lock the decision and check that it may become ``new``; the caller sets and audits the move."""
    locked = lock_row(decision)
    if locked.status == new:
        return locked
    transition_check(DECISION_TRANSITIONS, locked.status, new, refuse=_decision_refused)
    return locked


def decision_confirm(*, decision: Decision, actor) -> Decision:
    """The decision-maker confirms a pending decision: it is applied to the application and released."""
    _require(actor, "funding.confirm_decision")
    with transaction.atomic():
        locked = _decision_move(decision, DecisionStatus.CONFIRMED)
        if locked.status == DecisionStatus.CONFIRMED:
            return locked
        application = lock_row(locked.application, related=("call", "organisation"))
        extra = {"granted_amount": locked.granted_amount} if locked.outcome == S.FUNDED else None
        _move(application, locked.outcome, actor=actor, note=locked.note, extra=extra)
        old = locked.status
        locked.status = DecisionStatus.CONFIRMED
        locked.confirmed_by = actor
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        audit_log(
            action="funding.decision.confirmed",
            actor=actor,
            obj=locked,
            old={"status": old},
            new={"status": locked.status, "application": application.pk, "outcome": locked.outcome},
        )
    return locked


def decision_cancel(*, decision: Decision, actor) -> Decision:
    """A pending decision is withdrawn before confirmation (by its recorder's role or the decision-maker)."""
    if not (actor.has_perm("funding.record_decision") or actor.has_perm("funding.confirm_decision")):
        raise FundingError(gettext("You do not have the right to do this."), code="forbidden")
    with transaction.atomic():
        locked = _decision_move(decision, DecisionStatus.CANCELLED)
        if locked.status == DecisionStatus.CANCELLED:
            return locked
        old = locked.status
        locked.status = DecisionStatus.CANCELLED
        locked.save(update_fields=["status"])
        audit_log(
            action="funding.decision.cancelled",
            actor=actor,
            obj=locked,
            old={"status": old},
            new={"status": locked.status, "application": locked.application_id},
        )
    return locked


def call_announce_decisions(*, call: FundingCall, actor) -> FundingCall:
    """The decision-maker announces the call's decisions: the funded projects become public."""
    _require(actor, "funding.confirm_decision")
    with transaction.atomic():
        locked = lock_row(call)
        if locked.decisions_announced_at is not None:
            return locked
        if Decision.objects.filter(application__call=locked, status=DecisionStatus.PENDING).exists():
            raise FundingError(gettext("Some decisions are still waiting for confirmation."), code="pending")
        locked.decisions_announced_at = timezone.now()
        locked.save(update_fields=["decisions_announced_at"])
        audit_log(
            action="funding.call.decisions_announced",
            actor=actor,
            obj=locked,
            new={"decisions_announced_at": locked.decisions_announced_at},
        )
    return locked


# --- Criteria ---------------------------------------------------------------------------------------

#: The call's default criteria (DOMAIN.md "The funding call"): (fi, sv, en, weight).
DEFAULT_CRITERIA: list[tuple[str, str, str, Decimal]] = [
    (
        "Vaikuttavuus ja sen arviointi",
        "Effekter och utvärderingen av dem",
        "Effectiveness and its evaluation",
        Decimal("2"),
    ),
    (
        "Kansallisen skaalautumisen ja käyttöönoton mahdollisuus",
        "Möjlighet till nationell skalning och ibruktagning",
        "Potential for national scaling and deployment",
        Decimal("2"),
    ),
    (
        "Toteutettavuus ja konkreettiset tulokset 2025–2026",
        "Genomförbarhet och konkreta resultat 2025–2026",
        "Feasibility and concrete results in 2025–2026",
        Decimal("1.5"),
    ),
    ("Toimijoiden välinen yhteistyö", "Samarbete mellan aktörer", "Cooperation between actors", Decimal("1")),
    (
        "Vastuullinen tekoäly ja datan laatu",
        "Ansvarsfull AI och datakvalitet",
        "Responsible AI and data quality",
        Decimal("1.5"),
    ),
    (
        "Kustannukset suhteessa tuloksiin",
        "Kostnader i förhållande till resultaten",
        "Costs in relation to results",
        Decimal("1"),
    ),
]


def call_add_default_criteria(*, call: FundingCall, actor) -> list[Criterion]:
    """Give a call the default criteria, unless it already has criteria."""
    _require(actor, "funding.add_criterion")
    with transaction.atomic():
        locked = lock_row(call)
        if Criterion.objects.filter(call=locked).exists():
            return []
        created = [
            Criterion.objects.create(
                call=locked,
                name_fi=fi,
                name_sv=sv,
                name_en=en,
                name=fi,
                weight=weight,
                allow_not_applicable=False,
                order=index,
            )
            for index, (fi, sv, en, weight) in enumerate(DEFAULT_CRITERIA)
        ]
        audit_log(
            action="funding.call.criteria_added",
            actor=actor,
            obj=locked,
            new={"criteria": [c.name_en for c in created]},
        )
    return created


# --- Reminders --------------------------------------------------------------------------------------


def review_reminders_send(*, now=None) -> int:
    """Remind reviewers of reviews still open a call's configured number of days before its deadline.

    Each assignment is reminded once (``reminded_at``); run as often as you like.
    """
    now = now or timezone.now()
    sent = 0
    calls = FundingCall.objects.filter(review_deadline__isnull=False, review_deadline__gt=now)
    for call in calls:
        if now < call.review_deadline - timezone.timedelta(days=call.review_reminder_days):
            continue
        with transaction.atomic():
            pending = (
                ReviewAssignment.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(application__call=call, reminded_at__isnull=True)
                .filter(application__status__in=[S.UNDER_REVIEW, S.INFO_REQUESTED])
                .select_related("application", "reviewer")
            )
            for assignment in pending:
                reviewer = assignment.reviewer
                if Review.objects.filter(
                    application_id=assignment.application_id, reviewer=reviewer, status=ReviewStatus.SUBMITTED
                ).exists():
                    continue
                language = getattr(reviewer, "language", "") or settings.LANGUAGE_CODE
                with translation.override(language):
                    url = (
                        settings.SITE_URL
                        + f"/{language}/admin/funding/application/{assignment.application_id}/review/"
                    )
                mail_queue(
                    to=reviewer.email,
                    template="funding_review_reminder",
                    context={
                        "application": str(assignment.application),
                        "call": call.title,
                        "deadline": call.review_deadline,
                        "review_url": url,
                    },
                    language=language,
                )
                assignment.reminded_at = now
                assignment.save(update_fields=["reminded_at"])
                audit_log(
                    action="funding.review.reminded",
                    actor=None,
                    obj=assignment,
                    new={"application": assignment.application_id, "reviewer": reviewer.pk},
                )
                sent += 1
    return sent
