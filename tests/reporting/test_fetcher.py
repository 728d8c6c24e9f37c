"""The PDF renderer reads only the portal's own static files: no local files, no network."""

import http.server
import threading

import pytest

from core.pdf import StaticOnlyFetcher, html_to_pdf
from tests.reporting.conftest import pdf_text


@pytest.fixture
def listening_server():
    """A local HTTP server that records every request, to prove the renderer never calls out."""
    hits = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


def test_markup_cannot_fetch_files_or_the_network(listening_server, tmp_path):
    base, hits = listening_server
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret payroll figures")
    html = f"""<html><head><link rel="stylesheet" href="{base}/style.css"></head><body>
      <p>Visible text</p>
      <img src="file://{secret}"> <img src="{base}/pixel.png">
      <iframe src="file://{secret}"></iframe>
      <object data="file://{secret}"></object>
      <p style="background: url('{base}/bg.png')">styled</p>
    </body></html>"""
    fetcher = StaticOnlyFetcher()
    text, _pages = pdf_text(html_to_pdf(html, fetcher))
    assert "Visible text" in text and "top secret" not in text
    assert hits == []
    assert any(url.startswith("file://") for url in fetcher.refused)
    assert any(url.startswith(base) for url in fetcher.refused)


def test_the_portals_own_static_files_still_load():
    fetcher = StaticOnlyFetcher()
    html = '<html><head><link rel="stylesheet" href="/static/build/portal.css"></head><body><p>Hi</p></body></html>'
    html_to_pdf(html, fetcher)
    assert fetcher.refused == []
    with pytest.raises(ValueError, match="climbs out"):
        fetcher.fetch("https://portal.invalid/static/../../etc/passwd")


@pytest.mark.django_db
def test_text_typed_into_commentary_is_shown_not_fetched(
    client, plan, almo_staff, listening_server, django_capture_on_commit_callbacks, tmp_path
):
    from delivery_plans import services as plan_services
    from reporting import services
    from reporting.models import ReportRun
    from tests.plans import COMMENTARY, fill

    base, hits = listening_server
    injected = f'<img src="{base}/track.png"><link rel="stylesheet" href="file:///etc/passwd">'
    return_record = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff, rp02=("400", "500"), commentary={**COMMENTARY, "what_happened": injected})
    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_request_return(actor=almo_staff, return_record=return_record)
    run = ReportRun.objects.get(pk=run.pk)
    client.force_login(almo_staff)
    response = client.get(f"/reports/{run.pk}/download/")
    text, _pages = pdf_text(b"".join(response.streaming_content))
    assert hits == []
    assert "track.png" in text, "the markup is printed as text, escaped"
