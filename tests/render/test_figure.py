"""The figure block: panels drawn from the leaflet, translated, mirrored right to left, and tagged for screen
readers; a list in large print."""

from __future__ import annotations

import re
from pathlib import Path

from test_timeline import add_block, figure_alternatives, final_english_pdf

from conftest import ROOT
from patient_leaflets.config import load_config
from patient_leaflets.pipeline import leaflet_page
from patient_leaflets.render.figure import ICONS, figure_svg
from patient_leaflets.render.timeline import WIDTH, font_measure, look_of

FIGURE = """\
      - figure:
          caption: Trouvez votre médicament.
          panels:
            - {title: Tamoxifène, icon: pill, text: Un comprimé par jour., watch: Jambe gonflée.}
            - {title: Fulvestrant, icon: injection, text: Deux piqûres chaque mois.}
"""
ENGLISH = {"Trouvez votre médicament.": "Find your medicine.", "Tamoxifène": "Tamoxifen",
           "Un comprimé par jour.": "One tablet a day.", "Jambe gonflée.": "A swollen leg.",
           "Fulvestrant": "Fulvestrant", "Deux piqûres chaque mois.": "Two injections every month."}
ALT_EN = "Find your medicine. Tamoxifen: One tablet a day. A swollen leg. Fulvestrant: Two injections every month."


def add_figure(project: Path) -> None:
    """Give the sample a figure after its call-us box, translated into English."""
    add_block(project, FIGURE, ENGLISH)


def figure(config, locale: str, fmt: str = "standard") -> str:
    html = leaflet_page(config, config.root / "leaflets" / "sample.yaml", locale, fmt=fmt).rendered.html
    start = html.index('class="figure')
    return html[start:html.index("</figure>" if fmt == "standard" else "</div>", start)]


def draw(panels: list[dict], rtl: bool = False) -> str:
    stylesheet = ROOT / "styles" / "leaflet.css"
    return str(figure_svg({"caption": "x", "panels": panels}, "alt", str, font_measure(ROOT / "styles" / "fonts"),
                          look_of([(stylesheet, "styles/leaflet.css")]), rtl))


def test_a_figure_is_an_svg_of_the_translated_panels_under_a_caption_that_says_what_to_do(config, project):
    add_figure(project)
    english = figure(config, "en")
    assert re.match(r'class="figure">\s*<figcaption>Find your medicine.</figcaption>\s*<svg ', english)
    assert f"<title>{ALT_EN}</title>" in english
    drawn = re.findall(r"<text [^>]*>([^<]*)</text>", english)
    assert {"Tamoxifen", "One tablet a day.", "A swollen leg."} <= set(drawn)
    assert not any("comprimé" in text or "piqûres" in text for text in drawn), "no French left in English"
    # What to watch for is drawn bold in the stylesheet's urgent colour, after a warning sign.
    assert re.search(r'font-weight="700" fill="#a4001d"[^>]*>A swollen leg.</text>', english)
    french = figure(config, "fr")
    assert ("<title>Trouvez votre médicament. Tamoxifène : Un comprimé par jour. Jambe gonflée. Fulvestrant : "
            "Deux piqûres chaque mois.</title>") in french


def test_a_figure_in_large_print_is_a_list_in_body_type(config, project):
    add_figure(project)
    large = figure(config, "en", fmt="large-print")
    assert "<svg" not in large and "figure-graphic" not in large
    assert re.findall(r"<dt>([^<]*)</dt>", large) == ["Tamoxifen", "Fulvestrant"]
    assert "<dd>One tablet a day. <strong>A swollen leg.</strong></dd>" in large


def test_a_figure_in_a_right_to_left_page_is_a_list_and_its_alternative_text_has_no_markup(config, project):
    """WeasyPrint sets SVG text one character at a time from the left (Hebrew backwards, Arabic unjoined): a
    right-to-left page lists the panels. A new language's standard page still draws them, its /Alt in words."""
    from patient_leaflets.i18n.catalogs import init_catalog

    add_figure(project)
    init_catalog(config, "ar")
    init_catalog(config, "es")
    config = load_config(project)
    arabic = leaflet_page(config, config.root / "leaflets" / "sample.yaml", "ar").rendered.html
    assert '<div class="figure figure-list">' in arabic and "figure-graphic" not in arabic
    spanish = figure(config, "es")
    assert "<title>Trouvez votre médicament. Tamoxifène : Un comprimé par jour." in spanish
    assert "&lt;span" not in spanish and "<title><span" not in spanish


def test_panel_text_is_escaped_and_wrapped_within_its_panel():
    svg = draw([{"title": "A & B <c>", "text": "un texte assez long pour passer à la ligne dans un panneau " * 2},
                {"title": "Deux", "text": "Court."}])
    assert "A &amp; B &lt;c&gt;" in svg and "<c>" not in svg
    lines = re.findall(r'<text x="([\d.]+)"[^>]*>([^<]*)</text>', svg)
    assert len([x for x, text in lines if float(x) < WIDTH / 2]) > 3, "the long text is broken into lines"
    assert all(len(text) < 40 for _, text in lines)


def test_panels_follow_the_reading_order_right_to_left():
    panels = [{"title": "Premier", "text": "Un."}, {"title": "Second", "text": "Deux."}]
    left_to_right, right_to_left = draw(panels), draw(panels, rtl=True)

    def x_of(svg: str, text: str) -> float:
        return float(re.search(rf'<text x="([\d.]+)"[^>]*>{text}</text>', svg).group(1))

    assert x_of(left_to_right, "Premier") < x_of(left_to_right, "Second")
    assert x_of(right_to_left, "Premier") > x_of(right_to_left, "Second")
    assert 'direction="rtl"' in right_to_left and 'direction="rtl"' not in left_to_right


def test_three_panels_share_a_row_and_four_make_two_rows_of_two():
    def rows(count: int) -> int:
        svg = draw([{"title": f"P{n}", "text": "Un."} for n in range(count)])
        return len({match for match in re.findall(r'<text x="[\d.]+" y="([\d.]+)"[^>]*>P\d</text>', svg)})

    assert (rows(3), rows(4), rows(6)) == (1, 2, 2)


def test_every_figure_pictogram_draws_in_the_colour_it_is_given():
    for name, shapes in ICONS.items():
        assert "{c}" in shapes, name
        svg = draw([{"title": "Un", "text": "Un.", "icon": name}, {"title": "Deux", "text": "Deux."}])
        assert "{c}" not in svg and "href" not in svg


def test_the_figure_is_a_pdf_figure_with_alternative_text(config, project):
    add_figure(project)
    assert figure_alternatives(final_english_pdf(config, project)) == [ALT_EN]
