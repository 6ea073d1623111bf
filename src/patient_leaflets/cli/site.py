"""``leaflets site`` and ``leaflets preview``: the clinicians' library of every PDF, written or served."""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from pathlib import Path

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
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
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


@cli.command()
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("-l", "--locale", "locales", multiple=True, help="Build only this language (repeatable).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Workers kept warm (default: one per core).")
@click.pass_obj
def preview(obj, port, locales, jobs):
    """Serve the library on 127.0.0.1 and build again on every save; the page reloads itself."""
    from ..site.preview import Preview

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # Ctrl-C is how a preview ends: no warning

    session = Preview(obj.project, list(locales) or None, _PreviewLines(obj.config), jobs)
    try:
        _tell_errors(session.rebuild())
    except KeyboardInterrupt:  # the build stopped cleanly, as `leaflets build` does
        raise SystemExit(130) from None
    stop = threading.Event()
    with _stop_on_signals(stop):  # before the address is told: from then on, Ctrl-C ends the preview cleanly
        server = session.serve(port)  # a taken port or a linked output folder: one line, from the command line
        threading.Thread(target=server.serve_forever, daemon=True).start()
        click.echo(f"Serving the library at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop); "
                   f"watching {', '.join(obj.config.display(p) for p in session.watched())}")
        session.watch(stop, lambda changes: click.echo(f"changed    {_changed(obj.config, changes)}"), _tell_errors)
    server.shutdown()
    server.server_close()


@contextlib.contextmanager
def _stop_on_signals(stop):
    """Let Ctrl-C or ``kill`` end the preview once the build under way is done, instead of interrupting it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, lambda signum, frame: stop.set())
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class _PreviewLines:
    """Tell each PDF built or failed, one line each, as ``leaflets build`` does in a pipe."""

    def __init__(self, config):
        self.config = config

    def started(self, planned: int, to_render: int) -> None:
        if to_render:
            click.echo(f"building   {to_render} of {planned} PDF(s)")

    def finished(self, outcome) -> None:
        if outcome.status == "built":
            click.echo(f"built      {outcome.output} ({outcome.seconds:.2f} s)")
        elif outcome.status == "failed":
            click.echo(f"failed     {outcome.output}", err=True)


def _tell_errors(errors: list[str]) -> None:
    for error in errors:
        click.echo(f"error: {error}", err=True)
    click.echo("ready" if not errors else f"ready, with {len(errors)} error(s)")


def _changed(config, changes) -> str:
    """Name the files saved; a file made and gone within the same save (an editor's temporary file) is none."""
    added = {path for change, path in changes if change.name == "added"}
    saved = {path for _, path in changes if path not in added or Path(path).exists()}
    return ", ".join(sorted({config.display(Path(path)) for path in saved or {p for _, p in changes}}))
