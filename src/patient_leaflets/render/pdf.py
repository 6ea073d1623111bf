"""Render a leaflet's HTML to a tagged PDF with WeasyPrint: the PDF stage, and the only user of WeasyPrint.

WeasyPrint is imported here, at the top: importing it costs about 0.4 s, so only the build's workers import
this module, and only when a PDF must be rendered; an up-to-date build never pays for it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path

import pydyf
import weasyprint
import weasyprint.pdf as weasyprint_pdf
from fontTools.ttLib import TTFont
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags as weasyprint_tags
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse, path2url

from ..config import Config
from ..errors import Problem, RenderError
from ..files import ASSET, read_file, special_file_problems
from .assets import LINK_SCHEMES, asset_path, asset_roots, check_assets

STYLESHEET = "leaflet.css"
"""The stylesheet of every format; a format may add its own layers after it (``config.formats``)."""
PDF_VARIANT = "pdf/ua-1"


class Refused(FatalURLFetchingError):
    """A document asked for a resource outside the project's assets."""


class AssetFetcher(URLFetcher):
    """Serve only the project's own asset files; refuse every other file and every network URL."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.roots = [Path(root).resolve() for root in roots]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        """Return the asset file ``url`` names; raise Refused (which stops the render) for anything else."""
        path = self.asset_path(url)
        if path is None:
            self.refused.append(url)
            raise Refused(f"refused to load {url}: only files under {', '.join(map(str, self.roots))} may be used")
        try:
            body = read_file(path, str(path), ASSET)  # resolved, under the project's assets: no link left in it
        except RenderError as exc:
            self.refused.append(url)
            raise Refused(f"refused to load {url}: {exc}") from None
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=body, headers={"Content-Type": content_type})

    def asset_path(self, url: str) -> Path | None:
        """Return the asset file ``url`` names, or None when it is not one of the project's assets."""
        return asset_path(url, self.roots)


@dataclass(frozen=True)
class RenderedPDF:
    """A leaflet's PDF file, how many pages it has, and the texts that run off their page."""

    data: bytes
    pages: int
    overflows: tuple[tuple[int, str, bool], ...] = ()
    """``(page, text, in a table)`` for each element whose text runs past the page's content area once laid out."""


@dataclass(frozen=True)
class _Source:
    """A stylesheet file as read, known by its name and checksum (its bytes are not hashed again to find it)."""

    path: Path
    sha256: str
    data: bytes = field(compare=False, repr=False)


@dataclass(frozen=True)
class _Stylesheet:
    """Parsed stylesheets and the fonts they loaded, kept for every render of a process."""

    css: list[weasyprint.CSS]
    fonts: FontConfiguration


def render_pdf(html: str, config: Config, stylesheets: tuple[str, ...] = (STYLESHEET,)) -> RenderedPDF:
    """Return the PDF for a leaflet's HTML: A4, tagged (PDF/UA-1), fonts embedded, no network, no stray files.

    ``stylesheets`` are files of ``styles/``, in cascade order (a format's layer after the common stylesheet).

    Anything the HTML or CSS asks to load from outside ``styles/`` and ``templates/``, and any file it asks to
    embed or link to, stops the render with a RenderError naming the template or stylesheet line.
    """
    linked = special_file_problems(config.path("styles"), config.display)
    if linked:  # a link or a pipe among the stylesheets, fonts and pictures: named before anything is read
        raise RenderError(linked)
    files = tuple(_source(config, config.path("styles") / name) for name in stylesheets)
    roots = tuple(asset_roots(config))
    fetcher = AssetFetcher(list(roots))
    try:
        # Parse the CSS and load its fonts once per process, again only if a file changed.
        sheet = _stylesheet(files, roots)
        document = weasyprint.HTML(string=html, base_url=config.path("styles").as_uri() + "/", url_fetcher=fetcher)
        # render() then write_pdf() is what HTML.write_pdf() does, keeping the page count on the way.
        laid_out = document.render(stylesheets=sheet.css, font_config=sheet.fonts, pdf_variant=PDF_VARIANT)
        refused = _unsafe_links(laid_out)
        if refused:
            raise RenderError(check_assets(config) or [Problem.general(refused)])
        split = split_call_boxes(laid_out)
        if split:
            raise RenderError([Problem.general(message) for message in split])
        data = laid_out.write_pdf(pdf_variant=PDF_VARIANT, finisher=finish_pdf)
        return RenderedPDF(data, len(laid_out.pages), overflows(laid_out))
    except Refused as exc:
        # WeasyPrint does not say which file asked for the URL; the static check does, when it can.
        raise RenderError(check_assets(config) or [Problem.general(str(exc))]) from None


def _source(config: Config, path: Path) -> _Source:
    data = read_file(path, config.display(path), ASSET)
    return _Source(path, hashlib.sha256(data).hexdigest(), data)


@functools.lru_cache(maxsize=8)
def _stylesheet(files: tuple[_Source, ...], roots: tuple) -> _Stylesheet:
    """Return the stylesheets ``files`` holds (known by checksum, so that an edited file is parsed again)."""
    fonts = FontConfiguration()
    # The bytes as read, with the file's own address: what CSS(filename=…) would read and resolve against.
    css = [weasyprint.CSS(string=file.data, base_url=path2url(str(file.path)), url_fetcher=AssetFetcher(list(roots)),
                          font_config=fonts) for file in files]
    return _Stylesheet(css, fonts)


TOLERANCE = 1.0
"""CSS pixels a text may pass the content area by (rounding, a hanging quote) before it counts as running off."""


def overflows(document) -> tuple[tuple[int, str, bool], ...]:
    """Return ``(page, text, in a table)`` for what runs off its page's content area once laid out: a word or a
    chain of no-break spaces too long for the line, a table wider than the page (then the table's text)."""
    found: dict[tuple[int, str, bool], None] = {}
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left = page_box.content_box_x()
        for child in page_box.children:
            if not isinstance(child, boxes.MarginBox):
                for box in _running_off(child, left, left + page_box.width, None):
                    found[(number, _element_text(box), isinstance(box, boxes.TableBox))] = None
    return tuple(found)


def _running_off(box, left: float, right: float, table):
    """Yield each text box past ``left`` or ``right`` (or the table holding it)."""
    table = box if isinstance(box, boxes.TableBox) else table
    if isinstance(box, boxes.TextBox) and (box.position_x < left - TOLERANCE
                                           or box.position_x + box.width > right + TOLERANCE):
        yield table or box
    for child in getattr(box, "children", ()):
        yield from _running_off(child, left, right, table)


def _element_text(box) -> str:
    element = box.element
    return " ".join(" ".join(element.itertext()).split()) if element is not None else box.text


CALL_BOX = "urgent"
"""The class of the call-us box (``blocks.html.j2``): its heading, its warning signs and the number to call."""


def split_call_boxes(document) -> list[str]:
    """Say, for each call-us box laid out over more than one page, where it is split: a patient in a hurry must
    find the number to call with the signs it is for, so the build refuses such a PDF."""
    pages: dict[object, list[int]] = {}
    for number, page in enumerate(document.pages, start=1):
        for element in _call_boxes(page._page_box):
            pages.setdefault(element, []).append(number)
    return [f"the call-us box “{_heading(element)}” runs from page {found[0]} to page {found[-1]}: its heading, "
            "signs and number must stay on one page (shorten it, or fewer signs, so that it fits on a page)"
            for element, found in pages.items() if len(found) > 1]


def _call_boxes(box):
    """Yield the element of each call-us box with a part on this page."""
    element = box.element
    if element is not None and box.element_tag == "aside" and CALL_BOX in element.get("class", "").split():
        yield element
        return
    for child in getattr(box, "children", ()):
        yield from _call_boxes(child)


def _heading(element) -> str:
    heading = next((child for child in element if child.tag in ("h2", "h3")), element)
    return " ".join(" ".join(heading.itertext()).split())


def _unsafe_links(document) -> str:
    """Return what a rendered document would embed or link to that a leaflet must not, or an empty string."""
    targets = ['embedded file <link rel="attachment">' for _ in document.metadata.attachments]
    for page in document.pages:
        for link_type, target, _, _ in page.links:
            if link_type == "attachment":
                targets.append(f"embedded file {target}")
            elif link_type == "external" and not target.lower().startswith(LINK_SCHEMES):
                targets.append(f"link to {target}")
    return f"refused to write a PDF with {', '.join(targets)}: a leaflet embeds no files" if targets else ""


# What WeasyPrint's tagged PDF lacks, added as it writes the PDF (its internals: checked by tests/render/test_pdf_ua.py)

PX = 0.75
"""Points per CSS pixel: WeasyPrint lays pages out in CSS pixels, PDF user space is in points."""


def finish_pdf(document, pdf) -> None:
    """Complete the PDF before it is written: fields whose text shrinks to fit their box, figures' bounding boxes
    in PDF user space, table headers that say which cells they head."""
    for item in pdf.objects:
        if not isinstance(item, dict):
            continue
        if item.get("FT") == "/Tx" and "DA" in item:
            # Font size 0: the viewer shrinks a long entry to fit its box instead of cutting it off.
            item["DA"] = pydyf.String(re.sub(rb" [0-9.]+ Tf", b" 0 Tf", _bytes(item["DA"].string)))
        elif item.get("S") == "/Figure" and "BBox" in item.get("A", {}):
            item["A"]["BBox"] = _user_space(item["A"]["BBox"], _page_height(pdf, item["Pg"]))
        elif item.get("S") == "/TH":
            item["A"].setdefault("Scope", "/Column")


def _bytes(value) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()


def _page_height(pdf, reference) -> float:
    page = pdf.objects[int(_bytes(reference).split()[0])]
    return float(page["MediaBox"][3])


def _user_space(box, height: float) -> pydyf.Array:
    """Return a box WeasyPrint gives in CSS pixels from the page's top-left corner in PDF points from its bottom."""
    x1, y1, x2, y2 = (float(value) * PX for value in box)
    return pydyf.Array((round(x1, 2), round(height - y2, 2), round(x2, 2), round(height - y1, 2)))


_build_box_tree = weasyprint_tags._build_box_tree


def _build_box_tree_with_languages(box, parent, pdf, page_number, *args):
    """WeasyPrint's structure element of a box, with the ``/Lang`` of an element written in another language (a
    source title in English in a French leaflet, a passage left in French in a translation) and a header cell's
    ``/Scope``."""
    for element in _build_box_tree(box, parent, pdf, page_number, *args):
        html = getattr(box, "_box", box).element
        if html is not None and html.get("lang") and html.tag not in ("html", "body"):
            element["Lang"] = pydyf.String(html.get("lang"))
        if element.get("S") == "/TH" and html is not None and html.get("scope") in ("row", "col"):
            element["A"]["Scope"] = "/Row" if html.get("scope") == "row" else "/Column"
        yield element


weasyprint_tags._build_box_tree = _build_box_tree_with_languages  # its recursive calls come back through here


FIELD_CHARACTERS = "".join(chr(code) for code in (*range(0x20, 0x7F), *range(0xC0, 0x180))
                           if code not in (0xD7, 0xF7)) + "°«»·‘’“”–—…€"
"""What a care team types in a form field: Latin letters with their accents (French, and names from most European
languages), digits, punctuation (not Latin-1's symbols: ©, ¶, ½…)."""

_build_fonts_dictionary = weasyprint_pdf.build_fonts_dictionary


def _build_fonts_dictionary_with_field_subsets(pdf, fonts, compress, subset, options):
    """WeasyPrint embeds a form field's font whole, so that any letter typed shows: here that font is a subset
    too, of the letters the page uses and every one of ``FIELD_CHARACTERS`` (a whole font is a third of a PDF)."""
    for font in fonts.values():
        if subset and font.used_in_forms:
            _add_field_glyphs(font)
            font.used_in_forms = False
    return _build_fonts_dictionary(pdf, fonts, compress, subset, options)


def _add_field_glyphs(font) -> None:
    ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index)
    cmap, glyphs, units = ttfont.getBestCmap(), ttfont.getGlyphSet(), ttfont["head"].unitsPerEm
    for char in FIELD_CHARACTERS:
        name = cmap.get(ord(char))
        if name is not None:
            glyph = ttfont.getGlyphID(name)
            font.to_unicode.setdefault(glyph, char)
            font.widths.setdefault(glyph, round(glyphs[name].width * 1000 / units))


weasyprint_pdf.build_fonts_dictionary = _build_fonts_dictionary_with_field_subsets
