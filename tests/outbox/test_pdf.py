"""PDFs are rendered offline: only the portal's own static files can be read."""

from __future__ import annotations

import http.server
import threading

import pytest

from outbox import pdf


@pytest.fixture
def http_server():
    """A loopback web server that records every request it gets."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()


def test_static_files_are_served():
    fetcher = pdf.StaticOnlyURLFetcher()
    response = fetcher(pdf.BASE_URL + "static/css/site.css")
    assert response.content_type == "text/css"
    assert len(response.read()) > 0


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/static/css/site.css",
        "file:///etc/passwd",
        pdf.BASE_URL + "static/../../../etc/passwd",
        pdf.BASE_URL + "static/%2e%2e/%2e%2e/etc/passwd",
        pdf.BASE_URL + "media/upload.png",
        "ftp://example.com/x",
    ],
)
def test_everything_else_is_refused(url):
    with pytest.raises(ValueError):  # noqa: PT011
        pdf.StaticOnlyURLFetcher()(url)


def test_render_pdf_never_touches_the_network_or_the_disk(settings, tmp_path, http_server):
    base, requests = http_server
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    secret = tmp_path / "secret.css"
    secret.write_text("body { background: red }")
    (tmp_path / "doc.html").write_text(
        "{% load static %}<html><head>"
        '<link rel="stylesheet" href="{% static \'css/site.css\' %}">'
        f'<link rel="stylesheet" href="file://{secret}">'
        "</head><body><h1>{{ title }}</h1>"
        f'<img src="{base}/x.png"><img src="file:///etc/passwd"></body></html>'
    )
    document = pdf.render_pdf(template="doc.html", context={"title": "Päätös"}, language="fi")
    assert document.startswith(b"%PDF-")
    assert requests == []


def test_collected_static_files_with_hashed_names_are_served(tmp_path, settings):
    """With DEBUG off, {% static %} gives hashed names that only exist in STATIC_ROOT."""
    from outbox.pdf import StaticOnlyURLFetcher

    settings.STATIC_ROOT = tmp_path
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "pdf.0123abcd.css").write_text("body { color: black; }")
    fetcher = StaticOnlyURLFetcher()
    response = fetcher.fetch(f"{settings.SITE_URL}/static/css/pdf.0123abcd.css")
    assert response.read() == b"body { color: black; }"
    with pytest.raises(Exception, match="only the portal's static files"):
        fetcher.fetch(f"{settings.SITE_URL}/static/css/../../secret.txt")
