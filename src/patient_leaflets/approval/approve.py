"""``leaflets approve``: record that named people approved a leaflet's text, or its translation, as it is now."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..content.leaflet import load_leaflet, load_shared
from ..errors import ApprovalError, Problem, quote
from ..i18n.catalogs import load_catalog
from ..i18n.checks.characters import format_character_problems
from ..i18n.checks.checkers import rules_for
from ..i18n.translate import lookup
from .layout import approve_layout
from .records import CHANGED, Record, judge, make_record
from .source import hashed_source, source_record, source_verdict, subject, write_source_record
from .translation import hashed_translation, read_approvals, write_approvals


@dataclass
class Approved:
    """What ``leaflets approve`` recorded, and where."""

    path: Path
    record: Record
    notes: list[str] = field(default_factory=list)
    """Things to know: a version to bump, a source text still to approve."""


def approve_leaflet(config: Config, leaflet_id: str, clinical: list[str], patient: list[str] = (),
                    date: dt.date | None = None) -> Approved:
    """Record in the leaflet's metadata that ``clinical`` (and ``patient``) reviewers approved its text as it is."""
    path = config.leaflet_file(leaflet_id, ApprovalError)
    people = {"clinical": _names(clinical, "--clinical", required=True), "patient": _names(patient, "--patient")}
    leaflet = load_leaflet(path, config.display(path))
    date = _check_date(leaflet, date)
    shared = load_shared(config)
    hashed = hashed_source(config, leaflet, shared)
    version = leaflet.data["metadata"]["version"]
    record = make_record(subject(leaflet.id, config.source_locale), date, people, version, hashed)
    notes = _version_notes(source_record(config, leaflet), judge(source_record(config, leaflet), hashed), version)
    write_source_record(path, config.display(path), leaflet, record)
    return Approved(path, record, notes)


def approve_translation(config: Config, leaflet_id: str, locale: str, translators: list[str],
                        reviewers: list[str] = (), date: dt.date | None = None) -> Approved:
    """Record in ``translations/<locale>/approvals.yaml`` who translated and reviewed the leaflet, as it is now.

    Refused while a message the leaflet shows has no usable translation (missing, fuzzy or failing a check).
    """
    path = config.leaflet_file(leaflet_id, ApprovalError)
    _check_locale(config, locale)
    people = {"translator": _names(translators, "--translator", required=True),
              "reviewer": _names(reviewers, "--reviewer")}
    _check_reviewers(config, people)
    catalog = load_catalog(config, locale)
    leaflet = load_leaflet(path, config.display(path))
    date = _check_date(leaflet, date)
    shared = load_shared(config)
    hashed = hashed_translation(config, leaflet, shared, catalog)
    _require_translations(config, locale, catalog, [message for message, _ in hashed])
    version = leaflet.data["metadata"]["version"]
    record = make_record(subject(leaflet.id, locale), date, people, version, hashed)
    records = read_approvals(config, locale)
    records[leaflet.id] = record
    notes = [] if source_verdict(config, leaflet, shared).approved else [
        f"the source text of {leaflet.id} is not approved as it is now: its {locale} PDF stays a draft until it is "
        f"('leaflets approve {leaflet.id} --clinical NAME')"]
    return Approved(write_approvals(config, locale, records), record, notes)


def _check_locale(config: Config, locale: str) -> None:
    if locale == config.source_locale:
        raise ApprovalError([Problem.general(f"{locale!r} is the source language: its text is approved with "
                                             "--clinical (and --patient), not as a translation",
                                             "Run 'leaflets approve LEAFLET --clinical NAME'")])
    problems = config.locale_problems([locale], translations=True)
    if problems:
        raise ApprovalError(problems)


def approve_layout_as_is(config: Config, names: list[str], date: dt.date | None = None) -> Approved:
    """Record that ``names`` checked the look of every leaflet (templates, styles, pictograms, fonts) as it is."""
    people = _names(names, "--by", required=True)
    date = _check_date(None, date)
    path, record = approve_layout(config, people, date)
    return Approved(path, record)


def _names(names, option: str, required: bool = False) -> tuple[str, ...]:
    """Return the names as they will be printed; refuse control and invisible format characters in any."""
    problems = []
    for name in names:
        found = [f"control character U+{ord(char):04X}" for char in name if unicodedata.category(char) == "Cc"
                 and char not in " \t"] + format_character_problems(name)
        if found:
            problems.append(Problem.general(f"{option} {quote(name)}: {found[0].split('. ')[0]}: a name is printed "
                                            "as it is written, and this could hide or reorder it",
                                            "Type the name again without it"))
    if problems:
        raise ApprovalError(problems)
    cleaned = tuple(" ".join(name.split()) for name in names if name and name.strip())
    if required and not cleaned:
        raise ApprovalError([Problem.general(f"an approval needs at least one name: {option} NAME", "Give the name "
                                             "of the person who approved the text, as it should be printed")])
    return cleaned


def _check_reviewers(config: Config, people: dict[str, tuple[str, ...]]) -> None:
    """Refuse a translation approval without a reviewer other than its translators (unless the settings allow it)."""
    if config.translation_self_review:
        return
    others = [name for name in people["reviewer"] if name.casefold() not in
              {translator.casefold() for translator in people["translator"]}]
    if not others:
        raise ApprovalError([Problem.general(
            "a translation is approved by a reviewer other than its translator: give --reviewer NAME, someone "
            "who checked it against the source text", "If your project allows one person to do both, set "
            "translation-self-review = true in [tool.patient-leaflets] (README, Approvals)")])


def _check_date(leaflet, date: dt.date | None) -> dt.date:
    """Return the day of an approval: not in the future, nor before the text was published or after its review."""
    today = dt.date.today()  # the real day, as clock.py says: LEAFLETS_TODAY never dates an approval
    date = date or today
    problems = []
    if date > today:
        problems.append(f"{date} is in the future (today is {today})")
    if leaflet is not None:
        meta = leaflet.data["metadata"]
        if date < meta["published"]:
            problems.append(f"{date} is before the leaflet's published date ({meta['published']})")
        if date > meta["review_due"]:
            problems.append(f"{date} is after the leaflet's review_due date ({meta['review_due']}): review it first")
    if problems:
        raise ApprovalError([Problem.general(f"--date {problem}", "Give the day the people named approved it "
                                             "(YYYY-MM-DD), or leave --date out for today") for problem in problems])
    return date


def _require_translations(config: Config, locale: str, catalog, messages) -> None:
    """Refuse to approve a translation that still shows source text somewhere."""
    display = config.display(config.po_path(locale))
    rules = rules_for(config, locale)
    problems = []
    for message in messages:
        translated, reason = lookup(catalog, message.text, rules, template=message.kind == "template")
        if translated is None:
            entry = catalog.get(message.text)
            problems.append(Problem(display, entry.lineno if entry else None, quote(message.text),
                                    f"{reason} ({message.where})"))
    if problems:
        raise ApprovalError(problems + [Problem.general(f"{len(problems)} message(s) above have no usable "
                                                        "translation: nothing was approved",
                                                        "Translate them, run 'leaflets check', then approve again")])


def _version_notes(previous: Record | None, verdict, version: str) -> list[str]:
    if previous is None or verdict.state != CHANGED or previous.version != version:
        return []
    return [f"the text changed since version {version} was approved on {previous.date}, and the version is still "
            f"{version}: give the new text a new version (and published date) so readers can tell them apart"]

