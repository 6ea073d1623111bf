"""Render a leaflet: Jinja2 templates to HTML, then WeasyPrint to a tagged PDF.

WeasyPrint is imported only when a PDF is actually rendered; an up-to-date build never pays for it.
"""

from __future__ import annotations

import functools
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from jinja2 import (Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound,
                    TemplateSyntaxError)
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from . import __version__
from .assets import LINK_SCHEMES, asset_path, asset_roots, check_assets
from .checkers import rules_for
from .config import Config
from .content import Leaflet
from .errors import Problem, RenderError
from .localize import format_day, placeholder_values
from .markup import french_spacing, render_text
from .translate import SourceText, TemplateTranslations, TranslationReport

TEMPLATE = "leaflet.html.j2"
STYLESHEET = "leaflet.css"
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class RenderedHTML:
    """A leaflet as HTML, and whether it must be marked as a draft."""

    html: str
    draft: bool
    approved: bool
    """Whether the content's status is approved (a draft may also come from translation gaps)."""


def make_environment(config: Config) -> Environment:
    """Return the Jinja2 environment: sandboxed, autoescaping, strict about undefined names, with i18n."""
    return _environment(config.path("templates"))


@functools.lru_cache(maxsize=4)
def _environment(templates: Path) -> Environment:
    # One per process: templates compile once; Jinja2 still notices when a template file changes. Sandboxed: a
    # template can reach no Python internals (cycler.__init__.__globals__.os…), so editing one runs no command.
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.filters["display_url"] = lambda url: url.removeprefix("https://").rstrip("/")
    return env


def render_html(leaflet: Leaflet, locale: str, config: Config, catalog=None,
                report: TranslationReport | None = None, shared: Leaflet | None = None) -> RenderedHTML:
    """Return the HTML of a (translated) leaflet in ``locale``; template strings come from ``catalog``.

    ``shared`` holds the sections every leaflet ends with (``leaflets/_shared.yaml``, translated).
    Template strings missing from the catalog are added to ``report``; any gap makes the leaflet a draft.
    """
    report = report if report is not None else TranslationReport()
    env = make_environment(config)
    where = f"{config.templates_dir}/{TEMPLATE}"
    translations = TemplateTranslations(catalog, config.source_locale, report, where, rules_for(config, locale))
    env.install_gettext_translations(translations, newstyle=True)
    context = _context(leaflet, config.region(locale), config)
    context["shared_sections"] = shared.data["sections"] if shared else []
    approved = leaflet.data["metadata"]["status"] == "approved"
    incomplete = not report.is_complete
    try:
        template = env.get_template(TEMPLATE)
        html = template.render(context, draft=incomplete or not approved, incomplete=incomplete)
        if not incomplete and not report.is_complete:
            # The template's own missing strings are known only once it has run: render again to mark them.
            incomplete = True
            html = template.render(context, draft=True, incomplete=True)
    except TemplateError as exc:
        raise RenderError([_template_problem(exc, config)]) from None
    return RenderedHTML(html, incomplete or not approved, approved)


def _template_problem(exc: TemplateError, config: Config) -> Problem:
    """Return a template error as ``templates/x.html.j2:12: message``, from the deepest template frame."""
    folder = config.path("templates").resolve()
    where, line = f"{config.templates_dir}/{TEMPLATE}", None
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        where, line = _relative_template(exc.filename, folder, config), exc.lineno
    else:
        traceback = exc.__traceback__
        while traceback is not None:
            filename = traceback.tb_frame.f_code.co_filename
            if Path(filename).resolve().is_relative_to(folder):
                where, line = _relative_template(filename, folder, config), traceback.tb_lineno
            traceback = traceback.tb_next
    message = exc.message or type(exc).__name__
    if isinstance(exc, TemplateNotFound):
        message = f"template {exc.name!r} not found; templates can only use files under {config.templates_dir}/"
    return Problem(where, line, "", message)


def _relative_template(filename: str, folder: Path, config: Config) -> str:
    try:
        return f"{config.templates_dir}/{Path(filename).resolve().relative_to(folder)}"
    except ValueError:
        return filename


def _context(leaflet: Leaflet, region: str, config: Config) -> dict:
    values = placeholder_values(config.institution, region, config.source_locale)
    meta = leaflet.data["metadata"]
    rich, plain = _text_filters(values, region, config.source_locale)
    return {
        "doc": leaflet.data,
        "meta": meta,
        "leaflet_id": leaflet.id,
        "institution": config.institution,
        "values": values,
        "lang": region.replace("_", "-"),
        "source_lang": config.source_locale.replace("_", "-"),
        "dir": "rtl" if Locale.parse(region).character_order == "right-to-left" else "ltr",
        "published": format_day(meta["published"], region),
        "review_due": format_day(meta["review_due"], region),
        "version": __version__,
        "rich": rich,
        "plain": plain,
    }


def _text_filters(values: dict[str, Markup], region: str, source_locale: str):
    """Return ``rich`` (leaflet text to HTML) and ``plain`` (to text, for metadata and running heads)."""

    def typography(locale: str):
        return french_spacing if Locale.parse(locale).language == "fr" else None

    def rich(text: str) -> Markup:
        if isinstance(text, SourceText):  # shown in the source language: say so, for readers and hyphenation
            inner = render_text(text, values, typography(source_locale))
            return Markup('<span lang="{}" class="untranslated">{}</span>').format(
                source_locale.replace("_", "-"), inner)
        return render_text(text, values, typography(region))

    def plain(text: str) -> str:
        return rich(text).striptags()

    return rich, plain


def css_string(value) -> Markup:
    """Return ``value`` as a CSS string literal; U+E000/U+E001 become the page and pages counters.

    Text from catalogs is untrusted: every character that could end the string or the style element is
    escaped, so a translation cannot add CSS rules.
    """
    text = Markup(value).striptags() if isinstance(value, Markup) else str(value)
    out = ['"']
    for char in text:
        if char == "\ue000":
            out.append('" counter(page) "')
        elif char == "\ue001":
            out.append('" counter(pages) "')
        elif char.isalnum() or char in " .,:;!?()'’-–·/%" or ord(char) > 0x7F and char.isprintable():
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x}")
    out.append('"')
    return Markup("".join(out))


@functools.lru_cache(maxsize=None)
def _weasyprint():
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class Refused(FatalURLFetchingError):
        """A document asked for a resource outside the project's assets."""

    class AssetFetcher(URLFetcher):
        """Serve only the project's own asset files; refuse every other file and every network URL."""

        def __init__(self, roots: list[Path]):
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.roots = [Path(root).resolve() for root in roots]
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            path = asset_path(url, self.roots)
            if path is None:
                self.refused.append(url)
                raise Refused(f"refused to load {url}: only files under {', '.join(map(str, self.roots))} "
                              "may be used")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type})

        def asset_path(self, url: str) -> Path | None:
            """Return the asset file ``url`` names, or None when it is not one of the project's assets."""
            return asset_path(url, self.roots)

    return weasyprint, FontConfiguration, AssetFetcher, Refused


def load_weasyprint() -> None:
    """Import WeasyPrint now (about 0.4 s), so that a leaflet's render time does not include it."""
    _weasyprint()


def asset_fetcher(config: Config):
    """Return the URL fetcher every WeasyPrint call gets: project assets only."""
    _, _, AssetFetcher, _ = _weasyprint()
    return AssetFetcher(asset_roots(config))


@functools.lru_cache(maxsize=8)
def _stylesheet(stylesheet: Path, digest: str, roots: tuple):
    weasyprint, FontConfiguration, AssetFetcher, _ = _weasyprint()
    font_config = FontConfiguration()
    css = weasyprint.CSS(filename=str(stylesheet), url_fetcher=AssetFetcher(list(roots)), font_config=font_config)
    return css, font_config


@dataclass(frozen=True)
class RenderedPDF:
    """A leaflet's PDF file, and how many pages it has."""

    data: bytes
    pages: int


def render_pdf(html: str, config: Config) -> bytes:
    """Return the PDF for a leaflet's HTML: A4, tagged (PDF/UA-1), fonts embedded, no network, no stray files.

    Anything the HTML or CSS asks to load from outside ``styles/`` and ``templates/``, and any file it asks to
    embed or link to, stops the render with a RenderError naming the template or stylesheet line.
    """
    return render_document(html, config).data


def render_document(html: str, config: Config) -> RenderedPDF:
    """Return the PDF for a leaflet's HTML with its page count (see ``render_pdf``)."""
    weasyprint, _, _, Refused = _weasyprint()
    stylesheet = config.path("styles") / STYLESHEET
    roots = tuple(asset_roots(config))
    # Parse the CSS and load its fonts once per process, again only if the file changed.
    digest = hashlib.sha256(stylesheet.read_bytes()).hexdigest()
    try:
        css, font_config = _stylesheet(stylesheet, digest, roots)
        document = weasyprint.HTML(string=html, base_url=config.path("styles").as_uri() + "/",
                                   url_fetcher=asset_fetcher(config))
        # render() then write_pdf() is what HTML.write_pdf() does, keeping the page count on the way.
        laid_out = document.render(stylesheets=[css], font_config=font_config, pdf_variant=PDF_VARIANT)
        refused = _unsafe_links(laid_out)
        if refused:
            raise RenderError(check_assets(config) or refused)
        return RenderedPDF(laid_out.write_pdf(pdf_variant=PDF_VARIANT), len(laid_out.pages))
    except Refused as exc:
        # WeasyPrint does not say which file asked for the URL; the static check does, when it can.
        raise RenderError(check_assets(config) or str(exc)) from None


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
