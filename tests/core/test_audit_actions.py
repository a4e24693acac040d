"""The audit trail's actions are declared once per app, as ``<app>.enums.AuditAction``, and used by name.

A literal action string in a call is a typo waiting to happen: an entry written under a misspelt name is
never found by the code that reads it. The project's code is read with ``ast`` (tests and migrations
left out, where literal values are what is being checked or frozen)."""

from __future__ import annotations

import ast
import importlib
import re
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent.parent
SKIPPED_DIRS = {"tests", "migrations", ".venv", "node_modules", "static", "benchmarks"}
#: Calls that write or read audit entries by action; attributes match a call on any object, so that
#: ``AuditEntry.objects.create`` and a queryset's ``.filter`` are both caught.
AUDIT_CALLS = {
    "audit_log",
    "audit_log_many",
    "latest_entry_time",
    "AuditEntry",
    "create",
    "filter",
    "exclude",
}
#: What an action looks like: "<app>.<object>.<verb>". Any ``action=`` keyword given such a literal is
#: caught too, whatever the call (the services' helpers pass actions on to audit_log).
ACTION_SHAPE = re.compile(r"^[a-z_]+\.[a-z_]+\.[a-z_]+$")


def _project_files() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts[:-1])
    )


def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _literals(node: ast.expr) -> list[str]:
    """The string literals an expression evaluates to without naming anything: both branches of a
    conditional, and an f-string as its source text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [ast.unparse(node)]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def literal_actions(source: str, filename: str = "<source>") -> list[str]:
    """``file:line: literal`` for each action given as a literal in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        audit_call = _call_name(node) in AUDIT_CALLS
        for keyword in node.keywords:
            if keyword.arg != "action":
                continue
            for literal in _literals(keyword.value):
                if audit_call or ACTION_SHAPE.match(literal):
                    found.append(f"{filename}:{keyword.value.lineno}: {literal}")
    return found


def _writes_audit_entries(source: str) -> bool:
    return any(
        isinstance(node, ast.Call) and _call_name(node) in {"audit_log", "audit_log_many"}
        for node in ast.walk(ast.parse(source))
    )


def _project_apps():
    return [config for config in apps.get_app_configs() if Path(config.path).parent == ROOT]


def _audit_actions(config):
    try:
        module = importlib.import_module(f"{config.name}.enums")
    except ModuleNotFoundError:
        return None
    return getattr(module, "AuditAction", None)


@pytest.mark.parametrize(
    "source",
    [
        'audit_log(action="members.organisation.updated", actor=None, obj=o)',
        'AuditEntry.objects.filter(action="x.y.z")',
        'AuditEntry(action="a" if ok else "b")',
        'audit_log_many(action=f"outbox.mail.{state}", actor=None, model=M, new={})',
        '_move(report=r, action="projects.report.submit")',
    ],
)
def test_the_scan_finds_a_literal_action(source):
    assert literal_actions(source)


@pytest.mark.parametrize(
    "source",
    [
        "audit_log(action=AuditAction.ORGANISATION_UPDATED, actor=None, obj=o)",
        'parser.add_argument("--force", action="store_true")',
        'AuditAction(f"funding.application.{new}")',
    ],
)
def test_the_scan_lets_a_named_action_pass(source):
    assert not literal_actions(source)


def test_no_action_is_written_or_read_by_a_literal():
    found = []
    for path in _project_files():
        found += literal_actions(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not found, "Use the app's enums.AuditAction instead of:\n" + "\n".join(found)


def test_every_app_that_writes_audit_entries_declares_its_actions():
    missing = []
    for config in _project_apps():
        if config.label == "core":
            continue  # the audit trail itself
        paths = [path for path in _project_files() if Path(config.path) in path.parents]
        writes = any(_writes_audit_entries(path.read_text(encoding="utf-8")) for path in paths)
        if writes and _audit_actions(config) is None:
            missing.append(config.label)
    assert not missing


def test_actions_are_named_after_their_app_and_unique():
    values: Counter[str] = Counter()
    declared = 0
    for config in _project_apps():
        actions = _audit_actions(config)
        if actions is None:
            continue
        declared += 1
        # An enum silently makes a repeated value an alias of the first name.
        assert len(actions.__members__) == len(list(actions)), f"{config.label}: a value is repeated"
        for action in actions:
            assert action.value.startswith(f"{config.label}."), action.value
            assert ACTION_SHAPE.match(action.value), action.value
            values[action.value] += 1
    assert declared
    assert [value for value, count in values.items() if count > 1] == []
