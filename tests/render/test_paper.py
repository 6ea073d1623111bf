"""Real leaflets as laid out on paper: 60 to 75 characters a line, no hyphenation, headings that never end on one
word, reference lists kept whole, the call-us box whole on page 1, four pages at most."""

from __future__ import annotations

import re
import statistics

import pytest
import weasyprint
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

from conftest import ROOT, TREATMENTS, copy_real_project
from patient_leaflets.config import load_config
from patient_leaflets.pipeline import leaflet_page
from patient_leaflets.render.assets import asset_roots
from patient_leaflets.render.pdf import STYLESHEET, AssetFetcher

pytestmark = pytest.mark.slow  # the real leaflets, laid out

LEAFLETS = [("chemotherapy", "fr"), ("chemotherapy", "en"), ("car-t-cell-therapy", "fr")]
EVERY_LEAFLET = [(leaflet, locale) for leaflet in sorted(TREATMENTS) for locale in load_config(ROOT).all_locales]
MEASURE = (60, 75)
"""Characters a full line of body text may hold (clear-print guidance)."""


@pytest.fixture(scope="module")
def real_project(tmp_path_factory):
    return load_config(copy_real_project(tmp_path_factory.mktemp("layout") / "project"))


@pytest.fixture(scope="module")
def layouts(real_project):
    """Return a function giving the pages of a real leaflet as WeasyPrint lays them out for its PDF, laid out once
    for the module (about 5 MB each; xdist's ``--dist loadfile`` keeps the module on one worker)."""
    laid_out: dict[tuple[str, str], list] = {}

    def pages_of(leaflet: str, locale: str) -> list:
        if (leaflet, locale) not in laid_out:
            laid_out[leaflet, locale] = _laid_out(real_project, leaflet, locale)
        return laid_out[leaflet, locale]

    return pages_of


@pytest.fixture(params=LEAFLETS, ids=["-".join(p) for p in LEAFLETS])
def pages(request, layouts):
    """The pages of a real leaflet as WeasyPrint lays them out for its PDF."""
    return layouts(*request.param)


def _laid_out(real_project, leaflet: str, locale: str) -> list:
    html = leaflet_page(real_project, real_project.root / "leaflets" / f"{leaflet}.yaml", locale).rendered.html
    fonts, fetcher = FontConfiguration(), AssetFetcher(asset_roots(real_project))
    css = weasyprint.CSS(filename=str(real_project.path("styles") / STYLESHEET), url_fetcher=fetcher,
                         font_config=fonts)
    document = weasyprint.HTML(string=html, base_url=real_project.path("styles").as_uri() + "/", url_fetcher=fetcher)
    return [page._page_box for page in document.render(stylesheets=[css], font_config=fonts).pages]


def test_full_lines_of_body_text_hold_60_to_75_characters(pages):
    """The measure of ragged-right text is its typical full line: most lines between 60 and 75 characters."""
    lengths = sorted(len(line.strip()) for classes, block in _blocks(pages, ("p", "li")) if "about" not in classes
                     for line in _lines(block)[:-1])  # a paragraph's last line ends where the text does
    assert len(lengths) > 30, "enough body text to measure"
    within = [n for n in lengths if MEASURE[0] <= n <= MEASURE[1]]
    assert len(within) >= 0.85 * len(lengths), lengths
    assert 64 <= statistics.median(lengths) <= 70
    assert lengths[-1] <= MEASURE[1] + 2, "a line may run a word's end past 75, never a word more"


def test_no_word_is_hyphenated(pages):
    for _, block in _blocks(pages, ("p", "li", "dd", "dt", "th", "td", "h1", "h2", "h3")):
        laid_out = re.sub(r"\s", "", "".join(_lines(block)))
        assert laid_out in re.sub(r"\s", "", "".join(block.element.itertext())), laid_out


def test_no_heading_ends_with_a_word_alone(layouts):
    """Every leaflet in every language: few headings run over two lines (9 in the 18 PDFs; one in the three
    leaflets of ``pages``), and a check of none would pass."""
    wrapped = [lines for leaflet in EVERY_LEAFLET for _, heading in _blocks(layouts(*leaflet), ("h1", "h2", "h3"))
               if len(lines := _lines(heading)) > 1]
    assert wrapped, "no heading of the leaflets runs over two lines: the test would check nothing"
    for lines in wrapped:
        assert len(lines[-1].split()) >= 2, lines


@pytest.mark.parametrize("part", ["contacts"])  # the second edition has no glossary: terms are explained in place
def test_glossary_and_contacts_are_never_split_across_pages(pages, part):
    found = {number for number, page in enumerate(pages)
             for classes, _ in _blocks([page], ("dl",)) if part in classes}
    assert len(found) == 1, f"the {part} list is on pages {sorted(found)}"


@pytest.mark.parametrize(("leaflet", "locale"), EVERY_LEAFLET, ids=["-".join(p) for p in EVERY_LEAFLET])
def test_the_call_us_box_is_whole_on_page_1_under_the_key_points(layouts, leaflet, locale):
    """The box a patient looks for in a hurry: on the cover, in one piece, and the leaflet still fits one folded A3
    sheet. Laid out as a fresh clone builds it, a draft: its notice takes room on page 1 that a final PDF has free."""
    pages = layouts(leaflet, locale)
    found = [number + 1 for number, page in enumerate(pages)
             for classes, _ in _blocks([page], ("aside",)) if "urgent" in classes]
    assert found == [1], f"the call-us box is on pages {found}"  # one box, not split across two pages
    body = next(box for box in pages[0].descendants() if box.element_tag == "body")
    order = [(box.element_tag, box.element.get("class")) for box in body.children]
    assert order[order.index(("aside", "urgent")) - 1] == ("section", "key-points")
    assert len(pages) <= 4


def _blocks(roots, tags, classes=()):
    """Yield ``(classes of the element and its ancestors, box)`` for each box of an element named in ``tags``."""
    for box in roots:
        own = classes
        if box.element is not None and "::" not in (box.element_tag or ""):
            own = classes + tuple((box.element.get("class") or "").split())
        if box.element_tag in tags:
            yield own, box
        elif isinstance(box, boxes.ParentBox):
            yield from _blocks(box.children, tags, own)


def _lines(block) -> list[str]:
    """Return the text of each line of a block, list markers left out."""
    if isinstance(block, boxes.LineBox):
        return [_text(block)]
    return [line for child in getattr(block, "children", [])
            if isinstance(child, boxes.BlockContainerBox | boxes.LineBox) for line in _lines(child)]


def _text(box) -> str:
    if isinstance(box, boxes.TextBox):
        return box.text
    if (box.element_tag or "").endswith("::marker"):
        return ""
    return "".join(_text(child) for child in getattr(box, "children", []))
