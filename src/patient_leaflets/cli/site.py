"""``leaflets site`` and ``leaflets preview``: the clinicians' library of every PDF, written or served."""

from __future__ import annotations

import click

from ._app import cli


@cli.command()
@click.option("-l", "--locale", "locales", multiple=True,
              help="Write the page in this language only (repeatable; default: every language of the project).")
@click.pass_obj
def site(obj, locales):
    """Write output/index.html: every PDF, to find, preview and print (one page per language)."""
    from ..site import build_site

    report = build_site(obj.config, list(locales) or None)
    for line in site_lines(obj.config, report):
        click.echo(line)


def site_lines(config, report) -> list[str]:
    """Return what the command says about the library: each page, and the strings it shows untranslated."""
    state = "unchanged" if report.up_to_date else "written"
    lines = [f"{state:<10} {config.display(page)}" for page in report.pages]
    for locale, strings in report.untranslated.items():
        lines.append(f"  {len(strings)} string(s) of the {locale!r} page shown in the source language "
                     f"(translate them in {config.display(config.po_path(locale))}):")
        lines += [f"    {text!r}" for text in strings]
    lines.append(f"Library of {report.pdfs} PDF(s): open {config.display(report.pages[0])}" if report.pages
                 else "No library written.")
    return lines
