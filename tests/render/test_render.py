"""Rendering: HTML against golden files, CSS strings, and the URL fetcher that keeps the PDF sealed."""

from __future__ import annotations

import http.server
import os
import threading

import pytest
from markupsafe import Markup, escape

from conftest import DATA
from patient_leaflets.errors import RenderError
from patient_leaflets.pipeline import leaflet_page
from patient_leaflets.render.assets import asset_roots
from patient_leaflets.render.css_text import css_content, css_string
from patient_leaflets.render.html import format_list
from patient_leaflets.render.pdf import AssetFetcher, render_pdf

GOLDEN = DATA / "golden"


def rendered(config, locale):
    return leaflet_page(config, config.root / "leaflets" / "sample.yaml", locale).rendered


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
    assert '<span lang="fr" dir="ltr" class="untranslated">Vous saignez.</span>' in result.html
    assert "@top-center" in result.html and "DRAFT – not to be given to patients" in result.html


def test_css_string_cannot_break_out_of_the_style_element():
    assert css_string('a"}</style><script>') == '"a\\000022\\00007d\\00003c/style\\00003e\\00003cscript\\00003e"'
    assert css_string(Markup("a&#34;}&lt;/style&gt;")) == '"a\\000022\\00007d\\00003c/style\\00003e"'
    assert css_string("\ue000\\") == '"\\00e000\\00005c"', "no character is special any more"


def test_css_content_turns_the_named_page_counters_into_css_counters():
    assert css_content("Page %(page)s of %(pages)s") == '"Page " counter(page) " of " counter(pages)'
    assert css_content("%(pages)s/%(page)s") == 'counter(pages) "/" counter(page)'
    assert css_content("") == '""'
    assert css_content("%(page)d %(other)s") == '"%(page)d %(other)s"', "only the named counters"


def test_css_content_cannot_break_out_of_the_string_or_the_style_element():
    hostile = Markup(escape('%(page)s"} body { display: none } </style><script>%(pages)s'))
    assert css_content(hostile) == ('counter(page) "\\000022\\00007d body \\00007b display: none \\00007d '
                                    '\\00003c/style\\00003e\\00003cscript\\00003e" counter(pages)')
    assert css_content("counter(pages)") == '"counter(pages)"', "CSS in a translation stays text"


def test_page_footer_gets_counters_from_the_template_context(config):
    html = rendered(config, "en").html
    assert 'content: "Page " counter(page) " of " counter(pages); }' in html
    assert "\ue000" not in html and "\ue001" not in html


def test_lists_of_names_are_joined_in_the_source_language(config):
    html = rendered(config, "en").html
    assert "<dd>Test team</dd>" in html, "the authors are a team, translated like the text"
    assert format_list(["Dr A", "Dr B, service X", "Dr C"], "fr") == "Dr A, Dr B, service X et Dr C"
    assert format_list(["Dr A", "Dr B"], "en-GB") == "Dr A and Dr B"
    assert format_list([], "fr") == ""


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
