"""``leaflets approve``: record that named people approved a leaflet's text, or its translation, as it is now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..content.leaflet import load_leaflet, load_shared
from ..errors import ApprovalError, Problem, quote
from ..i18n.catalogs import load_catalog
from ..i18n.checks.checkers import rules_for
from ..i18n.translate import lookup
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
    shared = load_shared(config)
    hashed = hashed_source(config, leaflet, shared)
    version = leaflet.data["metadata"]["version"]
    record = make_record(subject(leaflet.id, config.source_locale), date or dt.date.today(), people, version, hashed)
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
    catalog = load_catalog(config, locale)
    leaflet = load_leaflet(path, config.display(path))
    shared = load_shared(config)
    hashed = hashed_translation(config, leaflet, shared, catalog)
    _require_translations(config, locale, catalog, [message for message, _ in hashed])
    version = leaflet.data["metadata"]["version"]
    record = make_record(subject(leaflet.id, locale), date or dt.date.today(), people, version, hashed)
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


def _names(names, option: str, required: bool = False) -> tuple[str, ...]:
    cleaned = tuple(" ".join(name.split()) for name in names if name and name.strip())
    if required and not cleaned:
        raise ApprovalError([Problem.general(f"an approval needs at least one name: {option} NAME", "Give the name "
                                             "of the person who approved the text, as it should be printed")])
    return cleaned


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

