"""Counts instead of floods: one line per language for what it still lacks, the details behind ``--verbose``."""

from __future__ import annotations

from ..check.coverage import LocaleCoverage


def coverage_lines(coverages: list[LocaleCoverage], verbose: bool) -> list[str]:
    """Return a line per language saying how many messages are untranslated, fuzzy, missing or obsolete."""
    lines = []
    for coverage in coverages:
        counts, locale = coverage.counts, coverage.locale
        kinds = [kind for kind in ("untranslated", "fuzzy") if counts[kind]]
        if kinds:
            where = {kind: _where(coverage.shown_by.get(kind, coverage.leaflets)) for kind in kinds}
            parts = [f"{counts[kind]} {kind}" for kind in kinds]
            parts[0] = f"{_count(counts[kinds[0]], 'message')} {kinds[0]}"
            if len(set(where.values())) == 1:  # one place for all: said once
                todo = ", ".join(parts) + f" in {where[kinds[0]]}"
            else:
                todo = ", ".join(f"{part} in {where[kind]}" for part, kind in zip(parts, kinds, strict=True))
            more = "" if verbose else f"; 'leaflets check -v -l {locale}' lists them"
            lines.append(f"{locale}: {todo} — 'leaflets stats -l {locale}'{more}")
        if counts["missing"]:
            lines.append(f"{locale}: {_count(counts['missing'], 'message')} of the leaflets not in the catalog — "
                         "run 'leaflets extract' and 'leaflets update'")
        if counts["obsolete"]:
            lines.append(f"{locale}: {_count(counts['obsolete'], 'obsolete entry', 'obsolete entries')} — delete "
                         "them once you no longer need them for reference")
    return lines


def _where(shown_by: set[str]) -> str:
    """Say what shows the messages: leaflet ids, ``templates`` (every leaflet) and ``site`` (the library page)."""
    if "templates" in shown_by:
        return "every leaflet (the templates' own strings too)"
    leaflets = len(shown_by - {"site"})
    places = ([_count(leaflets, "leaflet")] if leaflets else []) + (["the library page"] if "site" in shown_by else [])
    return " and ".join(places) or _count(0, "leaflet")


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
