"""Render a leaflet: Jinja2 templates to HTML, then WeasyPrint to a tagged PDF.

WeasyPrint is imported only when a PDF is actually rendered; an up-to-date build never pays for it.
"""

from __future__ import annotations

import functools
import hashlib
import mimetypes
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import __version__
from .config import Config
from .content import Leaflet
from .errors import RenderError
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


def make_environment(config: Config) -> Environment:
    """Return the Jinja2 environment: autoescaping, strict about undefined names, with the i18n extension."""
    env = Environment(
        loader=FileSystemLoader(config.path("templates")),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.filters["display_url"] = lambda url: url.removeprefix("https://").rstrip("/")
    return env


def render_html(leaflet: Leaflet, locale: str, config: Config, catalog=None, report: TranslationReport | None = None,
                env: Environment | None = None) -> RenderedHTML:
    """Return the HTML of a (translated) leaflet in ``locale``; template strings come from ``catalog``."""
    env = env or make_environment(config)
    report = report if report is not None else TranslationReport()
    where = f"{config.templates_dir}/{TEMPLATE}"
    translations = TemplateTranslations(catalog, config.source_locale, report, where)
    env.install_gettext_translations(translations, newstyle=True)
    region = config.region(locale)
    values = placeholder_values(config.institution, region, config.source_locale)
    typography = french_spacing if Locale.parse(region).language == "fr" else None
    source_typography = french_spacing if Locale.parse(config.source_locale).language == "fr" else None

    def rich(text: str) -> Markup:
        if isinstance(text, SourceText):
            inner = render_text(text, values, source_typography)
            return Markup('<span lang="{}" class="untranslated">{}</span>').format(
                config.source_locale.replace("_", "-"), inner)
        return render_text(text, values, typography)

    def plain(text: str) -> str:
        return render_text(text, values, typography).striptags()

    meta = leaflet.data["metadata"]
    context = {
        "doc": leaflet.data,
        "meta": meta,
        "leaflet_id": leaflet.id,
        "institution": config.institution,
        "values": values,
        "lang": region.replace("_", "-"),
        "source_lang": config.source_locale.replace("_", "-"),
        "dir": Locale.parse(region).character_order == "right-to-left" and "rtl" or "ltr",
        "published": format_day(meta["published"], region),
        "review_due": format_day(meta["review_due"], region),
        "version": __version__,
        "rich": rich,
        "plain": plain,
    }
    template = env.get_template(TEMPLATE)
    marked = None
    while True:
        draft = not report.is_complete or meta["status"] != "approved"
        if draft == marked:
            return RenderedHTML(html, draft)
        # The template's own missing strings are known only once it has run: render again to mark them.
        html = template.render(context, draft=draft, incomplete=not report.is_complete)
        marked = draft


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
            path = self.asset_path(url)
            if path is None:
                self.refused.append(url)
                raise Refused(f"refused to load {url}: only files under {', '.join(map(str, self.roots))} "
                              "may be used")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type})

        def asset_path(self, url: str) -> Path | None:
            """Return the asset file ``url`` names, or None when it is not one of the project's assets."""
            if not url.lower().startswith("file:"):
                return None
            path = Path(urllib.request.url2pathname(url.split("?")[0].split("#")[0].removeprefix("file:"))).resolve()
            if path.is_file() and any(path.is_relative_to(root) for root in self.roots):
                return path
            return None

    return weasyprint, FontConfiguration, AssetFetcher, Refused


def asset_fetcher(config: Config):
    """Return the URL fetcher every WeasyPrint call gets: project assets only."""
    _, _, AssetFetcher, _ = _weasyprint()
    return AssetFetcher([config.path("styles"), config.path("templates")])


@functools.lru_cache(maxsize=8)
def _stylesheet(stylesheet: Path, digest: str, roots: tuple):
    weasyprint, FontConfiguration, AssetFetcher, _ = _weasyprint()
    font_config = FontConfiguration()
    css = weasyprint.CSS(filename=str(stylesheet), url_fetcher=AssetFetcher(list(roots)), font_config=font_config)
    return css, font_config


def render_pdf(html: str, config: Config) -> bytes:
    """Return the PDF for a leaflet's HTML: A4, tagged (PDF/UA-1), fonts embedded, no network, no stray files."""
    weasyprint, _, _, Refused = _weasyprint()
    stylesheet = config.path("styles") / STYLESHEET
    roots = (config.path("styles"), config.path("templates"))
    # Parse the CSS and load its fonts once per process, again only if the file changed.
    digest = hashlib.sha256(stylesheet.read_bytes()).hexdigest()
    css, font_config = _stylesheet(stylesheet, digest, roots)
    document = weasyprint.HTML(string=html, base_url=config.path("styles").as_uri() + "/",
                               url_fetcher=asset_fetcher(config))
    try:
        return document.write_pdf(stylesheets=[css], font_config=font_config, pdf_variant=PDF_VARIANT)
    except Refused as exc:
        raise RenderError(str(exc)) from None
