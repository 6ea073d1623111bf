"""What a screen reader needs beyond the basics of a tagged PDF: the language of each passage written in another
language, table header cells tied to their data cells, figures located on their page, the large print's
running heads in large type."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from patient_leaflets.building import build_leaflets
from patient_leaflets.config import load_config
from patient_leaflets.render.pdf import render_pdf


def elements(reader) -> list[dict]:
    """Return every element of a PDF's structure tree, in document order."""
    found, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        element = stack.pop().get_object()
        found.append(element)
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        stack += reversed([kid for kid in kids if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict)
                           and kid.get_object().get("/Type") != "/OBJR"])
    return found[1:]


def render(project, body: str, lang: str = "fr") -> PdfReader:
    html = f'<html lang="{lang}"><head><title>Essai</title></head><body>{body}</body></html>'
    path = project / "essai.pdf"
    path.write_bytes(render_pdf(html, load_config(project)).data)
    return PdfReader(path)


def test_a_passage_in_another_language_is_tagged_with_its_language(project):
    reader = render(project, '<h1>Sources</h1><p>Une source : <span lang="en-GB">Chemotherapy at home</span>, '
                             'en anglais.</p><p lang="en">All of it in English.</p>')
    langs = [(str(e["/S"]), str(e["/Lang"])) for e in elements(reader) if "/Lang" in e]
    assert langs == [("/Span", "en-GB"), ("/P", "en")]
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def test_the_english_sources_of_a_french_leaflet_and_the_french_left_in_a_translation_are_tagged(project):
    config = load_config(project)

    def tagged(lang: str) -> dict[str, int]:
        report = build_leaflets(config, jobs=1, formats=["standard"])
        counts = {}
        for outcome in report.outcomes:
            langs = [str(e["/Lang"]) for e in elements(PdfReader(project / outcome.output)) if "/Lang" in e]
            counts[outcome.locale] = langs.count(lang if outcome.locale == "fr" else "fr")
        return counts

    before = tagged("en")
    po = project / "translations" / "en" / "LC_MESSAGES" / "leaflets.po"
    assert 'msgstr "First key point."' in po.read_text(encoding="utf-8")
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "First key point."', 'msgstr ""'), encoding="utf-8")
    untranslated = tagged("en")
    assert untranslated["en"] == before["en"] + 1, "the key point shown in French in the English leaflet"
    sample = project / "leaflets" / "sample.yaml"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("      publisher:", "      language: en\n      publisher:", 1), encoding="utf-8")
    assert tagged("en")["fr"] == before["fr"] + 1, "the source's title, in English in the French leaflet"


def test_table_header_cells_are_tied_to_their_data_cells(project):
    reader = render(project, '<table><caption>Effets</caption><thead><tr><th>Effet</th><th>Conseil</th></tr>'
                             '</thead><tbody><tr><th scope="row">Fièvre</th><td>Appelez</td></tr></tbody></table>')
    cells = [e for e in elements(reader) if e.get("/S") in ("/TH", "/TD")]
    headers = {str(e["/ID"]): e["/A"]["/Scope"] for e in cells if e["/S"] == "/TH"}
    assert sorted(headers.values()) == ["/Column", "/Column", "/Row"]
    [data] = [e for e in cells if e["/S"] == "/TD"]
    assert len(data["/A"]["/Headers"]) == 2 and all(str(h) in headers for h in data["/A"]["/Headers"])


def test_a_figure_bounding_box_is_on_its_page_in_pdf_user_space(project):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
           '<title>Un schéma</title><rect width="200" height="100" fill="#06c"/></svg>')
    reader = render(project, f'<h1>Schéma</h1>{svg}')
    [figure] = [e for e in elements(reader) if e.get("/S") == "/Figure"]
    x1, y1, x2, y2 = (float(v) for v in figure["/A"]["/BBox"])
    _, _, width, height = (float(v) for v in reader.pages[0].mediabox)
    assert 0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height
    assert (round(x2 - x1), round(y2 - y1)) == (150, 75)  # 200 × 100 CSS px in points
    assert y2 > height / 2, "near the top of the page, where it is drawn: y counts up from the bottom"
    assert str(figure["/Alt"]) == "Un schéma"


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_large_print_running_heads_and_footers_are_16_pt_or_more(project, locale):
    config = load_config(project)
    [outcome] = build_leaflets(config, jobs=1, formats=["large-print"], locales=[locale]).outcomes
    reader = PdfReader(project / outcome.output)
    sizes: dict[str, float] = {}

    def visit(text, matrix, text_matrix, font, size):
        run = text.strip()
        if run:
            sizes[run] = min(sizes.get(run, 99.0), round(size * abs(matrix[0] * text_matrix[0] or 1), 1))

    reader.pages[0].extract_text(visitor_text=visit)
    running = {"fr": ("Page 1 sur", "Version"), "en": ("Page 1 of", "Version")}[locale]
    found = [size for text, size in sizes.items() if text.startswith(running)]
    assert found and min(found) >= 16, sizes
