"""Render a leaflet's HTML to a tagged PDF with WeasyPrint: the PDF stage, and the only user of WeasyPrint.

WeasyPrint is imported here, at the top: importing it costs about 0.4 s, so only the build's workers import
this module, and only when a PDF must be rendered; an up-to-date build never pays for it.
"""

from __future__ import annotations

import functools
import hashlib
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path

import weasyprint
from weasyprint.formatting_structure import boxes
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
        return RenderedPDF(laid_out.write_pdf(pdf_variant=PDF_VARIANT), len(laid_out.pages), overflows(laid_out))
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
