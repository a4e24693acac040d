"""Runs last in ``seed_demo``: the demo data is written directly, so its documents are built here."""

from search import services


def seed(*, stdout) -> None:
    counts = services.index_rebuild()
    stdout.write(f"  search documents: {sum(counts.values())}")
