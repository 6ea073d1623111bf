"""What ``leaflets build`` shows: a line per PDF, a progress bar on a terminal (rich), and a closing summary.

Part of the command line: the library never prints. In CI and pipes there is no bar, only plain lines, each
written as soon as its PDF is done.
"""

from __future__ import annotations

import os
import sys
from collections import Counter

import click

from ..building.report import BuildListener, BuildReport, Outcome


def make_display(terminal: bool | None = None, console=None, verbose: bool = False) -> BuildDisplay:
    """Return the display for this run: with a progress bar on a terminal, plain lines elsewhere.

    ``verbose`` lists, under each PDF, every message shown in the source language.
    """
    if terminal is None:
        terminal = is_interactive()
    display = TerminalDisplay(console) if terminal else BuildDisplay()
    display.verbose = verbose
    return display


def is_interactive() -> bool:
    """Tell whether standard output is a terminal a person watches (not a pipe, a file, or CI)."""
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb" and not os.environ.get("CI")


class BuildDisplay(BuildListener):
    """Print each PDF's line as soon as it is done."""

    def __init__(self):
        self.planned = 0
        self.done = 0
        self.to_render = 0
        self.verbose = False
        self.listed: dict = {}
        """The messages listed under a PDF, by language and leaflet, and the errors told, each with the first PDF
        it failed: the same list or error is not repeated under every PDF."""

    def started(self, planned: int, to_render: int) -> None:
        self.planned, self.to_render = planned, to_render

    def finished(self, outcome: Outcome) -> None:
        self.done += 1
        for text, err in outcome_lines(outcome, self.verbose, self.listed):
            self.echo(text, err)

    def echo(self, text: str, err: bool = False) -> None:
        """Print one line, to standard error for failures."""
        click.echo(text, err=err)

    def close(self) -> None:
        """Take the progress bar away, if there is one."""


class TerminalDisplay(BuildDisplay):
    """The same lines, with a progress bar under them while PDFs are rendered."""

    def __init__(self, console=None):
        super().__init__()
        self.console = console
        self.progress = None
        self.task = None

    def started(self, planned: int, to_render: int) -> None:
        super().started(planned, to_render)
        if not to_render:
            return  # nothing to render: no bar, and rich is not even imported
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = self.console or Console()
        self.progress = Progress(SpinnerColumn(), TextColumn("Rendering"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TimeRemainingColumn(), TextColumn("{task.description}"),
                                 console=self.console, transient=True)
        self.task = self.progress.add_task("", total=to_render)
        self.progress.start()

    def finished(self, outcome: Outcome) -> None:
        super().finished(outcome)
        if self.progress is not None and outcome.status != "unchanged":
            self.progress.update(self.task, advance=1, description=outcome.output)

    def echo(self, text: str, err: bool = False) -> None:
        if self.progress is None:
            super().echo(text, err)
        else:
            self.console.print(text, markup=False, highlight=False, emoji=False, soft_wrap=True,
                               style="red" if err else None)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def outcome_lines(outcome: Outcome, verbose: bool = False, listed: dict | None = None) -> list[tuple[str, bool]]:
    """Return the lines that tell what happened to one PDF, each with whether it goes to standard error.

    A draft says why; the messages shown in the source language are listed only when ``verbose`` (for a PDF up
    to date as for one just built, and once for the formats of a leaflet that show the same: ``listed``), and so
    are more than a few of the messages a refusal names (the report keeps them all).
    """
    if outcome.status == "failed":
        first = (listed if listed is not None else {}).setdefault(("failed", outcome.error), outcome.output)
        if first != outcome.output:  # a broken catalog or leaflet fails every PDF made from it: said once
            return [(f"failed     {outcome.output} (the same error as {first})", True)]
        return [(f"failed     {outcome.output}", True), (_indent(_shortened(outcome.error, verbose)), True)]
    mark = f" (DRAFT: {'; '.join(outcome.draft_reasons)})" if outcome.draft_reasons else \
        " (DRAFT)" if outcome.draft else ""
    lines = [(f"{outcome.status:<10} {outcome.output}{mark}", False)]
    if outcome.gaps and verbose:
        lines += _gap_list(outcome, {} if listed is None else listed)
    return lines


def _gap_list(outcome: Outcome, listed: dict) -> list[tuple[str, bool]]:
    gaps = [str(gap) for gap in outcome.gaps]
    earlier = listed.setdefault((outcome.locale, outcome.leaflet), (outcome.output, gaps))
    if earlier != (outcome.output, gaps) and earlier[1] == gaps:
        return [(_indent(f"the same {len(gaps)} message(s) shown in the source language as {earlier[0]}"), False)]
    return [(_indent(f"{len(gaps)} message(s) shown in the source language:"), False)] + [
        (_indent(gap, 4), False) for gap in gaps]


def closing_lines(report: BuildReport, verbose: bool = False) -> list[str]:
    """Return the PDFs set aside, the stale outputs, what each language still shows in the source language, then
    the summary."""
    lines = [f"set aside  {o.output} → {o.previous}: it no longer matches its sources" for o in report.outcomes
             if o.previous]
    lines += gap_lines(report, verbose) + [f"stale      {stale}" for stale in report.stale]
    if report.stale:
        lines.append(_indent(_stale_advice(report.stale)))
    refused = sum(1 for outcome in report.failed if outcome.error.startswith("refused by --strict"))
    formats = report.formats()  # of the PDFs built or unchanged
    kinds = " (" + ", ".join(f"{count} {name}" for name, count in formats.items()) + ")" if len(formats) > 1 else ""
    summary = (f"{report.count('built')} built, {report.count('unchanged')} unchanged{kinds}, "
               f"{len(report.failed) - refused} failed" + (f", {refused} refused by --strict" if refused else ""))
    drafts = len(report.drafts)
    if drafts:
        summary += f"; {_plural(drafts, 'draft')}, not to be given to patients"
    if report.stale:
        summary += f"; {_plural(len(report.stale), 'stale output')}"
    return lines + [summary + "."]


def _stale_advice(stale) -> str:
    """Say what to do with the files no build makes: set aside by a refusal, or of a leaflet or language gone."""
    from ..building.plan import SET_ASIDE

    previous = [item for item in stale if item.reason == SET_ASIDE]
    advice = []
    if previous:
        advice.append("A PDF in output/superseded/ is one a refused build replaced, kept for comparison: never give "
                      "it to patients; delete it once the leaflet is built again.")
    if len(previous) < len(stale):
        advice.append(f"Delete {'the others' if previous else 'these files'}, or bring back their leaflet or language.")
    return " ".join(advice)


SHOWN_LINES = 6
"""How many lines of a refusal by ``--strict`` the console shows without ``-v``."""


def _shortened(error: str, verbose: bool) -> str:
    lines = error.splitlines()
    # Only a refusal's list of untranslated messages is cut: every problem of a broken leaflet is shown.
    if verbose or len(lines) <= SHOWN_LINES + 1 or not error.startswith("refused by --strict"):
        return error
    return "\n".join(lines[:SHOWN_LINES] + [f"  … and {len(lines) - SHOWN_LINES} more: 'leaflets build -v' or "
                                              "output/build-report.json lists them all"])


_GAP_KINDS = ("untranslated", "fuzzy")


def gap_lines(report: BuildReport, verbose: bool = False) -> list[str]:
    """Return a line per language: how many messages its PDFs show in the source language, and why."""
    by_locale: dict[str, tuple[dict[tuple[str, str], str], set[str]]] = {}
    for outcome in report.outcomes:
        if outcome.gaps and outcome.status != "failed":
            messages, pdfs = by_locale.setdefault(outcome.locale, ({}, set()))
            pdfs.add(outcome.output)
            for gap in outcome.gaps:  # a message counts once, wherever it is used
                messages[gap.msgid, gap.reason] = next((kind for kind in _GAP_KINDS if gap.reason.startswith(kind)),
                                                       "failing a check")
    lines = []
    for locale, (messages, pdfs) in sorted(by_locale.items()):
        counts = Counter(messages.values())
        kinds = [f"{counts[kind]} {kind}" for kind in (*_GAP_KINDS, "failing a check") if counts[kind]]
        more = "" if verbose else f"; 'leaflets build -v -l {locale}' lists them"
        lines.append(f"{locale}: {_plural(len(messages), 'message')} shown in the source language ({', '.join(kinds)}) "
                     f"in {_plural(len(pdfs), 'PDF')} — 'leaflets stats -l {locale}'{more}")
    return lines


def interrupted_line(display: BuildDisplay) -> str:
    """Return what to tell when the build was stopped by Ctrl-C or a signal."""
    rendered = display.done - (display.planned - display.to_render)
    return (f"Interrupted after rendering {max(rendered, 0)} of {display.to_render} PDF(s). Every PDF written is "
            "whole and recorded: run the build again to finish.")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _indent(text: str, width: int = 2) -> str:
    return "\n".join(" " * width + line for line in text.splitlines())
