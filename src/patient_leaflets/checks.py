"""Checks on content and translations, each a function returning problems.

``translation_problems`` guards every translated text at build time; ``check_project`` runs everything for
``leaflets check``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .assets import check_assets
from .config import Config
from .errors import CatalogError, ContentError, Problem
from .markup import placeholders_in, text_problems

REVIEW_WARNING_DAYS = 90
MAX_LENGTH_RATIO = 3
"""A translation longer than this many times its source (and than ``MIN_LENGTH_LIMIT``) is refused."""
MIN_LENGTH_LIMIT = 100

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
_BARE_URL = re.compile(r"https://[^\s)\]]+")
_PERCENT = re.compile(r"%\((\w+)\)s")
_ANY_URL = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|(?:mailto|tel|file|data|javascript):)[^\s\"')]*", re.IGNORECASE)


def translation_problems(msgid: str, msgstr: str) -> list[str]:
    """Return why ``msgstr`` cannot stand for ``msgid``: length, placeholders, markup, numbers or links differ."""
    too_long = length_problem(msgid, msgstr)
    if too_long:  # checked first, and alone: the other checks need not read megabytes
        return [too_long]
    try:
        if Counter(placeholders_in(msgstr)) != Counter(placeholders_in(msgid)):
            return ["placeholders differ from the source; keep every {name} exactly as in msgid"]
    except ValueError as exc:
        return [f"broken translation: {exc}"]
    problems = [f"broken translation: {problem}" for problem in text_problems(msgstr)]
    source, target = _numbers(msgid), _numbers(msgstr)
    if source != target:
        problems.append(f"numbers differ from the source ({_listed(source)} → {_listed(target)}); doses, "
                        "durations and phone numbers must stay exactly as written")
    if _links(msgid) != _links(msgstr):
        problems.append("links differ from the source; keep every address exactly as in msgid")
    return problems


def template_translation_problems(msgid: str, msgstr: str) -> list[str]:
    """Return why ``msgstr`` cannot stand for a template string: placeholders, length, markup or HTML differ."""
    if sorted(_PERCENT.findall(msgstr)) != sorted(_PERCENT.findall(msgid)):
        return ["placeholders differ from the source; keep every %(name)s exactly as in msgid"]
    too_long = length_problem(msgid, msgstr)
    if too_long:
        return [too_long]
    # Template strings may word numbers freely ("24 h/24" → "24/7"), but carry no markup, no HTML and no new
    # address: they would only ever be shown escaped, as stray text on every page.
    problems = [f"broken translation: {problem}" for problem in text_problems(msgstr)]
    if Counter(_ANY_URL.findall(msgstr)) != Counter(_ANY_URL.findall(msgid)):
        problems.append("links differ from the source; keep every address exactly as in msgid")
    return problems


def length_problem(msgid: str, msgstr: str) -> str:
    """Return why ``msgstr`` is too long to be a translation of ``msgid``, or an empty string."""
    if len(msgstr) <= max(MIN_LENGTH_LIMIT, MAX_LENGTH_RATIO * len(msgid)):
        return ""
    return (f"the translation is {len(msgstr):,} characters long, more than {MAX_LENGTH_RATIO} times its source "
            f"({len(msgid):,}); check that nothing was pasted into it by mistake")


def _numbers(text: str) -> Counter:
    text = _LINK_TARGET.sub("]", re.sub(r"\{\w+\}", "", text))
    return Counter(n.replace(",", ".") for n in _NUMBER.findall(_BARE_URL.sub("", text)))


def _links(text: str) -> Counter:
    return Counter(_LINK_TARGET.findall(text) + _BARE_URL.findall(_LINK_TARGET.sub("]", text)))


def _listed(numbers: Counter) -> str:
    return ", ".join(sorted(numbers.elements())) or "none"


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


def check_catalog(config: Config, locale: str, texts: set[str], report: CheckReport) -> None:
    """Check one language's catalog against the leaflet texts it must translate."""
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
    untranslated = 0
    for text in sorted(texts):
        message = catalog.get(text)
        if message is None or not message.string:
            untranslated += 1
            continue
        where = (display, message.lineno, "msgstr")
        if message.fuzzy:
            report.warnings.append(Problem(*where, "fuzzy: the source changed; check the translation and clear "
                                           "the fuzzy flag"))
        for problem in translation_problems(text, message.string):
            report.errors.append(Problem(*where, problem))
    if untranslated:
        report.warnings.append(Problem(display, None, "", f"{untranslated} leaflet message(s) not translated yet"))
    check_template_strings(config, catalog, display, texts, report)


def check_template_strings(config: Config, catalog, display: str, texts: set[str], report: CheckReport) -> None:
    """Report template strings (headings, footers) whose final translation the build would refuse."""
    folder = f"{config.templates_dir}/"
    for message in catalog:
        if not (isinstance(message.id, str) and message.id and message.id not in texts and message.string
                and not message.fuzzy and any(str(path).startswith(folder) for path, _ in message.locations)):
            continue
        for problem in template_translation_problems(message.id, message.string):
            report.errors.append(Problem(display, message.lineno, "msgstr", problem))
