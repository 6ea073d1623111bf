"""Render a (translated) leaflet to HTML with the project's Jinja2 templates: the HTML stage, Jinja2 only.

Templates run sandboxed and autoescaped; leaflet text reaches them through ``rich`` (inline markup to safe
HTML) and template strings through the same translation rules as leaflet text.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.lists import format_list as babel_format_list
from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from .._version import __version__
from ..config import Config, Language
from ..config.formats import FORMATS, STANDARD
from ..config.language import direction_of
from ..content.leaflet import Leaflet
from ..content.markup import french_spacing, render_text
from ..content.placeholders import printed_url
from ..errors import LeafletError, Problem, RenderError
from ..files import ASSET, read_file
from ..i18n.checks.checkers import rules_for
from ..i18n.translate import SourceText, TemplateTranslations, TranslationReport
from .bidi import fallback_blocks, isolate_left_to_right
from .css_text import COUNTERS, css_content, css_string, margin_box
from .editions import format_context, svg_with_title
from .figure import figure_svg
from .localize import localized_day, localized_placeholders
from .template_strings import template_locations
from .timeline import as_text, font_measure, look_of, timeline_svg
from .typography import keep_together, last_words_together, printed_addresses

TEMPLATE = "leaflet.html.j2"


@dataclass(frozen=True)
class VerdictView:
    """What a page prints about the approval of its text or its translation."""

    state: str
    """``approved``, ``not approved``, ``changed`` or ``edited``."""
    approved: bool
    count: int
    """How many messages changed since the approval."""
    date: str
    """The day of the approval, as the page's language writes it; empty when there is none."""
    people: dict[str, list[str]]
    """The names by role (``clinical``, ``patient``; ``translator``, ``reviewer``), empty unless approved."""


@dataclass(frozen=True)
class ApprovalView:
    """What a page prints about its approval (``approval`` in the templates): the draft notice, who approved."""

    approved: bool
    """Whether the text and its translation are approved as they are (a draft may also come from gaps)."""
    source: VerdictView
    translation: VerdictView | None = None
    """None in the source language."""
    layout: bool = True
    """Whether the look of the leaflet (templates, styles, pictograms, fonts) is approved as it is."""
    version: str = ""
    """The version the approval names (the translation's in a translated page); empty unless approved."""
    published: str = ""
    """The day of that approval, as the page's language writes it: the date the page prints as its publication."""


NOT_APPROVED = ApprovalView(False, VerdictView("not approved", False, 0, "", {"clinical": [], "patient": []}))
"""What a page says about its approval when nobody approved it."""


@dataclass(frozen=True)
class RenderedHTML:
    """A leaflet as HTML, and whether it must be marked as a draft."""

    html: str
    draft: bool
    approved: bool
    """Whether the text and its translation are approved as they are (a draft may also come from gaps)."""


@functools.lru_cache(maxsize=4)
def make_environment(templates: Path) -> Environment:
    """Return the Jinja2 environment: sandboxed, autoescaping, strict about undefined names, with i18n.

    One per process and folder: templates compile once; Jinja2 still notices when a template file changes.
    Sandboxed: a template can reach no Python internals (``cycler.__init__.__globals__.os…``), so editing one
    runs no command.
    """
    env = ImmutableSandboxedEnvironment(
        loader=_ConfinedLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.filters["css_content"] = css_content
    env.filters["margin_box"] = margin_box
    env.filters["format_list"] = format_list
    env.filters["names_list"] = names_list
    env.filters["printed_url"] = printed_url
    env.filters["language_name"] = language_name
    env.filters["direction"] = direction_of
    # An attribute (alt, aria-label, data-…) holds words only: a fallback's <span lang=…> would be printed there.
    env.filters["words"] = as_text
    env.filters["heading"] = last_words_together
    env.filters["keep_together"] = lambda text: keep_together(escape(text))
    env.filters["with_title"] = svg_with_title
    return env


class _ConfinedLoader(FileSystemLoader):
    """Load templates from their folder only, read as every project file is (``files.read_file``): a symbolic
    link (to /etc/passwd, say) or a named pipe is never read."""

    def get_source(self, environment, template):
        pieces = split_template_path(template)  # no ``..``
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if os.path.lexists(path):
                try:
                    source = read_file(path, Path(Path(folder).name, *pieces).as_posix(), ASSET)
                except LeafletError as exc:
                    raise TemplateError("; ".join(str(problem) for problem in exc.problems)) from None
                mtime = os.path.getmtime(path)
                return source.decode(self.encoding), os.path.normpath(path), functools.partial(_unchanged, path, mtime)
        raise TemplateNotFound(template)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return os.path.getmtime(path) == mtime
    except OSError:
        return False


def render_html(config: Config, leaflet: Leaflet, *, locale: str, catalog=None,
                report: TranslationReport | None = None, shared: Leaflet | None = None,
                approval: ApprovalView | None = None, fmt: str = STANDARD, draft: bool = False) -> RenderedHTML:
    """Return the HTML of a (translated) leaflet in ``locale`` and format ``fmt``; template strings come from
    ``catalog``.

    ``shared`` holds the sections every leaflet ends with (``leaflets/_shared.yaml``, translated).
    ``approval`` says what the page tells about its approval (``approval.state.template_view``); without it,
    the leaflet is not approved. Template strings missing from the catalog are added to ``report``; any gap
    or missing approval makes the leaflet a draft, and so does ``draft`` (text that ran off the page, say).
    """
    report = report if report is not None else TranslationReport()
    env = make_environment(config.path("templates"))
    where = f"{config.templates_dir}/{TEMPLATE}"
    translations = TemplateTranslations(catalog, config.source_language.tag, report, where, rules_for(config, locale),
                                        template_locations(config, TEMPLATE) if catalog is not None else None)
    env.install_gettext_translations(translations, newstyle=True)
    env.globals["gettext"] = _gettext(translations)
    language = config.language(locale)
    context = _context(leaflet, language, config, fmt)
    context["shared_sections"] = shared.data["sections"] if shared else []
    context.update(format_context(config, locale, leaflet.id, fmt))
    approval = approval or NOT_APPROVED
    context["approval"] = approval
    approved = approval.approved
    draft = draft or not approved
    incomplete = not report.is_complete
    try:
        template = env.get_template(TEMPLATE)
        html = template.render(context, draft=incomplete or draft, incomplete=incomplete)
        if not incomplete and not report.is_complete:
            # The template's own missing strings are known only once it has run: render again to mark them.
            incomplete = True
            html = template.render(context, draft=True, incomplete=True)
    except TemplateError as exc:
        raise RenderError([_template_problem(exc, config)]) from None
    return RenderedHTML(fallback_blocks(html) if language.is_right_to_left else html, incomplete or draft, approved)


def _gettext(translations: TemplateTranslations):
    """Return the template's ``_()``: a string left in the source language gets its values in that language too
    (``prochaine révision : 1 mars 2029``, not an Arabic date inside French words)."""

    def gettext(msgid: str, **variables) -> Markup:
        text, untranslated = translations.translate(msgid)
        if untranslated:
            variables = {key: getattr(value, "in_source", value) for key, value in variables.items()}
        return text % variables

    return gettext


def render_page(config: Config, name: str, context: dict, translations: TemplateTranslations) -> str:
    """Return the HTML of another of the project's templates (``name``, such as the library page), translated
    by ``translations``, in the same sandboxed, autoescaping environment as the leaflets."""
    env = make_environment(config.path("templates"))
    env.install_gettext_translations(translations, newstyle=True)
    try:
        return env.get_template(name).render(context)
    except TemplateError as exc:
        raise RenderError([_template_problem(exc, config, name)]) from None


def _template_problem(exc: TemplateError, config: Config, name: str = TEMPLATE) -> Problem:
    """Return a template error as ``templates/x.html.j2:12: message``, from the deepest template frame."""
    folder = config.path("templates").resolve()
    where, line = f"{config.templates_dir}/{name}", None
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


def _context(leaflet: Leaflet, language: Language, config: Config, fmt: str) -> dict:
    source = config.source_language
    values = localized_placeholders(config.institution, language, source)
    # Text left in the source language writes its numbers (a temperature) as that language does.
    source_values = localized_placeholders(config.institution, language, source, source)
    meta = leaflet.data["metadata"]
    rich, plain = text_filters(values, source_values, language, source)
    fonts = config.path("styles") / "fonts"
    rtl = language.is_right_to_left
    styles = [(path, config.display(path)) for path in (config.path("styles") / name
                                                        for name in FORMATS[fmt].stylesheets)]

    def measure(text: str, bold: bool) -> float:
        return font_measure(fonts)(text, bold)

    def timeline(data: dict, names: dict, alt: str) -> Markup:
        return timeline_svg(data, names, alt, plain, measure, look_of(styles), rtl)

    def figure(data: dict, alt: str) -> Markup:
        return figure_svg(data, alt, plain, measure, look_of(styles), rtl)

    return {
        "doc": leaflet.data,
        "meta": meta,
        "leaflet_id": leaflet.id,
        "institution": config.institution,
        "values": values,
        "lang": language.tag,
        "source_lang": source.tag,
        "dir": language.direction,
        "review_due": localized_day(meta["review_due"], language, source),
        "version": __version__,
        "counters": COUNTERS,
        "rich": rich,
        "plain": plain,
        "timeline": timeline,
        "figure": figure,
    }


def text_filters(values: dict[str, Markup], source_values: dict[str, Markup], language: Language, source: Language):
    """Return ``rich`` (leaflet text to HTML) and ``plain`` (to text, for metadata and running heads).

    In a right-to-left language, the numbers, phone numbers and addresses of translated text are isolated left to
    right; text left in the source language is isolated whole (by its ``untranslated`` class in the CSS).
    """

    def typography(written_in: Language):
        return french_spacing if written_in.language == "fr" else None

    def rich(text: str) -> Markup:
        if isinstance(text, SourceText):  # shown in the source language: say so, for readers and hyphenation
            inner = printed_addresses(keep_together(render_text(text, source_values, typography(source))))
            fallback = Markup('<span lang="{}" dir="{}" class="untranslated">{}</span>')
            return fallback.format(source.tag, source.direction, inner)
        html = keep_together(render_text(text, values, typography(language)))
        # Isolated before web addresses are marked up for paper, which splits them (and e-mails) into parts.
        return printed_addresses(isolate_left_to_right(html, language.region) if language.is_right_to_left else html)

    def plain(text: str) -> str:
        return rich(text).striptags()

    return rich, plain


# Template filters: they take the tags a template passes (its ``lang``, a leaflet's ``lang`` field), not a
# configured locale, so they parse them themselves rather than ask ``Config.language``.

def format_list(items, locale: str) -> str:
    """Return ``items`` as one list in ``locale`` (a BCP 47 tag such as ``fr`` or ``pt-BR``): "A, B et C"."""
    # The words of each item: a list is text (the timeline's alternative text), and a fallback's markup turned
    # into a plain string would be printed as "<span lang=…>".
    words = [item.striptags() if isinstance(item, Markup) else str(item) for item in items]
    return babel_format_list(words, locale=Locale.parse(locale, sep="-"))


def language_name(code: str, locale: str) -> str:
    """Return the name of the language ``code`` (``fr``) as readers of ``locale`` (``en-GB``) say it: ``French``."""
    return Locale.parse(code, sep="-").get_language_name(Locale.parse(locale, sep="-")) or code


def names_list(names, locale: str) -> Markup:
    """Return people's names as one list in ``locale``, each isolated (``<bdi>``): no name reorders the line."""
    names = list(names)
    tokens = [f"\uE000{index}\uE001" for index in range(len(names))]  # private-use marks no name contains
    listed = str(escape(format_list(tokens, locale)))
    for token, name in zip(tokens, names, strict=True):
        listed = listed.replace(token, Markup("<bdi>{}</bdi>").format(name))
    return Markup(listed)
