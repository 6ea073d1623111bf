"""``leaflets check``: every leaflet, catalog, template and stylesheet of a project, before a release.

Each ``check_*`` function returns the problems it finds, errors and warnings alike (``Problem.severity``);
``check_project`` runs them all and sorts them into a ``CheckReport``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog, Message

from ..config import Config
from ..config.clock import review_day
from ..content.leaflet import Leaflet, load_leaflet, load_shared
from ..content.validate import format_key
from ..errors import CatalogError, ContentError, Problem, quote
from ..i18n.catalogs import load_catalog, load_template
from ..i18n.checks.checkers import (
    Rules,
    is_template_message,
    rules_for,
    translation_warnings,
    typography_problems,
)
from ..i18n.translate import CLEAR_FUZZY, FUZZY, PLURAL, REFUSED, UNTRANSLATED, entry_state, translate_leaflet
from ..render.assets import check_assets
from .approvals import check_approvals, pages_of
from .coverage import CatalogGap, used_by
from .readability import Readability, score_leaflet

REVIEW_WARNING_DAYS = 90


@dataclass
class CheckReport:
    """Errors stop a release; warnings are worth a look."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    readability: list[Readability] = field(default_factory=list)
    """One score card per leaflet and language."""
    gaps: list[CatalogGap] = field(default_factory=list)
    """Warnings for the catalog entries still untranslated, fuzzy, missing or obsolete (``coverage.summarize``)."""
    finals: list[tuple[str, str]] = field(default_factory=list)
    """The ``(leaflet, locale)`` pages that would be final as far as text, translation and approvals go: with
    ``--strict``, the command line has ``building.gate`` lay them out, as ``build --strict`` does."""

    def add(self, problems: list[Problem]) -> None:
        """File each problem under errors, warnings or gaps."""
        for problem in problems:
            if isinstance(problem, CatalogGap):
                self.gaps.append(problem)
            else:
                (self.errors if problem.severity == "error" else self.warnings).append(problem)


def check_project(config: Config, today: dt.date | None = None, locales: list[str] | None = None,
                  strict: bool = False) -> CheckReport:
    """Check leaflets (content, review dates), catalogs (syntax, unsafe or missing translations), approvals and assets.

    ``locales`` limits the catalogs and readability scores to those languages (all by default). With ``strict``,
    every PDF ``leaflets build --strict`` would refuse is an error, with each reason.
    """
    report = CheckReport()
    leaflets = []
    for path in config.leaflet_files():
        try:
            leaflet = load_leaflet(path, config.display(path))
        except ContentError as exc:
            report.add(exc.problems)
            continue
        leaflets.append(leaflet)
        report.add(check_review(leaflet, today or review_day()))
        report.add(check_typography(leaflet, config.source_locale))
    report.add(same_titles(leaflets))
    shared, shared_problems = _load_shared(config)
    texts = {text for leaflet in [*leaflets, shared] if leaflet for _, text, _ in leaflet.iter_texts()}
    used = _used_messages(config, texts)
    report.add(config.locale_problems(locales or []))
    for locale in locales or config.locales:
        if locale in config.locales:  # the source language has no catalog: its text is checked above
            report.add(check_catalog(config, locale, texts, used))
    report.readability = score_project(config, leaflets, locales)
    report.add(readability_problems(report.readability, {leaflet.id: leaflet.source for leaflet in leaflets}))
    report.add(shared_problems + check_assets(config))
    rows = pages_of(config, locales)
    report.add(check_approvals(config, strict, locales, rows))
    report.finals = [(row.leaflet, row.locale) for row in rows if row.final]
    return report


def same_titles(leaflets: list[Leaflet]) -> list[Problem]:
    """Warn of two leaflets with one title: a copy under another file name, two cards alike in the library."""
    first: dict[str, Leaflet] = {}
    problems = []
    for leaflet in leaflets:
        earlier = first.setdefault(leaflet.data["title"], leaflet)
        if earlier is not leaflet:
            problems.append(Problem(leaflet.source, leaflet.lines.get(("title",)), "title", f"the same title as "
                                    f"{earlier.source}: two cards alike in the library",
                                    "If this file is a copy, delete one of the two; otherwise give it its own title",
                                    severity="warning"))
    return problems


def _load_shared(config: Config) -> tuple[Leaflet | None, list[Problem]]:
    """Return the sections every leaflet shows, or the problems of their file."""
    try:
        return load_shared(config), []
    except ContentError as exc:
        return None, exc.problems


def score_project(config: Config, leaflets: list[Leaflet], locales: list[str] | None = None) -> list[Readability]:
    """Score every leaflet in every language (or in ``locales``) that has a readable catalog."""
    scores = []
    for locale in locales or config.all_locales:
        if locale != config.source_locale and not config.po_path(locale).exists():
            continue
        try:
            catalog = load_catalog(config, locale) if locale != config.source_locale else None
        except CatalogError:
            continue  # already reported by check_catalog
        for leaflet in leaflets:
            translated, gaps = translate_leaflet(leaflet, catalog, rules_for(config, locale))
            scores.append(score_leaflet(translated, locale, complete=gaps.is_complete))
    return scores


def readability_problems(scores: list[Readability], sources: dict[str, str]) -> list[Problem]:
    """Return a warning for each score that misses the content guide's threshold."""
    return [Problem(sources[row.leaflet], None, f"readability ({row.locale})", miss, severity="warning")
            for row in scores for miss in row.misses]


def check_review(leaflet: Leaflet, today: dt.date) -> list[Problem]:
    """Flag a leaflet whose review is overdue (error) or close (warning), or that has fields no longer used."""
    meta = leaflet.data["metadata"]
    key = ("metadata", "review_due")
    due = meta["review_due"]
    where = (leaflet.source, leaflet.lines[key], "metadata.review_due")
    problems = []
    if due < today:
        problems.append(Problem(*where, f"review overdue since {due}",
                                "Review the leaflet, then set a new version, published and review_due"))
    elif (due - today).days <= REVIEW_WARNING_DAYS:
        problems.append(Problem(*where, f"review due on {due}, in {(due - today).days} days", severity="warning"))
    for name in ("status", "reviewers"):
        key = ("metadata", name)
        if key in leaflet.lines:  # still read from older leaflets; an approval written by hand is an error
            problems.append(Problem(leaflet.source, leaflet.lines[key], f"metadata.{name}", "no longer used: "
                                    "'leaflets approve' records who approved which text", "Remove it",
                                    severity="warning"))
    return problems


def check_typography(leaflet: Leaflet, locale: str) -> list[Problem]:
    """Warn where French source text lacks the space before ; : ! ? » or after « (the build adds no space)."""
    return [Problem(leaflet.source, line, format_key(key), problem, severity="warning")
            for key, text, line in leaflet.iter_texts() for problem in typography_problems(text, locale)]


def _used_messages(config: Config, texts: set[str]) -> set | None:
    """Return the msgids a PDF or the library can show: the leaflets' texts and the template's messages (None
    when there is no template to tell)."""
    try:
        template = load_template(config)
    except CatalogError:
        return None
    return texts | {message.id[0] if message.pluralizable else message.id for message in template if message.id}


def check_catalog(config: Config, locale: str, texts: set[str], used: set | None = None) -> list[Problem]:
    """Check one language's catalog: unsafe translations, then its fuzzy, untranslated and obsolete entries.

    Entries whose msgid is not in ``used`` are shown nowhere: they are counted in one warning, not checked (a
    catalog merged from another project may hold tens of thousands).
    """
    path = config.po_path(locale)
    display = config.display(path)
    if not path.exists():
        return [Problem(display, None, "", "missing", f"Run 'leaflets init {locale}'")]
    try:
        catalog = load_catalog(config, locale)
    except CatalogError as exc:
        return exc.problems
    unused = [] if used is None else [m for m in catalog if m.id and (m.id[0] if m.pluralizable else m.id) not in used]
    for message in unused:
        catalog.delete(message.id, context=message.context)
    problems = check_entries(config, catalog, display, rules_for(config, locale)) + _unused_problems(display, unused)
    ids = {message.id[0] if message.pluralizable else message.id for message in catalog}
    return problems + [CatalogGap(display, None, quote(text), "not in the catalog",
                                  "Run 'leaflets extract' and 'leaflets update'", severity="warning", locale=locale,
                                  kind="missing") for text in sorted(texts - ids)]


def _unused_problems(display: str, unused: list[Message]) -> list[Problem]:
    if not unused:
        return []
    first, entries = unused[0], f"{len(unused)} entr{'y' if len(unused) == 1 else 'ies'}"
    return [Problem(display, first.lineno, "", f"{entries} that no leaflet or template uses (not in the template, "
                    f"the first {quote(first.id)}): shown nowhere, so not checked",
                    "Run 'leaflets update' to keep them as obsolete entries, or delete them",
                    severity="warning")]


def check_entries(config: Config, catalog: Catalog, display: str, rules: Rules) -> list[Problem]:
    """Check every entry of a catalog, in file order (so per leaflet, as the catalogs are sorted by file)."""
    problems, locale = [], str(catalog.locale or "")
    for message in catalog:
        if message.id:
            problems += _entry_problems(config, message, display, rules, locale)
    for message in catalog.obsolete.values():
        msgid = message.id[0] if message.pluralizable else message.id
        problems.append(CatalogGap(display, message.lineno, quote(msgid), "obsolete: no leaflet or template uses it "
                                   "any more", "Delete it once you no longer need it for reference",
                                   severity="warning", locale=locale, kind="obsolete"))
    return problems


def _entry_problems(config: Config, message: Message, display: str, rules: Rules, locale: str) -> list[Problem]:
    """Return what the hand-out lacks of one entry (``translate.entry_state``), and what is worth fixing in it."""
    template = is_template_message(message, config)
    state = entry_state(message, rules, template)
    if state.kind == PLURAL:
        return [Problem(display, message.lineno, quote(message.id[0]), state.reason)]
    where = (display, message.lineno, quote(message.id))
    gap = {"severity": "warning", "locale": locale, "leaflets": used_by(config, message)}
    if state.kind == UNTRANSLATED:
        return [CatalogGap(*where, f"{UNTRANSLATED}{_used_in(message)}", kind=UNTRANSLATED, **gap)]
    if state.kind == FUZZY:
        return [CatalogGap(*where, f"{FUZZY}{_used_in(message)}: {state.reasons[0]}", _sentence(CLEAR_FUZZY),
                           kind=FUZZY, **gap)]
    errors = state.reasons if state.kind == REFUSED else ()
    return ([Problem(*where, p) for p in errors] +
            [Problem(*where, p, severity="warning") for p in translation_warnings(message.string, rules)])


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _used_in(message: Message) -> str:
    if not message.locations:
        return ""
    (path, line), more = message.locations[0], len(message.locations) - 1
    return f" ({path}:{line}{f' and {more} more' if more else ''})"
