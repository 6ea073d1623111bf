"""Rendering: HTML against golden files, CSS strings, and the URL fetcher that keeps the PDF sealed."""

from __future__ import annotations

import http.server
import os
import threading

import pytest

from conftest import DATA
from patient_leaflets.build.jobs import render_leaflet
from patient_leaflets.errors import RenderError
from patient_leaflets.render.assets import asset_roots
from patient_leaflets.render.html import css_string
from patient_leaflets.render.pdf import AssetFetcher, render_pdf

GOLDEN = DATA / "golden"


def rendered(config, locale):
    return render_leaflet(config, config.root / "leaflets" / "sample.yaml", locale).rendered


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_html_matches_golden_file(config, locale):
    """Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change; review the diff."""
    result = rendered(config, locale)
    golden = GOLDEN / f"sample.{locale}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.html, encoding="utf-8")
    assert result.html == golden.read_text(encoding="utf-8")
    assert result.draft is False


def test_html_declares_language_charset_and_metadata(config):
    html = rendered(config, "en").html
    assert '<html lang="en-GB" dir="ltr">' in html
    assert '<meta charset="utf-8">' in html
    assert '<meta name="author" content="Centre Exemple">' in html
    assert "+33 1 98 76 54 32" in html and "38.5°C" in html and "1 March 2029" in html
    french = rendered(config, "fr").html
    assert "01 98 76 54 32" in french and "38,5\u202f°C" in french and "1 mars 2029" in french


def test_untranslated_text_is_marked_and_makes_a_draft(config):
    catalog_path = config.po_path("en")
    text = catalog_path.read_text(encoding="utf-8")
    catalog_path.write_text(text.replace('msgstr "You are bleeding."', 'msgstr ""'), encoding="utf-8")
    result = rendered(config, "en")
    assert result.draft
    assert '<span lang="fr" class="untranslated">Vous saignez.</span>' in result.html
    assert "@top-center" in result.html and "DRAFT – not to be given to patients" in result.html


def test_css_string_cannot_break_out_of_the_style_element():
    assert css_string('a"}</style><script>') == '"a\\000022\\00007d\\00003c/style\\00003e\\00003cscript\\00003e"'
    assert css_string("Page \ue000 of \ue001") == '"Page " counter(page) " of " counter(pages) ""'


def test_fetcher_serves_assets_only(config):
    fetcher = AssetFetcher(asset_roots(config))
    font = next((config.root / "styles" / "fonts").glob("*.woff2"))
    assert fetcher.asset_path(font.as_uri()) == font.resolve()
    assert fetcher.asset_path("file:///etc/hostname") is None
    assert fetcher.asset_path((config.root / "styles" / ".." / "pyproject.toml").as_uri()) is None
    assert fetcher.asset_path("https://example.org/x.css") is None


def test_attachment_pointing_at_a_local_file_is_refused(config):
    html = '<html lang="fr"><meta charset="utf-8"><a rel="attachment" href="file:///etc/hostname">x</a></html>'
    with pytest.raises(RenderError, match=r"^refused to write a PDF with embedded file file:///etc/hostname: "
                                          r"a leaflet embeds no files$"):
        render_pdf(html, config)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


def test_stylesheet_on_the_network_is_never_requested(config):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/evil.css"
        html = f'<html lang="fr"><meta charset="utf-8"><link rel="stylesheet" href="{url}"><p>x</p></html>'
        with pytest.raises(RenderError, match="refused to load http://127.0.0.1"):
            render_pdf(html, config)
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.requests == []
