"""Thumbnails of each PDF's first page, for the library page: small WebP files named by the PDF's checksum.

A PDF whose checksum has a thumbnail already is never opened again, so a library of hundreds of unchanged PDFs
costs a directory listing. pypdfium2 (PDFium, bundled in its wheel) renders the page; no system tool is needed.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from pathlib import Path

from ..files import OUTPUT, read_file, write_atomic

FOLDER = "thumbnails"
"""Where the thumbnails are, in the output folder."""
WIDTH = 240
"""Pixels: twice the width the page shows them at, sharp on high-density screens."""
SUFFIX = ".webp"

log = logging.getLogger(__name__)


def thumbnail_name(sha256: str) -> str:
    """Return the file name of the thumbnail of the PDF with this checksum."""
    return f"{sha256[:32]}{SUFFIX}"


def make_thumbnails(output: Path, pdfs: Iterable[tuple[Path, str]],
                    problems: list[str] | None = None) -> dict[str, str]:
    """Make the missing thumbnails of ``(pdf, sha256)`` pairs; remove those no PDF has any more.

    Return, for each checksum, the thumbnail's address relative to ``output`` (absent when the PDF could not be
    read: the page shows it without a picture, and ``problems`` says why).
    """
    folder = output / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    existing = {path.name for path in folder.glob(f"*{SUFFIX}")}
    made: dict[str, str] = {}
    for path, sha256 in pdfs:
        name = thumbnail_name(sha256)
        if name not in existing and name not in made.values():
            try:
                picture = render_thumbnail(path)
            except Exception as exc:  # a PDF PDFium cannot read: a page without its picture, not a failure
                log.info("no thumbnail for %s", path, exc_info=True)
                if problems is not None:
                    problems.append(f"no thumbnail for {path.relative_to(output).as_posix()}: {exc!r}")
                continue
            write_atomic(folder / name, picture)  # a full disk or a read-only folder: the library says so
        made[sha256] = name
    for name in existing - set(made.values()):
        (folder / name).unlink(missing_ok=True)
    return {sha256: f"{FOLDER}/{name}" for sha256, name in made.items()}


def render_thumbnail(path: Path, width: int = WIDTH) -> bytes:
    """Return the first page of the PDF at ``path`` as WebP bytes, ``width`` pixels wide."""
    import pypdfium2

    document = pypdfium2.PdfDocument(read_file(path, path.name, OUTPUT))  # a PDF the build wrote, not a link
    try:
        page = document[0]
        bitmap = page.render(scale=width / page.get_width())
        image = bitmap.to_pil()
        buffer = io.BytesIO()
        image.save(buffer, "WEBP", quality=75, method=6)
        page.close()
        return buffer.getvalue()
    finally:
        document.close()
