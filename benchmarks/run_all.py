"""`make bench`: every benchmark with small, bounded sizes, and one table of ratios to their limits.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python benchmarks/run_all.py

Each benchmark measures a path next to its limit in the same run (the trivial view, /healthz/, a
bare smtplib loop), so the ratios hold on a shared machine where absolute figures do not. The full
runs, with larger sizes and repeated, are in benchmarks/README.md.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable

#: (script, arguments, time limit in seconds). Sizes keep the whole run under 10 minutes on 2 cores.
RUNS = {
    "outbox": ("outbox_bench.py", ["--n", "2000"], 240),
    "newsletter": ("newsletter_bench.py", ["--n", "2000"], 240),
    "events": (
        "events_registration_bench.py",
        # The flow's 400 people for 250 places; the mail is checked by the full runs (--worker after).
        ["--requests", "300", "--concurrency", "16", "--seconds", "20", "--flow", "400", "--worker", "none"],
        420,
    ),
    "pages": (
        "pages_bench.py",
        ["--requests", "200", "--rounds", "2", "--seconds", "16",
         "--only", "application (applicant),/fi/projects/,/api/v1/members/"],
        360,
    ),
}  # fmt: skip


def run(name: str) -> dict | None:
    script, arguments, limit = RUNS[name]
    print(f"== {name}: {script} {' '.join(arguments)}", flush=True)
    started = time.monotonic()
    process = subprocess.Popen(
        [PYTHON, str(HERE / script), *arguments],
        cwd=HERE.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        # Ctrl-C, so that the benchmark's own clean-up (its server, database, queue) runs.
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
        print(f"   {name}: no result within {limit} s", flush=True)
        return None
    done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    print(f"   {time.monotonic() - started:.0f} s", flush=True)
    if done.returncode != 0 or not lines:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        return None
    return json.loads(lines[-1][len("RESULT ") :])


def row(what: str, today: str, ratio: float | None, goal: str, met: bool | None) -> str:
    shown = "–" if ratio is None else f"{ratio:.2f}"
    verdict = "" if met is None else (" ✔" if met else " ✘")
    return f"| {what} | {today} | {shown} | {goal}{verdict} |"


def main() -> int:
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        raise SystemExit(
            "Set DATABASE_URL and REDIS_URL (the benchmarks create and drop their own databases)."
        )
    started = time.monotonic()
    results = {name: run(name) for name in RUNS}
    rows = []
    pages = results["pages"] or {}
    probe = pages.get("/fi/probe/", {})
    for key, what, goal in (
        ("applicant", "applicant's application page (signed in) vs trivial view", 0.30),
        ("/fi/projects/", "project pages list vs trivial view", 0.6),
        ("/api/v1/members/", "open data members JSON vs trivial view", 0.5),
    ):
        page = pages.get(key)
        if page is None:
            rows.append(row(what, "no result", None, f"≥ {goal}", None))
            continue
        today = (
            f"{page['rps']:.0f} vs {probe.get('rps', 0):.0f} req/s, p50 {page['p50_ms']:.0f} ms, "
            f"{page['queries']} queries"
        )
        rows.append(row(what, today, page["ratio"], f"≥ {goal}", page["ratio"] >= goal))
    events = results["events"]
    if events:
        exact = events["registered"] == events["capacity"] and events.get("flow_exact", True)
        today = (
            f"{events['register']:.0f} vs {events['healthz']:.0f} req/s; "
            f"{events['registered']} registered for {events['capacity']} places"
        )
        if "flow_per_minute" in events:
            today += (
                f"; flow {events['flow_per_minute']:.0f} registrations/min, "
                f"{events['flow_registered']} registered for {events['flow_capacity']}"
            )
        rows.append(
            row("registration POST vs /healthz/", today, events["ratio"], "≥ 0.30, capacity exact",
                events["ratio"] >= 0.30 and exact)
        )  # fmt: skip
    else:
        rows.append(row("registration POST vs /healthz/", "no result", None, "≥ 0.30, capacity exact", None))
    outbox = results["outbox"]
    if outbox:
        today = f"{outbox['pipeline']:.0f} vs {outbox['bare']:.0f} msg/s"
        rows.append(
            row(f"outbox pipeline vs bare smtplib, {outbox['n']:,} messages", today, outbox["ratio"], "≥ 0.8",
                outbox["ratio"] >= 0.8)
        )  # fmt: skip
    else:
        rows.append(row("outbox pipeline vs bare smtplib", "no result", None, "≥ 0.8", None))
    newsletter = results["newsletter"]
    if newsletter:
        today = f"{newsletter['campaign']:.0f} vs {newsletter['bare']:.0f} msg/s"
        rows.append(
            row(f"newsletter campaign vs bare smtplib, {newsletter['n']:,} subscribers", today,
                newsletter["ratio"], "≥ 0.7", newsletter["ratio"] >= 0.7)
        )  # fmt: skip
        memory = f"{newsletter['pss_mib']:.0f} MiB PSS ({newsletter['rss_mib']:.0f} MiB RSS summed)"
        rows.append(
            row(f"worker peak memory during a campaign ({newsletter['n']:,})", memory, None,
                "≤ 250 MiB at 100 000", newsletter["pss_mib"] <= 250)
        )  # fmt: skip
    else:
        rows.append(row("newsletter campaign vs bare smtplib", "no result", None, "≥ 0.7", None))
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print()
    print(f"{os.cpu_count()} cores, load average now {load}; {time.monotonic() - started:.0f} s in all")
    print()
    print("| what | today | ratio | goal |")
    print("| --- | --- | ---: | --- |")
    print("\n".join(rows))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
