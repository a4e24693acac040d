"""Production configuration: `check --deploy` is clean, and docker-compose runs only real commands."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "tekoaly.example.fi",
    "SITE_URL": "https://tekoaly.example.fi",
    "DATABASE_URL": "postgresql://portal:secret@db.example.invalid:5432/portal",
    "REDIS_URL": "redis://redis.example.invalid:6379/0",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "ECOSYSTEM_TESTING", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_debug_is_off_and_a_secret_is_required_unless_set():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env={**env, "SECRET_KEY": ""})
    assert result.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_seed_demo_refuses_to_run_with_debug_off():
    result = manage("seed_demo", env=PRODUCTION_ENV)
    assert result.returncode == 1
    assert "refuses to run with DEBUG off" in result.stderr


def test_only_postgresql_is_accepted():
    result = manage("check", env={**PRODUCTION_ENV, "DATABASE_URL": "sqlite:///db.sqlite3"})
    assert result.returncode == 1
    assert "PostgreSQL only" in result.stderr


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_services_with_healthchecks_and_volumes():
    compose = _compose()
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name
    assert {"pgdata", "redisdata", "media"} <= set(compose["volumes"])
    assert services["web"]["build"] == "."


def test_every_command_compose_runs_exists_in_the_code():
    services = _compose()["services"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    from django.core.management import get_commands

    commands = get_commands()
    for name, service in services.items():
        command = service.get("command")
        if not command or name in {"postgres", "redis"}:
            continue
        program = command[0]
        if program == "python":
            assert command[1] == "manage.py", name
            assert command[2] in commands, (name, command)
        elif program == "gunicorn":
            module, attr = command[1].split(":")
            assert (ROOT / (module.replace(".", "/") + ".py")).exists(), name
            assert f"{attr} =" in (ROOT / (module.replace(".", "/") + ".py")).read_text(), name
        elif program == "celery":
            assert command[1:3] == ["-A", "ecosystem"], name
            assert command[3] in {"worker", "beat"}, name
            assert (ROOT / "ecosystem" / "celery.py").exists()
        else:
            pytest.fail(f"{name} runs an unknown program {program}")
        # Every program the containers run is installed from the production lock.
        pins = (ROOT / "requirements" / "base.txt").read_text()
        assert program == "python" or re.search(rf"^{program}==", pins, re.MULTILINE), program
    assert re.search(r"libpango", dockerfile), "WeasyPrint needs Pango in the image"


def test_the_image_installs_exactly_the_production_lock():
    """No `pip install .` that resolves anew: the image gets the versions and hashes CI tested."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    installs = re.findall(r"pip install ([^\n&]+)", dockerfile)
    assert installs == ["--require-hashes -r requirements/base.txt"]
    assert "COPY requirements/base.txt requirements/base.txt" in dockerfile


def test_compose_healthcheck_commands_exist_in_the_image():
    services = _compose()["services"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    web_check = services["web"]["healthcheck"]["test"]
    assert web_check[1] == "curl" and "curl" in dockerfile
    assert web_check[-1].endswith("/healthz/")
