"""Writes of the steering group's review: eligibility, reviewers, conflicts, reviews, information
requests, decisions and their release.

Roles come from the groups' permissions and are checked here too, so no caller (admin view, action,
task, shell) can do what the role may not. The services live in modules by concern; this module gathers
them, because the admin, the views, the tasks and the tests use the review as one namespace.

Transactions: every service opens its own. Those only views, admin actions and tasks call own it
(``durable=True``): ``reviewer_unassign``, ``conflict_declare``, ``information_request_create``,
``information_request_answer``, ``decision_cancel``, ``review_reminders_send`` (one per call) and
``letters.decision_letters_send``. The others (``application_check_eligibility``, ``reviewer_assign``,
``review_save``, ``application_move``, ``decision_record``, ``decision_confirm``,
``call_announce_decisions``, ``call_add_default_criteria``) are not durable because ``seed_demo`` runs the
demo round through them inside its one transaction. The helpers (``_move``, ``_decision_move``,
``application_version_save``, ``reviewer_organisation_conflict``, ``_contacts``) expect to run inside
the caller's transaction.
"""

from funding.services.assignment import (
    AssignResult,
    application_check_eligibility,
    reviewer_assign,
    reviewer_unassign,
)
from funding.services.conflicts import conflict_declare, reviewer_organisation_conflict
from funding.services.criteria import (
    DEFAULT_CRITERIA,
    call_add_default_criteria,
    call_criteria_change,
    criteria_frozen_reason,
)
from funding.services.decisions import (
    _amount,
    _decision_move,
    _decision_refused,
    call_announce_decisions,
    decision_cancel,
    decision_confirm,
    decision_record,
)
from funding.services.information import (
    _contacts,
    information_reminders_send,
    information_request_answer,
    information_request_create,
)
from funding.services.moves import REVIEWABLE, S, _move, _require, application_move
from funding.services.reviews import ScoreData, _can_review, _check_scores, review_reminders_send, review_save
from funding.services.versions import application_content, application_version_save

__all__ = [
    "DEFAULT_CRITERIA",
    "REVIEWABLE",
    "S",
    "AssignResult",
    "ScoreData",
    "_amount",
    "_can_review",
    "_check_scores",
    "_contacts",
    "_decision_move",
    "_decision_refused",
    "_move",
    "_require",
    "application_check_eligibility",
    "application_content",
    "application_move",
    "application_version_save",
    "call_add_default_criteria",
    "call_criteria_change",
    "criteria_frozen_reason",
    "call_announce_decisions",
    "conflict_declare",
    "decision_cancel",
    "decision_confirm",
    "decision_record",
    "information_reminders_send",
    "information_request_answer",
    "information_request_create",
    "review_reminders_send",
    "review_save",
    "reviewer_assign",
    "reviewer_organisation_conflict",
    "reviewer_unassign",
]
