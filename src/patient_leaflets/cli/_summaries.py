"""Counts instead of floods: one line per language for what it still lacks, the details behind ``--verbose``."""

from __future__ import annotations

from ..check.coverage import LocaleCoverage


def coverage_lines(coverages: list[LocaleCoverage], verbose: bool) -> list[str]:
    """Return a line per language saying how many messages are untranslated, fuzzy, missing or obsolete."""
    lines = []
    for coverage in coverages:
        counts, locale = coverage.counts, coverage.locale
        todo = [f"{counts[kind]} {kind}" for kind in ("untranslated", "fuzzy") if counts[kind]]
        if todo:
            number, kind = todo[0].split()
            todo[0] = f"{_count(int(number), 'message')} {kind}"
            more = "" if verbose else f"; 'leaflets check -v -l {locale}' lists them"
            lines.append(f"{locale}: {', '.join(todo)} in {_where(coverage.leaflets)} — 'leaflets stats -l "
                         f"{locale}'{more}")
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
