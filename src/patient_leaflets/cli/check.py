"""``leaflets check``: content, review dates and translations, without building."""

from __future__ import annotations

import click

from ._app import cli


@cli.command()
@click.option("--strict", is_flag=True,
              help="Fail on every PDF that 'build --strict' would refuse: unapproved or changed text, translations "
                   "missing, fuzzy, unapproved or unsafe. Use it in CI before publishing.")
@click.pass_obj
def check(obj, strict):
    """Check leaflets and catalogs: content, review dates, approvals, unsafe or missing translations."""
    from ..check.project import check_project
    from ..check.readability import NAMES

    report = check_project(obj.config, strict=strict)
    if report.readability:
        click.echo(f"{'leaflet':<28} {'locale':<7} {'words':>6}  readability")
        for row in report.readability:
            scores = ", ".join(f"{NAMES[name]} {value}" for name, value in row.scores.items())
            scores = scores or ("no thresholds for this language" if row.complete else "translation incomplete")
            click.echo(f"{row.leaflet:<28} {row.locale:<7} {row.words:>6}  {scores}")
    for problem in report.errors:
        click.echo(f"error: {problem}", err=True)
    for problem in report.warnings:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s).")
    if report.errors:
        raise SystemExit(1)
