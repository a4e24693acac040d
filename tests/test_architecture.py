"""How the apps may depend on each other: the one place these rules are written down and checked.

The import graph of the project's own modules is read with ``ast`` (every import: module level,
inside functions, under ``TYPE_CHECKING``) and each edge between two apps is checked:

1. An app uses another app only through its public interface: ``services``, ``selectors`` (module
   or package) and ``enums`` (plain choices), plus the few pure helper modules in ``INTERFACE``.
   Never another app's ``models``, ``forms``, ``admin``, ``views`` or ``urls``, nor any private
   (underscore) module or name. Reading another app's rows goes through that app's selectors; a
   ForeignKey to another app's model is a string reference (``"members.Organisation"``).
2. ``core`` is the shared kernel (audit trail, states, locks, caches, charts, form fields,
   questionnaires): every app may use its public modules except ``core.models`` (audit entries are
   read through ``core.audit``), and ``core`` imports no other app of the project.
3. ``ecosystem`` (settings, root URLs, Celery) wires the apps together and may import any of them.
   ``<app>.demo`` modules build the ``seed_demo`` data the way the tests' factories do; they are
   never imported by the running portal, so they may create other apps' rows directly.
4. No module of the project is longer than ``MAX_LINES`` lines, except those in ``LONG_MODULES``.

``EXCEPTIONS`` are permanent, with the reason; ``PENDING`` are edges being removed in parallel work
(issue "One way to do each shared thing") and go away with it: an entry that no longer occurs fails
the test too, so the lists only shrink.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Directories that are not apps and whose imports are not checked.
NOT_APPS = {"tests", "benchmarks", "static", "templates", "locale", "requirements"}
#: The project package: settings and root URL configuration, allowed to import every app.
PROJECT = "ecosystem"
KERNEL = "core"
#: Modules of another app that may be imported, besides services, selectors and enums.
PUBLIC = {"services", "selectors", "enums"}
INTERFACE = {
    # Plain functions with no database access, used by the forms and models of other apps.
    "validators",
    "formatting",
    # Rendering a template to PDF: outbox's public tool for apps that attach documents to mail.
    "outbox.pdf",
}
FORBIDDEN_IN_KERNEL = {"core.models"}

#: Permanent exceptions: (importing module, imported module) and why.
EXCEPTIONS = {
    # Abstract base models must be imported to be inherited; a string reference cannot do that.
    ("events.models", "core.questionnaires.models"): "abstract base models",
    ("surveys.models", "core.questionnaires.models"): "abstract base models",
}

#: Edges other work is removing (exact module → module). Do not add to this list.
PENDING: set[tuple[str, str]] = set()

MAX_LINES = 600
#: Modules allowed to be longer than MAX_LINES, and why; each is to be split.
LONG_MODULES: dict[str, str] = {}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    name: str
    line: int

    def __str__(self):
        imported = f"{self.target}.{self.name}" if self.name else self.target
        return f"{self.source} -> {imported} (line {self.line})"


def _project_files() -> list[Path]:
    files = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0].startswith(".") or "migrations" in parts or parts[0] in NOT_APPS | {"manage.py"}:
            continue
        files.append(path)
    return files


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in _project_files()}
APPS = {name.split(".")[0] for name in MODULES} - {PROJECT}


def _edges(module: str, path: Path) -> list[Edge]:
    """Imports of project modules; ``from package import module`` counts as importing the module."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    edges = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            edges += [Edge(module, alias.name, "", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            for alias in node.names:
                if f"{target}.{alias.name}" in MODULES:
                    edges.append(Edge(module, f"{target}.{alias.name}", "", node.lineno))
                else:
                    edges.append(Edge(module, target, alias.name, node.lineno))
    return [edge for edge in edges if edge.target.split(".")[0] in APPS | {PROJECT}]


def _app(module: str) -> str:
    return module.split(".")[0]


def _forbidden(edge: Edge) -> bool:
    source_app, target_app = _app(edge.source), _app(edge.target)
    if source_app in (target_app, PROJECT):
        return False
    if (edge.source, edge.target) in EXCEPTIONS:
        return False
    if source_app == KERNEL:
        return True
    parts = edge.target.split(".")
    if any(part.startswith("_") for part in parts[1:]) or edge.name.startswith("_"):
        return True
    if target_app == KERNEL:
        return edge.target in FORBIDDEN_IN_KERNEL
    if edge.source.split(".")[1:2] == ["demo"]:
        return False
    if edge.target in INTERFACE or ".".join(parts[:2]) in INTERFACE:
        return False
    return len(parts) < 2 or parts[1] not in PUBLIC | INTERFACE


def _all_edges() -> list[Edge]:
    return [edge for module, path in MODULES.items() for edge in _edges(module, path)]


def test_the_apps_meet_only_through_services_selectors_and_enums():
    forbidden = [edge for edge in _all_edges() if _forbidden(edge)]
    new = [str(edge) for edge in forbidden if (edge.source, edge.target) not in PENDING]
    assert not new, "Imports across apps that the rules in this module's docstring forbid:\n" + "\n".join(new)


def test_the_pending_list_only_shrinks():
    forbidden = {(edge.source, edge.target) for edge in _all_edges() if _forbidden(edge)}
    gone = sorted(PENDING - forbidden)
    assert not gone, f"These edges are gone: remove them from PENDING: {gone}"


def test_core_imports_no_other_app():
    edges = [
        str(edge)
        for edge in _all_edges()
        if _app(edge.source) == KERNEL
        and _app(edge.target) != KERNEL
        and (edge.source, edge.target) not in PENDING
    ]
    assert not edges, "core is the shared kernel and imports no other app:\n" + "\n".join(edges)


def test_the_graph_sees_the_project():
    """The rules above are only as good as the graph: it must find the apps and their imports."""
    assert {"core", "members", "funding", "kpi", "frontpage"} <= APPS
    edges = {(edge.source, edge.target) for edge in _all_edges()}
    assert ("frontpage.views", "members.selectors") in edges


def test_no_module_is_too_long():
    lengths = {
        _module_name(path): len(path.read_text().splitlines())
        for path in sorted(ROOT.rglob("*.py"))
        if not path.relative_to(ROOT).parts[0].startswith(".") and "migrations" not in path.parts
    }
    too_long = [f"{name}: {lines} lines" for name, lines in lengths.items() if lines > MAX_LINES]
    unexpected = [entry for entry in too_long if entry.split(":")[0] not in LONG_MODULES]
    assert not unexpected, f"Modules over {MAX_LINES} lines; split them:\n" + "\n".join(unexpected)
    shortened = sorted(set(LONG_MODULES) - {entry.split(":")[0] for entry in too_long})
    assert not shortened, f"These modules are short now: remove them from LONG_MODULES: {shortened}"
