"""The Makefile's targets that a fresh machine relies on: each one named must have a recipe."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def phony_targets() -> list[str]:
    text = (ROOT / "Makefile").read_text()
    return re.search(r"^\.PHONY:(.*)$", text, re.MULTILINE).group(1).split()


def test_every_phony_target_is_defined():
    text = (ROOT / "Makefile").read_text()
    defined = set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))
    assert sorted(set(phony_targets()) - defined) == []


def test_make_test_installs_chromium_when_it_is_missing():
    # `make -n` prints the recipe without running it; the browser tests need Debian's chromium.
    dry_run = subprocess.run(
        ["make", "-n", "browser"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "apt-get install -y -qq chromium" in dry_run
