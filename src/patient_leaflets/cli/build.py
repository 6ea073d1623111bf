"""``leaflets build``: every leaflet in every language, to PDF."""

from __future__ import annotations

import contextlib
import signal
import threading

import click

from ..config.formats import FORMATS
from ._app import cli, verbose_option


@cli.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Build only this language (repeatable).")
@click.option("--leaflet", "leaflets", multiple=True, help="Build only this leaflet id (repeatable).")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(list(FORMATS)),
              help="Build this format (repeatable): standard, large-print, or proof (the bilingual review proof, "
                   "for translations only). Default: the formats setting (standard and large-print).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Parallel workers (default: one per core).")
@click.option("--force", is_flag=True, help="Rebuild even the PDFs that are up to date.")
@click.option("--strict", is_flag=True,
              help="Refuse drafts: unapproved content, untranslated or fuzzy messages. Use it before publishing.")
@click.option("--html", is_flag=True, help="Keep the HTML handed to WeasyPrint beside each PDF, for debugging.")
@verbose_option
@click.pass_obj
def build(obj, locales, leaflets, formats, jobs, force, strict, html):
    """Build output/<locale>/<leaflet>.pdf (and .large-print.pdf) for every leaflet and language."""
    from ..building import BuildOptions, build_leaflets
    from .progress import closing_lines, interrupted_line, make_display

    config = obj.config
    display = make_display(verbose=obj.verbose)
    try:
        with _sigterm_as_interrupt():
            options = BuildOptions(locales=locales or None, leaflets=leaflets or None, formats=formats or None,
                                   jobs=jobs, force=force, strict=strict, keep_html=html)
            report = build_leaflets(config, options, listener=display)
    except KeyboardInterrupt:
        display.close()
        click.echo(interrupted_line(display), err=True)
        raise SystemExit(130) from None
    finally:
        display.close()
    for line in closing_lines(report, obj.verbose):
        click.echo(line)
    _refresh_library(config)
    if report.failed:
        raise SystemExit(1)


def _refresh_library(config) -> None:
    """Bring the library page (``leaflets site``) up to date: checksums only when nothing changed."""
    from ..errors import LeafletError
    from ..site import build_site

    try:
        build_site(config)
    except LeafletError as exc:  # the PDFs are built; the page says nothing wrong about them
        click.echo(f"warning: the library page (output/index.html) was not written: {exc}", err=True)


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """Let ``kill`` stop a build as Ctrl-C does, cleanly (only the main thread can catch signals)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
