"""What templates and stylesheets may load: files under ``styles/`` and ``templates/``, nothing else.

The URL fetcher given to WeasyPrint (``render.pdf``) applies ``asset_path`` to every request and stops the render
on anything else, so a stylesheet can never reach the network or read a file outside the project.
``check_assets`` finds the same references beforehand, with the file and line that holds each one.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import tinycss2

from ..config import Config
from ..content.markup import LINK_SCHEMES as TEXT_LINK_SCHEMES
from ..errors import LeafletError, Problem
from ..files import ASSET, read_file, special_file_problems

LINK_SCHEMES = (*TEXT_LINK_SCHEMES, "#")
"""What a clickable link in a template may point to: what text may link to, and places in the document."""
TEMPLATE_SUFFIXES = (".j2", ".html", ".htm")

_OUTSIDE = ("Copy the file under styles/ and refer to it by a relative path; the build reads no other file and "
            "never the network")


def asset_roots(config: Config) -> list[Path]:
    """Return the folders whose files a leaflet may load."""
    return [config.path("styles").resolve(), config.path("templates").resolve()]


def asset_path(url: str, roots: list[Path]) -> Path | None:
    """Return the file an absolute ``file:`` URL names if it lies under one of ``roots``, else None."""
    if not url.lower().startswith("file:"):
        return None
    named = Path(urllib.request.url2pathname(url.split("?")[0].split("#")[0].removeprefix("file:")))
    path = named.resolve()
    if not named.is_symlink() and path.is_file() and any(path.is_relative_to(root) for root in roots):
        return path
    return None


def check_assets(config: Config) -> list[Problem]:
    """Return every reference in the templates and stylesheets to something other than a project asset."""
    roots = asset_roots(config)
    problems = [p for name in ("templates", "styles") for p in special_file_problems(config.path(name), config.display)]
    for path in sorted(config.path("styles").rglob("*.css")):
        text = _text(config, path, problems)
        problems += _css_problems(text, path.parent, roots, config.display(path)) if text is not None else []
    for path in sorted(p for p in config.path("templates").rglob("*") if p.suffix in TEMPLATE_SUFFIXES):
        text = _text(config, path, problems)
        if text is not None:
            scanner = _TemplateScanner(config.path("styles"), roots, config.display(path))
            scanner.feed(text)
            scanner.close()
            problems += scanner.problems
    return problems


def _text(config: Config, path: Path, problems: list[Problem]) -> str | None:
    """Return a template's or stylesheet's text, or None when it is refused (adding why, once, to ``problems``)."""
    try:
        return read_file(path, config.display(path), ASSET).decode("utf-8", errors="replace")
    except LeafletError as exc:
        problems += [problem for problem in exc.problems if problem not in problems]
        return None


def css_references(text: str) -> Iterator[tuple[int, int, str, str]]:
    """Yield ``(line, column, field, url)`` for each ``@import`` and ``url()`` in CSS (a sheet or a style attribute)."""
    tokens = list(_walk(tinycss2.parse_component_value_list(text, skip_comments=True)))
    field = "url()"
    for token in tokens:
        if token.type == "at-keyword" and token.lower_value == "import":
            field, line, column = "@import", token.source_line, token.source_column
            continue
        if token.type == "whitespace":
            continue
        url = token.value if field == "@import" and token.type == "string" else _url_of(token)
        if url is not None:
            if field == "url()":
                line, column = token.source_line, token.source_column
            yield line, column, field, url
        field = "url()"


def _url_of(token) -> str | None:
    if token.type == "url":
        return token.value
    if token.type == "function" and token.lower_name in ("url", "src"):
        return next((t.value for t in token.arguments if t.type == "string"), None)
    return None


def _walk(tokens) -> Iterator:
    for token in tokens:
        yield token
        inner = getattr(token, "content", None) or getattr(token, "arguments", None)
        if isinstance(inner, list):
            yield from _walk(inner)


def _css_problems(text: str, base: Path, roots: list[Path], display: str, first_line: int = 1) -> list[Problem]:
    problems = []
    for line, column, field, url in css_references(text):
        if not _is_loadable(url, base, roots):
            # In a template, columns would count from the start of the <style> element: leave them out.
            problems.append(Problem(display, line + first_line - 1, field, f"{url!r} is not a file under styles/ "
                                    "or templates/", _OUTSIDE, column if first_line == 1 else None))
    return problems


def _is_loadable(url: str, base: Path, roots: list[Path]) -> bool:
    url = url.strip()
    if not url or url.startswith("#"):  # a reference inside the document itself
        return True
    return asset_path(urllib.parse.urljoin(base.resolve().as_uri() + "/", url), roots) is not None


class _TemplateScanner(HTMLParser):
    """Find what an HTML template loads, embeds or links to; Jinja expressions are left alone."""

    def __init__(self, base: Path, roots: list[Path], display: str):
        super().__init__(convert_charrefs=True)
        self.base, self.roots, self.display = base, roots, display
        self.problems: list[Problem] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        line, offset = self.getpos()
        self.in_style = tag == "style"
        for name, value in attrs:
            if value is None or "{{" in value or "{%" in value:  # filled in from validated content
                continue
            field = f"<{tag} {name}>"
            if name == "rel" and "attachment" in value.lower().split():
                self._report(line, field, "embeds a file in the PDF", "A leaflet embeds no files; remove it")
            elif name == "style":
                self.problems += _css_problems(value, self.base, self.roots, self.display, line)
            elif self._loads(tag, name) and not _is_loadable(value, self.base, self.roots):
                self._report(line, field, f"{value!r} is not a file under styles/ or templates/", _OUTSIDE)
            elif name == "href" and tag in ("a", "area") and not value.lower().startswith(LINK_SCHEMES):
                self._report(line, field, f"link to {value!r}",
                             "Links can only start with https://, mailto:, tel: or #")

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.problems += _css_problems(data, self.base, self.roots, self.display, self.getpos()[0])

    @staticmethod
    def _loads(tag: str, name: str) -> bool:
        return name in ("src", "poster", "data") or (name == "href" and tag in ("link", "base", "image"))

    def _report(self, line: int, field: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.display, line, field, message, hint))
