"""Formats as a reader gets them: the standard and large-print editions, the care team's form fields, the QR
code to the online copy, and formats as a dimension of the build (names, report, incremental builds)."""

from __future__ import annotations

import io
import json
import re
import subprocess

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from test_build import edit, embedded_fonts, pdf_text

from conftest import ROOT, TREATMENTS
from patient_leaflets.building import build_leaflets
from patient_leaflets.config import load_config
from patient_leaflets.errors import BuildError, ConfigError

BOTH = ["standard", "large-print"]


def set_formats(config, line: str):
    """Replace the test project's ``formats`` setting with ``line`` and return the settings read again."""
    edit(config.root / "pyproject.toml", 'formats = ["standard"]', line)
    return load_config(config.root)


def outputs(report) -> list[tuple[str, str, str, str]]:
    return [(o.locale, o.leaflet, o.format, o.output) for o in report.outcomes]


def test_the_formats_setting_chooses_what_a_build_makes_and_names_are_predictable(config):
    config = set_formats(config, 'formats = ["standard", "large-print"]')
    report = build_leaflets(config, jobs=1)
    assert outputs(report) == [
        ("en", "sample", "standard", "output/en/sample.pdf"),
        ("en", "sample", "large-print", "output/en/sample.large-print.pdf"),
        ("fr", "sample", "standard", "output/fr/sample.pdf"),
        ("fr", "sample", "large-print", "output/fr/sample.large-print.pdf"),
    ]
    assert not report.failed
    data = json.loads((config.root / "output" / "build-report.json").read_text(encoding="utf-8"))
    assert data["summary"]["formats"] == {"standard": 2, "large-print": 2}
    assert [(p["locale"], p["leaflet"], p["format"], p["output"], p["status"]) for p in data["pdfs"]] == [
        (*row, "built") for row in outputs(report)]
    assert [o.status for o in build_leaflets(config, jobs=1).outcomes] == ["unchanged"] * 4


def test_format_option_builds_only_that_format_and_leaves_the_others_alone(config):
    build_leaflets(config, jobs=1, formats=BOTH)
    standard = (config.root / "output" / "en" / "sample.pdf").read_bytes()
    report = build_leaflets(config, jobs=1, formats=["large-print"], force=True)
    assert [(o.format, o.status) for o in report.outcomes] == [("large-print", "built")] * 2
    assert (config.root / "output" / "en" / "sample.pdf").read_bytes() == standard
    assert not build_leaflets(config, jobs=1, formats=BOTH).count("built"), "both formats are recorded in the manifest"


def test_the_default_formats_are_standard_and_large_print(project):
    edit(project / "pyproject.toml", 'formats = ["standard"]\n', "")
    assert load_config(project).formats == ("standard", "large-print")


@pytest.mark.parametrize(("line", "message"), [
    ('formats = ["standard", "huge"]',
     "pyproject.toml:6: tool.patient-leaflets.formats: unknown format 'huge'; known formats: standard, large-print"),
    ('formats = []',
     'pyproject.toml:6: tool.patient-leaflets.formats: no format to build; list at least one, e.g. formats = '
     '["standard", "large-print"]'),
    ('online-url = "http://example.org/{id}.pdf"',
     'pyproject.toml:6: tool.patient-leaflets.online-url: expected an https:// address, e.g. '
     '"https://www.example.org/leaflets/{locale}/{file}"'),
    ('online-url = "https://example.org/{lang}/{id}.pdf"',
     "pyproject.toml:6: tool.patient-leaflets.online-url: unknown field {lang}; a pattern may use {locale}, {id}, "
     "{file}"),
    ('online-url = "https://example.org/leaflets/"',
     "pyproject.toml:6: tool.patient-leaflets.online-url: the pattern names no leaflet: every leaflet would point to "
     "the same address; use {id} or {file}"),
])
def test_bad_format_settings_are_reported_with_their_line(config, line, message):
    with pytest.raises(ConfigError) as info:
        set_formats(config, line)
    assert [str(p) for p in info.value.problems] == [message]


def test_an_unknown_format_on_the_command_line_is_an_error(config):
    with pytest.raises(BuildError, match="unknown format 'braille'"):
        build_leaflets(config, formats=["braille"])


def test_large_print_is_the_same_text_in_larger_type_on_more_pages(config):
    report = build_leaflets(config, jobs=1, formats=BOTH, locales=["en"])
    standard, large = (config.root / o.output for o in report.outcomes)
    assert len(PdfReader(large).pages) > len(PdfReader(standard).pages)
    words = lambda path: {w.replace("-", "") for w in pdf_text(path).replace("-\n", "").split()}  # noqa: E731
    assert words(standard) - words(large) <= {str(n) for n in range(10)}, "same content (but the page numbers)"
    assert body_font_size(large) >= 16 > body_font_size(standard)
    for path in (standard, large):
        root = PdfReader(path).trailer["/Root"]
        assert root["/Lang"] == "en-GB" and root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
        assert embedded_fonts(path) == {"Atkinson-Hyperlegible-Next", "Atkinson-Hyperlegible-Next-Bold"}


def body_font_size(path) -> float:
    """Return the size most of the text of a PDF is set in, in points."""
    sizes: dict[float, int] = {}

    def visit(text, matrix, text_matrix, font, size):
        scale = abs(matrix[0] * text_matrix[0]) or 1
        sizes[round(size * scale, 1)] = sizes.get(round(size * scale, 1), 0) + len(text.strip())

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return max(sizes, key=sizes.get)


def test_the_standard_edition_offers_large_print_on_page_1_only_when_the_build_makes_it(config):
    sentence = "Also in large print: ask your care team for it."
    build_leaflets(config, jobs=1, locales=["en"])
    assert sentence not in pdf_text(config.root / "output" / "en" / "sample.pdf"), "formats = ['standard']"
    config = set_formats(config, 'formats = ["standard", "large-print"]')
    report = build_leaflets(config, jobs=1, locales=["en"])
    assert [o.status for o in report.outcomes] == ["built", "built"], "the standard edition changes"
    standard, large = (PdfReader(config.root / o.output) for o in report.outcomes)
    assert sentence in standard.pages[0].extract_text()  # where its readers look, in body-size type
    assert sizes_of(standard.pages[0], sentence.split(":")[0]) == {12.0}
    assert sentence not in pdf_text(config.root / "output" / "en" / "sample.large-print.pdf")
    # The large-print edition says which edition it is: in its title bar and on its first page.
    assert standard.metadata.title == "The example treatment"
    assert large.metadata.title == "The example treatment – large print"
    assert "Large-print edition" in large.pages[0].extract_text()


def sizes_of(page, text: str) -> set[float]:
    """Return the sizes, in points, of the runs of a page's text that hold ``text``."""
    sizes = set()

    def visit(run, matrix, text_matrix, font, size):
        if text in run:
            sizes.add(round(size * abs(matrix[0] * text_matrix[0] or 1), 1))

    page.extract_text(visitor_text=visit)
    return sizes


FIELDS = {  # name: label (the tooltip, /TU, a screen reader reads)
    "care_team": "Care team",
    "phone_to_call": "Number to call",
    "next_appointment": "Next appointment",
    "notes": "Notes",
}


@pytest.mark.parametrize("fmt", ["standard", "large-print"])
def test_the_care_team_block_has_named_labelled_tagged_fields_that_print_empty(config, fmt):
    [outcome] = build_leaflets(config, jobs=1, formats=[fmt], locales=["en"]).outcomes
    reader = PdfReader(config.root / outcome.output)
    fields = reader.get_fields()
    # The standard edition has no notes box: its questions page has lines to write on.
    expected = {name: label for name, label in FIELDS.items() if fmt != "standard" or name != "notes"}
    assert {name: str(field["/TU"]) for name, field in fields.items()} == expected
    assert all(field["/FT"] == "/Tx" and not field.get("/V") for field in fields.values()), "text, empty"
    widgets = [a.get_object() for page in reader.pages for a in page.get("/Annots", []) or []
               if a.get_object()["/Subtype"] == "/Widget"]
    assert sorted(str(w["/T"]) for w in widgets) == sorted(expected)
    assert all(w["/F"] & 4 for w in widgets), "printed"
    assert sorted(tagged_fields(reader)) == sorted(expected), "each field is a Form element of the structure tree"
    assert "For your care team to fill in" in pdf_text(config.root / outcome.output)
    # Two lines each, text that shrinks to fit: a full team name or appointment is never cut off.
    assert all(w["/Ff"] & 4096 and re.search(r" 0 Tf\b", str(w["/DA"])) for w in widgets), "multiline, auto size"
    assert all(abs(float(w["/Rect"][1]) - float(w["/Rect"][3])) >= 22 for w in widgets), "inside, 7.8 mm high or more"
    # The fields' font is a subset (not the whole font) that still has every letter a care team types.
    font = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
    [name] = {re.search(r" /?(\w+) 0 Tf", str(w["/DA"]))[1] for w in widgets}
    field_font = font["/" + name].get_object()
    assert re.match(r"/[A-Z]{6}\+", str(field_font["/BaseFont"])), "subset"
    descriptor = field_font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    embedded = TTFont(io.BytesIO(descriptor["/FontFile2"].get_data()))
    whole = TTFont(ROOT / "styles" / "fonts" / "atkinson-hyperlegible-next-latin-400-normal.woff2")
    assert drawn_glyphs(embedded) < drawn_glyphs(whole), "a subset, not the whole font"
    cmap = embedded.getBestCmap()
    typed = "Lundi 14 décembre 2026 à 9 h 30 – Hôpital Saint-Éloi, poste n° 1234 (Œ)"
    assert all(ord(char) in cmap and embedded["glyf"][cmap[ord(char)]].numberOfContours for char in typed
               if not char.isspace())


def drawn_glyphs(font) -> int:
    """Return how many glyphs of a font have an outline."""
    return sum(1 for name in font.getGlyphOrder() if font["glyf"][name].numberOfContours)


def tagged_fields(reader) -> list[str]:
    """Return the names of the form fields the structure tree holds as ``/Form`` elements."""
    found, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        element = stack.pop().get_object()
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        for kid in kids:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if not isinstance(kid, dict):
                continue
            if element.get("/S") == "/Form" and kid.get("/Type") == "/OBJR":
                found.append(str(kid["/Obj"].get_object()["/T"]))
            else:
                stack.append(kid)
    return found


URL = "https://www.example.org/leaflets/{locale}/{file}"


def test_no_online_url_no_qr_code(config):
    build_leaflets(config, jobs=1, locales=["en"])
    assert "online" not in pdf_text(config.root / "output" / "en" / "sample.pdf")


@pytest.mark.parametrize(("fmt", "url"), [
    ("standard", "https://www.example.org/leaflets/en/sample.pdf"),
    ("large-print", "https://www.example.org/leaflets/en/sample.large-print.pdf"),
])
def test_the_qr_code_on_the_last_page_leads_to_the_online_copy(config, fmt, url):
    config = set_formats(config, f'formats = ["standard"]\nonline-url = "{URL}"')
    [outcome] = build_leaflets(config, jobs=1, formats=[fmt], locales=["en"]).outcomes
    pdf = config.root / outcome.output
    last = " ".join(PdfReader(pdf).pages[-1].extract_text().replace("/\n", "/").split())
    assert f"The current version of this leaflet, online: {url.removeprefix('https://')}" in last
    assert decoded_qr_codes(pdf, len(PdfReader(pdf).pages)) == [url]
    assert f"QR code to the current version of this leaflet online: {url.removeprefix('https://')}" in figure_alts(pdf)


def test_the_qr_code_adds_no_page_to_the_hand_out(config):
    [without] = build_leaflets(config, jobs=1, locales=["en"]).outcomes
    config = set_formats(config, f'formats = ["standard"]\nonline-url = "{URL}"')
    [with_code] = build_leaflets(config, jobs=1, locales=["en"]).outcomes
    assert with_code.status == "built" and with_code.pages == without.pages


def figure_alts(pdf) -> list[str]:
    """Return the ``/Alt`` of every Figure of a PDF's structure tree."""
    found, stack = [], [PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        element = stack.pop().get_object()
        if element.get("/S") == "/Figure":
            found.append(str(element.get("/Alt", "")))
        kids = element.get("/K", [])
        stack += [kid for kid in (kids if isinstance(kids, list) else [kids]) if hasattr(kid, "get_object")
                  and isinstance(kid.get_object(), dict)]
    return found


def decoded_qr_codes(pdf, page: int) -> list[str]:
    """Return the text of every QR code a phone would read on ``page`` of ``pdf`` (poppler renders, zxing reads)."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    png = pdf.with_suffix(f".{page}.png")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf),
                    str(png.with_suffix(""))], check=True)
    return [code.text for code in zxingcpp.read_barcodes(Image.open(png))]


def test_the_qr_code_matrix_is_segnos_encoding_of_the_url(config):
    """The vector drawing, module by module: every dark module of segno's own encoding, and no other."""
    import segno

    from patient_leaflets.pipeline import leaflet_page

    config = set_formats(config, f'formats = ["standard"]\nonline-url = "{URL}"')
    html = leaflet_page(config, config.root / "leaflets" / "sample.yaml", "fr").rendered.html
    svg = re.search(r'<svg viewBox="0 0 (\d+) \1" class="qr-code">.*?<path stroke="#000" d="([^"]+)"', html).group(2)
    expected = segno.make("https://www.example.org/leaflets/fr/sample.pdf", error="m", micro=False)
    assert dark_modules(svg) == {(row + 4, col + 4) for row, line in enumerate(expected.matrix)
                                 for col, dark in enumerate(line) if dark}


def dark_modules(path: str) -> set[tuple[int, int]]:
    """Return the (row, column) of every module a segno SVG path draws (moves, then horizontal runs)."""
    x = y = 0.0
    dark = set()
    for command, numbers in re.findall(r"([Mmh])([-\d. ]+)", path.replace("m", " m").replace("h", " h")):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            dark |= {(int(y), int(x) + n) for n in range(int(values[0]))}
            x += values[0]
    return dark


@pytest.mark.slow  # the real leaflets, laid out
@pytest.mark.parametrize("locale", ["fr", "en"])
def test_no_box_of_the_real_leaflets_in_large_print_overflows_its_page(locale):
    """Every box of every page stays inside the page's content area (what the eye checked on the PNGs)."""
    from patient_leaflets.pipeline import leaflet_page

    config = load_config(ROOT)
    sources = config.leaflet_files()
    assert {source.stem for source in sources} == TREATMENTS
    for source in sources:
        html = leaflet_page(config, source, locale, fmt="large-print").rendered.html
        assert overflowing_boxes(config, html, ("leaflet.css", "large-print.css")) == [], source.name


def test_the_overflow_check_finds_a_word_too_long_for_the_line(config):
    from patient_leaflets.pipeline import leaflet_page

    html = leaflet_page(config, config.root / "leaflets" / "sample.yaml", "en", fmt="large-print").rendered.html
    html = html.replace("</h1>", "</h1><p>" + "x" * 80 + "</p>")
    assert [text for _, text in overflowing_boxes(config, html, ("leaflet.css", "large-print.css"))] == ["x" * 80]


def overflowing_boxes(config, html: str, stylesheets: tuple[str, ...]) -> list[tuple[int, str]]:
    """Lay out ``html`` as the build does and return (page, text) of every text box past the content area."""
    import weasyprint
    from weasyprint.formatting_structure import boxes

    from patient_leaflets.render.assets import asset_roots
    from patient_leaflets.render.pdf import AssetFetcher

    fetcher = AssetFetcher(asset_roots(config))
    css = [weasyprint.CSS(filename=str(config.path("styles") / name), url_fetcher=fetcher) for name in stylesheets]
    document = weasyprint.HTML(string=html, base_url=config.path("styles").as_uri() + "/", url_fetcher=fetcher)
    found = []
    for number, page in enumerate(document.render(stylesheets=css).pages, start=1):
        area = page._page_box
        right, bottom = area.content_box_x() + area.width, area.content_box_y() + area.height
        for root in (box for box in area.children if not isinstance(box, boxes.MarginBox)):
            found += [(number, box.text) for box in root.descendants() if isinstance(box, boxes.TextBox)
                      and (box.position_x + box.width > right + 0.5 or box.position_y + box.height > bottom + 0.5)]
    return found


@pytest.mark.slow  # a real leaflet
def test_large_print_lists_the_treatment_path_in_body_type_instead_of_drawing_it():
    """No small text drawn on coloured arrows in large print: the timeline's phases and steps are a list."""
    from patient_leaflets.pipeline import leaflet_page

    config = load_config(ROOT)
    source = config.root / "leaflets" / "chemotherapy.yaml"
    standard = leaflet_page(config, source, "en").rendered.html
    large = leaflet_page(config, source, "en", fmt="large-print").rendered.html
    assert '<figure class="timeline">' in standard and "<svg" in standard
    assert "timeline-graphic" in standard and "timeline-graphic" not in large
    path = re.search(r'<div class="timeline timeline-list">(.*?)</div>', large, re.S).group(1)
    assert re.findall(r"<dt>(\w+)</dt>", path) == ["Before", "During", "After"]
    assert "<li>Cycles of treatment and rest (often several months)</li>" in path
