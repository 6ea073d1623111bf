"""``leaflets check``: content, review dates and translations, without building."""

from __future__ import annotations

import click

from ._app import cli, verbose_option


@cli.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Check only this language's catalog (repeatable).")
@click.option("--strict", is_flag=True,
              help="Fail on every PDF that 'build --strict' would refuse: unapproved or changed text, translations "
                   "missing, fuzzy, unapproved or unsafe. Use it in CI before publishing.")
@verbose_option
@click.pass_obj
def check(obj, locales, strict):
    """Check leaflets and catalogs: content, review dates, approvals, unsafe or missing translations."""
    from ..check.coverage import summarize
    from ..check.project import check_project
    from ..check.readability import NAMES
    from ._summaries import coverage_lines

    report = check_project(obj.config, locales=list(locales) or None, strict=strict)
    if obj.config.source_locale in locales:
        click.echo(f"{obj.config.source_locale!r} is the source language: its leaflets, readability and approvals "
                   "are checked; it has no catalog (translations: " + (", ".join(obj.config.locales) or "none yet")
                   + ")")
    if strict:  # what only laying the pages out tells: the same rule as build --strict
        from ..building.gate import layout_problems

        report.add(layout_problems(obj.config, report.finals))
    if report.readability:
        click.echo(f"{'leaflet':<28} {'locale':<7} {'words':>6}  readability")
        for row in report.readability:
            scores = ", ".join(f"{NAMES[name]} {value}" for name, value in row.scores.items())
            scores = scores or ("no thresholds for this language" if row.complete else "translation incomplete")
            click.echo(f"{row.leaflet:<28} {row.locale:<7} {row.words:>6}  {scores}")
    for problem in report.errors:
        click.echo(f"error: {problem}", err=True)
    for problem in report.warnings + (report.gaps if obj.verbose else []):
        click.echo(f"warning: {problem}", err=True)
    for line in coverage_lines(summarize(report.gaps), obj.verbose):
        click.echo(f"to do: {line}", err=True)
    click.echo(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s).")
    if report.errors:
        raise SystemExit(1)
