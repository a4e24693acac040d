"""The lock (requirements/base.txt and requirements/dev.txt): every package pinned with its hashes,
in agreement with pyproject.toml, and exactly what this test run has installed."""

from __future__ import annotations

import re
import sysconfig
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+?)(?:\s*\\)?$")


def locked(name: str) -> dict[str, tuple[str, int]]:
    """Package → (version, number of hashes) in requirements/<name>.txt."""
    found: dict[str, tuple[str, int]] = {}
    current = None
    for line in (ROOT / "requirements" / f"{name}.txt").read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match[1])
            assert current not in found, f"{current} is pinned twice in {name}.txt"
            found[current] = (match[2], 0)
        elif line.strip().startswith("--hash=sha256:") and current:
            version, hashes = found[current]
            found[current] = (version, hashes + 1)
        elif line.strip() and not line.lstrip().startswith("#"):
            raise AssertionError(f"{name}.txt has a line that is not a pin, a hash or a comment: {line!r}")
    return found


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def extra_requirements(requirement: Requirement) -> list[Requirement]:
    """What ``requirement``'s extras add, read from the installed package's own metadata."""
    added = []
    for line in metadata.requires(requirement.name) or []:
        dependency = Requirement(line)
        if dependency.marker is None:
            continue
        with_extra = any(dependency.marker.evaluate({"extra": extra}) for extra in requirement.extras)
        if with_extra and not dependency.marker.evaluate({"extra": ""}):
            added.append(dependency)
    return added


def assert_pinned_within(requirements: list[Requirement], pins: dict[str, tuple[str, int]], lock: str):
    problems = []
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{requirement} is not in {lock}.txt")
        elif not requirement.specifier.contains(pins[name][0], prereleases=True):
            problems.append(f"{lock}.txt pins {name}=={pins[name][0]}, outside {requirement}")
        else:
            problems.extend(
                f"{extra} (from {requirement}) is not pinned in {lock}.txt within its range"
                for extra in extra_requirements(requirement)
                if canonicalize_name(extra.name) not in pins
                or not extra.specifier.contains(pins[canonicalize_name(extra.name)][0], prereleases=True)
            )
    assert problems == [], "pyproject.toml and the lock disagree (run `make lock`):\n" + "\n".join(problems)


def test_every_locked_package_has_its_hashes():
    for lock in ("base", "dev"):
        unhashed = sorted(name for name, (_version, hashes) in locked(lock).items() if hashes == 0)
        assert unhashed == [], f"pinned without a hash in {lock}.txt"


def test_the_lock_agrees_with_pyproject():
    runtime = [Requirement(line) for line in project()["dependencies"]]
    tools = [Requirement(line) for line in project()["optional-dependencies"]["dev"]]
    assert_pinned_within(runtime, locked("base"), "base")
    assert_pinned_within(runtime + tools, locked("dev"), "dev")


def test_production_and_development_pin_the_same_versions():
    base, dev = locked("base"), locked("dev")
    differing = {name: (version, dev.get(name, (None,))[0]) for name, (version, _) in base.items()}
    assert {name: pair for name, pair in differing.items() if pair[0] != pair[1]} == {}


def test_the_installed_packages_are_exactly_the_lock():
    """`make install` installs dev.txt and removes the rest: what runs here is what CI tested."""
    paths = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions(path=paths)
    }
    pinned = {name: version for name, (version, _hashes) in locked("dev").items()}
    assert installed == pinned
