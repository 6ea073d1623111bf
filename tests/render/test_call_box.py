"""The call-us box is never split: its heading, its warning signs and the number to call are on one page, in every
PDF of every format and language (a patient in a hurry must find the number with the signs it is for). The build
refuses a PDF where they are not, for leaflets a hospital writes itself."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pypdf
import pytest

from conftest import copy_real_project
from patient_leaflets.building import build_leaflets
from patient_leaflets.config import load_config
from patient_leaflets.errors import RenderError
from patient_leaflets.render.pdf import render_pdf


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The real leaflets, built in every format and language, with the HTML each PDF was made from."""
    folder = copy_real_project(tmp_path_factory.mktemp("call-box") / "project")
    config = load_config(folder)
    report = build_leaflets(config, formats=["standard", "large-print"], keep_html=True, jobs=1)
    assert not report.failed, [outcome.error for outcome in report.failed]
    return [folder / outcome.output for outcome in report.outcomes]


class _CallBox(HTMLParser):
    """The texts of the call-us box of a leaflet's HTML: heading, each sign, the line with the number."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth or (tag == "aside" and "urgent" in classes):
            self.depth += 1
            if tag in ("h2", "h3", "li", "p"):
                self.parts.append([])

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.parts:
            self.parts[-1].append(data)


RIGHT_TO_LEFT = {"ar", "he", "fa", "ur"}


def _squeezed(text: str) -> str:
    return re.sub(r"[\s\u00ad-]+", "", text)


@pytest.mark.slow  # the real leaflets, built
def test_heading_signs_and_number_of_the_call_us_box_are_on_one_page_in_every_pdf(built):
    assert len(built) == 90  # 9 leaflets × 5 languages × 2 formats
    for pdf in built:
        parser = _CallBox()
        parser.feed(pdf.with_suffix(".html").read_text(encoding="utf-8"))
        texts = ["".join(part) for part in parser.parts if "".join(part).strip()]
        assert len(texts) >= 4, pdf  # heading, signs, the number
        if pdf.parent.name in RIGHT_TO_LEFT:
            # Extracted right-to-left lines may come out in another order, but each word as printed (pypdf reads
            # the content stream): each part is found by its longest word.
            parts = [max(text.split(), key=len).strip("،.:…") for text in texts]
            pages = [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages]
        else:
            parts = [_squeezed(text)[:40] for text in texts]
            pages = [_squeezed(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]
        found = {part: [number for number, text in enumerate(pages, start=1) if part in text] for part in parts}
        assert all(found.values()), (pdf, [part for part, where in found.items() if not where])
        assert set.intersection(*(set(where) for where in found.values())), (pdf, found)  # one page holds all


def test_a_build_refuses_a_pdf_whose_call_us_box_is_split(project):
    signs = "".join(f"<li>Signe numéro {number} : appelez sans attendre.</li>" for number in range(60))
    html = ('<html lang="fr"><head><title>Essai</title></head><body><h1>Essai</h1>'
            '<aside class="urgent" style="break-inside: auto"><h2>Appelez-nous si…</h2>'
            f'<ul>{signs}</ul><p class="call">Appelez le 01 42 11 42 11.</p></aside></body></html>')
    with pytest.raises(RenderError) as error:
        render_pdf(html, load_config(project))
    assert "the call-us box “Appelez-nous si…” runs from page 1 to page 2" in str(error.value)
