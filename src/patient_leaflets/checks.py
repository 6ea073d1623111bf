"""Checks on content and translations, each a function returning problems.

The checks of one translation live in ``checkers`` (the build refuses what they refuse); ``check_project`` runs
everything for ``leaflets check``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from babel.messages.catalog import Catalog, Message

from .assets import check_assets
from .checkers import (Rules, is_template_message, rules_for, translation_problems, translation_warnings,
                       typography_problems)
from .config import Config
from .errors import CatalogError, ContentError, Problem

REVIEW_WARNING_DAYS = 90
QUOTED_LENGTH = 32
"""How much of a msgid a problem quotes to name its entry."""


@dataclass
class CheckReport:
    """Errors stop a release; warnings are worth a look."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    readability: list = field(default_factory=list)
    """One ``readability.Readability`` per leaflet and language."""


def check_project(config: Config, today: dt.date | None = None) -> CheckReport:
    """Check leaflets (content, review dates), catalogs (syntax, unsafe or missing translations) and assets."""
    from .content import load_leaflet

    report = CheckReport()
    texts: set[str] = set()
    leaflets = []
    for path in config.leaflet_files():
        display = str(path.relative_to(config.root))
        try:
            leaflet = load_leaflet(path, display)
        except ContentError as exc:
            report.errors.extend(exc.problems)
            continue
        leaflets.append(leaflet)
        texts.update(text for _, text, _ in leaflet.iter_texts())
        check_review(leaflet, today or dt.date.today(), report)
        check_typography(leaflet, config.source_locale, report)
    for locale in config.locales:
        check_catalog(config, locale, texts, report)
    check_readability(config, leaflets, report)
    report.errors.extend(_shared_problems(config) + check_assets(config))
    return report


def _shared_problems(config: Config) -> list[Problem]:
    """Return the problems of ``leaflets/_shared.yaml``, the sections every leaflet shows."""
    from .content import load_leaflet

    if not config.shared_path.exists():
        return []
    try:
        load_leaflet(config.shared_path, str(config.shared_path.relative_to(config.root)))
    except ContentError as exc:
        return exc.problems
    return []


def check_readability(config: Config, leaflets: list, report: CheckReport) -> None:
    """Score every leaflet in every language; warn where a score misses the content guide's threshold."""
    from .catalogs import read_catalog
    from .readability import score_leaflet
    from .translate import translate_leaflet

    for locale in config.all_locales:
        path = config.po_path(locale)
        if locale != config.source_locale and not path.exists():
            continue
        try:
            catalog = read_catalog(path, locale) if locale != config.source_locale else None
        except CatalogError:
            continue  # already reported by check_catalog
        for leaflet in leaflets:
            translated, gaps = translate_leaflet(leaflet, catalog)
            scores = score_leaflet(translated, locale, complete=gaps.is_complete)
            report.readability.append(scores)
            for miss in scores.misses:
                report.warnings.append(Problem(leaflet.source, None, f"readability ({locale})", miss))


def check_review(leaflet, today: dt.date, report: CheckReport) -> None:
    """Flag a leaflet whose review is overdue (error) or close (warning), or that is still a draft."""
    meta = leaflet.data["metadata"]
    key = ("metadata", "review_due")
    due = meta["review_due"]
    where = (leaflet.source, leaflet.lines[key], "metadata.review_due")
    if due < today:
        report.errors.append(Problem(*where, f"review overdue since {due}",
                                     "Review the leaflet, then set a new version, published and review_due"))
    elif (due - today).days <= REVIEW_WARNING_DAYS:
        report.warnings.append(Problem(*where, f"review due on {due}, in {(due - today).days} days"))
    if meta["status"] != "approved":
        key = ("metadata", "status")
        report.warnings.append(Problem(leaflet.source, leaflet.lines[key], "metadata.status",
                                       "draft: its PDFs are marked as drafts and --strict refuses them"))


def check_typography(leaflet, locale: str, report: CheckReport) -> None:
    """Warn where French source text lacks the space before ; : ! ? » or after « (the build adds no space)."""
    from .content import format_key

    for key, text, line in leaflet.iter_texts():
        for problem in typography_problems(text, locale):
            report.warnings.append(Problem(leaflet.source, line, format_key(key), problem))


def check_catalog(config: Config, locale: str, texts: set[str], report: CheckReport) -> None:
    """Check one language's catalog: unsafe translations, then its fuzzy, untranslated and obsolete entries."""
    from .catalogs import read_catalog

    path = config.po_path(locale)
    display = str(path.relative_to(config.root))
    if not path.exists():
        report.errors.append(Problem(display, None, "", "missing", f"Run 'leaflets init {locale}'"))
        return
    try:
        catalog = read_catalog(path, locale)
    except CatalogError as exc:
        report.errors.extend(replace(p, file=display) for p in exc.problems)
        return
    check_entries(catalog, display, rules_for(config, locale), report)
    for text in sorted((set(texts) | _shared_texts(config)) - {message.id for message in catalog}):
        report.warnings.append(Problem(display, None, quote(text), "not in the catalog",
                                       "Run 'leaflets extract' and 'leaflets update'"))


def check_entries(catalog: Catalog, display: str, rules: Rules, report: CheckReport) -> None:
    """Check every entry of a catalog, in file order (so per leaflet, as the catalogs are sorted by file)."""
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        where = (display, message.lineno, quote(message.id))
        if not message.string:
            report.warnings.append(Problem(*where, f"untranslated{_used_in(message)}"))
        elif message.fuzzy:
            report.warnings.append(Problem(*where, f"fuzzy{_used_in(message)}: the source changed since it was "
                                           "translated", "Check the translation against msgid, then remove the "
                                           "fuzzy flag"))
        else:
            template = is_template_message(message)
            report.errors.extend(Problem(*where, p) for p in translation_problems(message.id, message.string,
                                                                                    rules, template))
            report.warnings.extend(Problem(*where, p) for p in translation_warnings(message.id, message.string,
                                                                                      rules))
    for message in catalog.obsolete.values():
        report.warnings.append(Problem(display, message.lineno, quote(message.id), "obsolete: no leaflet or template "
                                       "uses it any more", "Delete it once you no longer need it for reference"))


def _shared_texts(config: Config) -> set[str]:
    """Return the texts of the sections every leaflet ends with; the build reports a broken shared file."""
    from .content import load_leaflet

    if not config.shared_path.exists():
        return set()
    try:
        shared = load_leaflet(config.shared_path)
    except ContentError:
        return set()
    return {text for _, text, _ in shared.iter_texts()}


def quote(msgid: str) -> str:
    """Return the start of a msgid, quoted, to name its entry in a message: ``"Vous avez une température…"``."""
    text = " ".join(str(msgid).split())
    return f'"{text}"' if len(text) <= QUOTED_LENGTH else f'"{text[:QUOTED_LENGTH - 1]}…"'


def _used_in(message: Message) -> str:
    if not message.locations:
        return ""
    (path, line), more = message.locations[0], len(message.locations) - 1
    return f" ({path}:{line}{f' and {more} more' if more else ''})"
