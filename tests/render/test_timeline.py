"""The timeline block and the pictograms: drawn from the leaflet, translated, and tagged for screen readers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from conftest import ROOT, approve
from patient_leaflets.building import build_leaflets
from patient_leaflets.config import load_config
from patient_leaflets.content.schema import PICTOGRAMS
from patient_leaflets.errors import RenderError
from patient_leaflets.pipeline import leaflet_page
from patient_leaflets.render.timeline import LABEL_SIZE, TEXT_X, WIDTH, Drawing, font_measure, look_of

TIMELINE = """\
      - timeline:
          before:
            - {label: Consultation, duration: 1 heure}
          during:
            - {label: Une séance par jour, duration: 5 semaines}
            - label: Bilan à mi-parcours
          after:
            - label: Rendez-vous de suivi
"""
ENGLISH = {"Consultation": "Appointment", "1 heure": "1 hour", "Une séance par jour": "One session a day",
           "5 semaines": "5 weeks", "Bilan à mi-parcours": "Check-up halfway through",
           "Rendez-vous de suivi": "Follow-up appointment"}
ALT_EN = ("Before: Appointment (1 hour). During: One session a day (5 weeks) and Check-up halfway through. "
          "After: Follow-up appointment.")


def add_timeline(project: Path, block: str = TIMELINE) -> None:
    """Give the sample a timeline after its call-us box, translated into English."""
    add_block(project, block, ENGLISH)


def add_block(project: Path, block: str, english: dict[str, str]) -> None:
    """Give the sample ``block`` after its call-us box, with the English of its texts."""
    sample = project / "leaflets" / "sample.yaml"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("            - Vous saignez.\n", "            - Vous saignez.\n" + block),
                      encoding="utf-8")
    with open(project / "translations" / "en" / "LC_MESSAGES" / "leaflets.po", "a", encoding="utf-8") as po:
        po.writelines(f'\nmsgid "{french}"\nmsgstr "{text}"\n' for french, text in english.items())


def figure(config, locale: str) -> str:
    html = leaflet_page(config, config.root / "leaflets" / "sample.yaml", locale).rendered.html
    return html[html.index('<figure class="timeline">'):html.index("</figure>")]


def test_timeline_is_an_svg_drawn_from_the_translated_steps(config, project):
    add_timeline(project)
    english = figure(config, "en")
    assert re.search(r"<svg [^>]*viewBox=", english) and "<figcaption>" not in english
    assert f"<title>{ALT_EN}</title>" in english
    drawn = re.findall(r"<text [^>]*>([^<]*)</text>", english)
    assert {"Before", "During", "After", "Appointment", "1 hour", "5 weeks"} <= set(drawn)
    assert not any("Consultation" in text or "séance" in text for text in drawn), "no French left in English"
    french = figure(config, "fr")
    assert "<title>Avant : Consultation (1 heure). Pendant : Une séance par jour (5 semaines) et Bilan à " \
           "mi-parcours. Après : Rendez-vous de suivi.</title>" in french


def test_phase_names_left_in_french_are_drawn_as_words_not_markup(config, project):
    """In a new language, the arrows' names fall back to French: the arrow shows "Avant", not the fallback's
    <span lang="fr" …> markup, and the figure's text read out says it the same way."""
    from patient_leaflets.i18n.catalogs import init_catalog

    add_timeline(project)
    init_catalog(config, "es")
    spanish = figure(load_config(project), "es")
    drawn = re.findall(r"<text [^>]*>([^<]*)</text>", spanish)
    assert {"Avant", "Pendant", "Après"} <= set(drawn)
    assert "span" not in spanish[spanish.index("<svg"):] and "&lt;" not in spanish
    assert "<title>Avant : Consultation (1 heure). Pendant :" in spanish


def test_right_to_left_pages_show_the_timeline_as_a_list(config, project):
    """WeasyPrint lays out SVG text one character at a time from the left: Hebrew would read backwards and Arabic
    letters would not join. Right-to-left pages get the path as the list large print has, in HTML text."""
    from patient_leaflets.i18n.catalogs import init_catalog

    add_timeline(project)
    init_catalog(config, "ar")
    html = leaflet_page(load_config(project), project / "leaflets" / "sample.yaml", "ar").rendered.html
    assert '<div class="timeline timeline-list">' in html and "timeline-graphic" not in html
    assert "<dt><span lang=\"fr\" dir=\"ltr\" class=\"untranslated\">Avant</span></dt>" in html.replace(
        '<dt lang="fr" dir="ltr">', "<dt>")


def test_a_timeline_caption_is_shown_above_the_graphic(config, project):
    caption = "      - timeline:\n          caption: Votre parcours\n"
    add_timeline(project, TIMELINE.replace("      - timeline:\n", caption))
    assert re.match(r'<figure class="timeline">\s*<figcaption>Votre parcours</figcaption>\s*<svg ',
                    figure(config, "fr"))


def test_timeline_text_is_escaped_in_the_svg(config, project):
    add_timeline(project, TIMELINE.replace("label: Bilan à mi-parcours",
                                           'label: "Bilan & prise de sang <2 h> \\"ok\\""'))
    french = figure(config, "fr")
    assert "<text" in french and "Bilan &amp; prise de sang &lt;2 h&gt; &#34;ok&#34;" in french
    assert "<2 h>" not in french


def test_the_timeline_is_drawn_in_the_stylesheets_colours_and_fonts(config, project):
    """The stylesheet's :root is the one home of the colours: change the accent there and the drawing follows."""
    add_timeline(project)
    before = figure(config, "fr")
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="timeline-graphic" role="img" viewBox="0 0 150 ' in before
    stack = "Atkinson Hyperlegible Next, Noto Naskh Arabic, Noto Sans Hebrew, Noto Sans CJK SC, sans-serif"
    assert f'font-family="{stack}">' in before
    assert 'fill="#1c3f77"' in before and 'fill="#e8eef8"' in before and 'fill="#111111"' in before
    assert 'font-weight="700" fill="#ffffff"' in before  # the phases' names, on their arrows
    stylesheet = project / "styles" / "leaflet.css"
    css = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(css.replace("--accent: #1c3f77;", "--accent: #7a1f5c;")
                          .replace('--font-family: "Atkinson Hyperlegible Next",', '--font-family: "Noto Sans 2",'),
                          encoding="utf-8")
    after = figure(config, "fr")
    assert "#1c3f77" not in after
    assert after == before.replace("#1c3f77", "#7a1f5c").replace(
        'font-family="Atkinson Hyperlegible Next,', 'font-family="&#34;Noto Sans 2&#34;,')


def test_a_colour_the_timeline_needs_missing_from_the_stylesheet_is_named(config, project):
    add_timeline(project)
    stylesheet = project / "styles" / "leaflet.css"
    css = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(css.replace("  --paper: #ffffff;\n", ""), encoding="utf-8")
    root = css[:css.index(":root {")].count("\n") + 1
    with pytest.raises(RenderError) as info:
        figure(config, "fr")
    assert str(info.value) == (f"styles/leaflet.css:{root}: --paper: missing: the timeline graphic is drawn with it. "
                               "Declare it in the :root rule, beside the other colours")


def test_timeline_labels_wrap_within_their_column():
    measure = font_measure(ROOT / "styles" / "fonts")
    stylesheet = ROOT / "styles" / "leaflet.css"
    drawing = Drawing(measure, rtl=False, look=look_of([(stylesheet, "styles/leaflet.css")]))
    room = WIDTH / 3 - TEXT_X - 1.5
    lines = drawing.wrap("Consultation d’annonce avec votre médecin et l’infirmière", room, bold=False)
    assert len(lines) > 1
    assert all(measure(line, False) * LABEL_SIZE <= room for line in lines)
    assert drawing.wrap("anticonstitutionnellement" * 3, room, False) == ["anticonstitutionnellement" * 3]


def test_chinese_labels_wrap_between_characters_never_before_a_full_width_comma():
    """Chinese has no spaces: a label broken only at spaces ran out of its panel, cut off (zh_Hans figures)."""
    measure = font_measure(ROOT / "styles" / "fonts")
    stylesheet = ROOT / "styles" / "leaflet.css"
    drawing = Drawing(measure, rtl=False, look=look_of([(stylesheet, "styles/leaflet.css")]))
    room = WIDTH / 3 - TEXT_X - 1.5
    text = "每个月一针，每3个月或每6个月一针，用于让卵巢休息。"
    lines = drawing.wrap(text, room, bold=False)
    assert len(lines) > 1
    assert "".join(lines) == text
    assert all(measure(line, False) * LABEL_SIZE <= room for line in lines)
    assert not any(line.startswith(("，", "。")) for line in lines)


def test_the_timeline_is_a_figure_with_alternative_text_and_pictograms_are_artifacts(config, project):
    """PDF/UA: an image that informs is a Figure with /Alt; one beside text that says the same is an artifact."""
    add_timeline(project)
    reader = final_english_pdf(config, project)
    assert figure_alternatives(reader) == [ALT_EN]
    drawn = [tags for page in reader.pages for tags in _drawings(page, reader)]
    assert all("/Artifact" in tags or "/Figure" in tags for tags in drawn), drawn
    # The thermometer by a key point, the warning triangle and the phone of the call-us box.
    assert sum("/Artifact" in tags for tags in drawn) == 3


def test_every_pictogram_has_a_drawing_and_a_style():
    css = (ROOT / "styles" / "leaflet.css").read_text(encoding="utf-8")
    for name in PICTOGRAMS:
        svg = (ROOT / "styles" / "pictograms" / f"{name}.svg").read_text(encoding="utf-8")
        assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"')
        assert "href" not in svg, "a pictogram loads nothing"
        assert f'.pictogram-{name}::before {{ background-image: url("pictograms/{name}.svg"); }}' in css


def final_english_pdf(config, project: Path) -> PdfReader:
    """Approve the sample as it is now, build its English PDF (a final one, not a draft) and open it."""
    approve(project, "sample", translated=True)
    report = build_leaflets(config, locales=["en"], jobs=1)
    assert [(o.status, o.draft) for o in report.outcomes] == [("built", False)]
    return PdfReader(project / "output" / "en" / "sample.pdf")


def figure_alternatives(reader: PdfReader) -> list[str]:
    """Return the alternative text of every Figure of a tagged PDF, in order."""
    return [str(element.get("/Alt")) for element in _structure(reader.trailer["/Root"]["/StructTreeRoot"])
            if element["/S"] == "/Figure"]


def _structure(node):
    """Yield every structure element under ``node``."""
    node = node.get_object()
    if isinstance(node, list):
        for kid in node:
            yield from _structure(kid)
        return
    if not hasattr(node, "get"):
        return
    if "/S" in node:
        yield node
    kids = node.get("/K")
    if kids is not None and not isinstance(kids, int):
        yield from _structure(kids)


def _drawings(page, reader):
    """Yield the marked-content tags around each image or form a page draws."""
    stack = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator in (b"BMC", b"BDC"):
            stack.append(str(operands[0]))
        elif operator == b"EMC":
            stack.pop()
        elif operator == b"Do":
            yield tuple(stack)


def test_a_new_language_draws_the_untranslated_phase_names_as_text_not_markup(config, project):
    from patient_leaflets.config import load_config
    from patient_leaflets.i18n.catalogs import init_catalog

    add_timeline(project)
    init_catalog(config, "es")
    spanish = figure(load_config(project), "es")
    assert "&lt;span" not in spanish and "untranslated" not in spanish.split("<svg", 1)[1], spanish
    drawn = re.findall(r"<text [^>]*>([^<]*)</text>", spanish)
    assert {"Avant", "Pendant", "Après", "Consultation"} <= set(drawn)
    title = re.search(r"<title>([^<]*)</title>", spanish).group(1)
    assert title.startswith("Avant") and "Consultation" in title, title
