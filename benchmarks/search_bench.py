"""The site-wide search and the directory's ``?q=`` over the demo data and over ten times the demo
data, next to the trivial view.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/search_bench.py \\
        [--requests 40] [--scales 1,10]

The script creates its own database on the PostgreSQL of DATABASE_URL, migrates it and loads the demo
data (``seed_demo --force``), then, in this process with production settings (DEBUG off, no Redis: the
cache is local memory), requests each URL through Django's test ``Client``: every search query of
``QUERIES`` on ``/fi/haku/`` (all kinds, five results of each with highlighted snippets), on
``/fi/haku/?kind=member`` (twenty results) and on the member directory, and ``/fi/probe/``
(``core.views.static_probe``: the layout with a static body, no database) as the baseline, in
interleaved rounds. At scale N every listed organisation is copied N-1 times (names suffixed, so they
match the same words) and every other search document N-1 times with new object ids: the search reads
only its documents, so the copies weigh on it as real objects would. Reported per URL group: p50 and
p95 latency in milliseconds, SQL queries per request, and p50 as a multiple of the baseline's p50.
The database is dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from _support import database_url_named, production_env, recreate_database

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [
    "tekoäly",
    "tekoaly",
    "Pirkanmaalla",
    "hyvinvointialueella",
    "yliopistossa",
    "välfärdsområdet",
    "Birkaland",
    "hoitajakuiskaajan",
    "kirjaamisen tukena",
    "AI-aamu",
    "kotihoi",
    "sjukhusets",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if p == 50:
        return statistics.median(ordered)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def multiply(scale: int) -> dict[str, int]:
    """Copies of the public organisations (real rows, for the directory) and of the other documents."""
    from django.db import connection, transaction
    from django.db.models import Count

    from members.models import Organisation
    from members.selectors import public_organisations
    from search import services
    from search.models import SearchDocument

    with transaction.atomic():
        originals = list(public_organisations())
        copies = []
        for n in range(2, scale + 1):
            for organisation in originals:
                copy = Organisation(
                    **{
                        field.attname: getattr(organisation, field.attname)
                        for field in Organisation._meta.concrete_fields
                        if field.attname != "id"
                    }
                )
                copy.business_id = ""
                for code in ("fi", "sv", "en"):
                    name = getattr(organisation, f"name_{code}")
                    setattr(copy, f"name_{code}", f"{name} {n}" if name else name)
                copy.name = copy.name_fi
                copies.append(copy)
        Organisation.objects.bulk_create(copies, batch_size=1000)
        services.documents_refresh(kind="member")
        columns = [
            field.column
            for field in SearchDocument._meta.concrete_fields
            if field.column not in ("id", "object_id")
        ]
        listed = ", ".join(columns)
        top = (
            SearchDocument.objects.exclude(kind="member")
            .order_by("-object_id")
            .values_list("object_id", flat=True)
        )
        offset = (top.first() or 0) + 1
        with connection.cursor() as cursor:
            for n in range(2, scale + 1):
                cursor.execute(
                    f"INSERT INTO {SearchDocument._meta.db_table} (object_id, {listed}) "  # noqa: S608
                    f"SELECT object_id + %s, {listed} FROM {SearchDocument._meta.db_table} "
                    "WHERE kind <> 'member' AND object_id < %s",
                    [offset * (n - 1), offset],
                )
            cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")
    return dict(SearchDocument.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))


def measure(requests: int) -> list[tuple[str, float, float, float, float]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    groups = {
        "trivial view /fi/probe/": ["/fi/probe/"],
        "search, all kinds /fi/haku/?q=": [f"/fi/haku/?q={q}" for q in QUERIES],
        "search, one kind /fi/haku/?kind=member&q=": [f"/fi/haku/?kind=member&q={q}" for q in QUERIES],
        "member directory /fi/members/?q=": [f"/fi/members/?q={q}" for q in QUERIES],
    }
    latencies: dict[str, list[float]] = {name: [] for name in groups}
    queries: dict[str, list[int]] = {name: [] for name in groups}
    for name, urls in groups.items():  # warm-up, and the query counts
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            queries[name].append(len(captured))
    for _round in range(requests):
        for name, urls in groups.items():
            for url in urls if name != "trivial view /fi/probe/" else urls * 4:
                started = time.perf_counter()
                client.get(url)
                latencies[name].append((time.perf_counter() - started) * 1000)
    baseline = percentile(latencies["trivial view /fi/probe/"], 50)
    return [
        (
            name,
            percentile(values, 50),
            percentile(values, 95),
            max(queries[name]),
            percentile(values, 50) / baseline,
        )
        for name, values in latencies.items()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=40, help="rounds over every URL")
    parser.add_argument("--scales", default="1,10", help="copies of the demo data, comma-separated")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        import django

        django.setup()
        counts = multiply(args.scale)
        print(f"scale {args.scale}: documents {sum(counts.values())} {counts}", flush=True)
        for name, p50, p95, n_queries, ratio in measure(args.requests):
            print(
                f"| {args.scale}× | {name} | {p50:.1f} | {p95:.1f} | {n_queries} | {ratio:.1f} |", flush=True
            )
        return
    server = os.environ.get("DATABASE_URL")
    if not server:
        sys.exit("Set DATABASE_URL to a PostgreSQL server (the script creates and drops its own database).")
    print(f"Python {platform.python_version()}, {os.cpu_count()} cores", flush=True)
    print("| data | URLs | p50 ms | p95 ms | SQL queries | p50 / trivial view |")
    print("| --- | --- | --- | --- | --- | --- |")
    for scale in [int(value) for value in args.scales.split(",")]:
        name = f"search_bench_{uuid.uuid4().hex[:8]}"
        recreate_database(server, name)
        env = production_env(database_url_named(server, name), "", name)
        media = Path(tempfile.mkdtemp(prefix="search-bench-"))
        env.update(
            {
                "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
                "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
                "MEDIA_ROOT": str(media / "media"),
                "PRIVATE_MEDIA_ROOT": str(media / "private"),
            }
        )
        try:
            # The manifest storage (DEBUG off) needs the collected static files.
            for command in (
                ["migrate", "-v0"],
                ["collectstatic", "--noinput", "-v0"],
                ["seed_demo", "--force"],
            ):
                subprocess.run(
                    [sys.executable, "manage.py", *command],
                    cwd=ROOT,
                    env=env,
                    check=True,
                    capture_output=True,
                )
            subprocess.run(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    "--inner",
                    f"--scale={scale}",
                    f"--requests={args.requests}",
                ],
                cwd=ROOT,
                env={**env, "PYTHONPATH": str(ROOT)},
                check=True,
            )
        finally:
            recreate_database(server, name, drop_only=True)
            shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    main()
