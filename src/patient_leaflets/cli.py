"""The ``leaflets`` command: a thin layer over the library, one command per library function."""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import threading
from pathlib import Path

import click

from ._version import __version__
from .config import load_config
from .errors import LeafletError


class Context:
    """What every command gets: the project folder, and its settings read when a command asks for them."""

    def __init__(self, project: Path | None):
        self.project = project

    @property
    def config(self):
        """The project settings, read again at each use (``init`` adds a locale)."""
        return load_config(self.project)


def _fail(exc: LeafletError) -> None:
    click.echo(f"Error: {exc}", err=True)
    raise SystemExit(1)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except LeafletError as exc:
            _fail(exc)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="leaflets")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder (default: the nearest folder with a configured pyproject.toml).")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens, including timings.")
@click.pass_context
def cli(ctx, project, verbose):
    """Build patient leaflets (PDF) from YAML content, gettext catalogs and print CSS."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    ctx.obj = Context(project)


@cli.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Build only this language (repeatable).")
@click.option("--leaflet", "leaflets", multiple=True, help="Build only this leaflet id (repeatable).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Parallel workers (default: one per core).")
@click.option("--force", is_flag=True, help="Rebuild even the PDFs that are up to date.")
@click.option("--strict", is_flag=True,
              help="Refuse drafts: unapproved content, untranslated or fuzzy messages. Use it before publishing.")
@click.option("--html", is_flag=True, help="Keep the HTML handed to WeasyPrint beside each PDF, for debugging.")
@click.pass_obj
def build(obj, locales, leaflets, jobs, force, strict, html):
    """Build output/<locale>/<leaflet>.pdf for every leaflet and language."""
    from .build import build as run_build
    from .progress import closing_lines, interrupted_line, make_display

    config = obj.config
    display = make_display()
    try:
        with _sigterm_as_interrupt():
            report = run_build(config, list(locales) or None, list(leaflets) or None, jobs, force, strict, html,
                               listener=display)
    except KeyboardInterrupt:
        display.close()
        click.echo(interrupted_line(display), err=True)
        raise SystemExit(130) from None
    finally:
        display.close()
    for line in closing_lines(report):
        click.echo(line)
    if report.failed:
        raise SystemExit(1)


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


@cli.command()
@click.pass_obj
def check(obj):
    """Check leaflets and catalogs: content, review dates, unsafe or missing translations."""
    from .check.project import check_project
    from .check.readability import NAMES

    report = check_project(obj.config)
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


@cli.command()
@click.pass_obj
def extract(obj):
    """Extract messages from leaflets and templates into translations/leaflets.pot."""
    from .i18n.catalogs import write_template

    config = obj.config
    changed = write_template(config)
    path = config.display(config.pot_path)
    click.echo(f"wrote {path}" if changed else f"{path} is up to date")


@cli.command()
@click.argument("locale")
@click.option("--force", is_flag=True, help="Overwrite an existing catalog (its translations are lost).")
@click.pass_obj
def init(obj, locale, force):
    """Start the catalog of a new language from the template."""
    from babel import Locale

    from .i18n.catalogs import init_catalog

    config = obj.config
    path = init_catalog(config, locale, force)
    locale = path.parent.parent.name
    if locale in obj.config.locales:  # settings read again: the new catalog is found
        click.echo(f"created {config.display(path)}; 'leaflets build' now makes "
                   f"{Locale.parse(locale).english_name} PDFs, marked as drafts until the translation is complete")
    else:
        click.echo(f"created {config.display(path)}; add '{locale}' to locales in [tool.patient-leaflets] "
                   "to build it")


@cli.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Update only this language (repeatable).")
@click.option("--check", is_flag=True,
              help="Write nothing; list what extract and update would change and exit 1 if anything (for CI).")
@click.pass_obj
def update(obj, locales, check):
    """Merge the template into each catalog: new messages, fuzzy matches, obsolete ones kept."""
    from .i18n.catalogs import outdated_catalogs, update_catalogs

    config = obj.config
    if check:
        outdated = outdated_catalogs(config, list(locales) or None)
        for item in outdated:
            click.echo(f"out of date: {config.display(item.path)}")
            for change in item.changes:
                click.echo(_indent(change))
        if outdated:
            click.echo("Run 'leaflets extract' and 'leaflets update', then commit the catalogs.", err=True)
            raise SystemExit(1)
        click.echo("template and catalogs are up to date")
        return
    changed = update_catalogs(config, list(locales) or None)
    for path in changed:
        click.echo(f"updated: {config.display(path)}")
    if not changed:
        click.echo("catalogs are up to date")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Write the counts as JSON, for scripts.")
@click.pass_obj
def stats(obj, as_json):
    """Show translated, fuzzy and untranslated messages and words per language and leaflet."""
    from .i18n.stats import catalog_stats

    rows = catalog_stats(obj.config)
    if as_json:
        click.echo(json.dumps({"stats": [row.as_dict() for row in rows]}, indent=2, ensure_ascii=False))
        return
    width = max([len(row.leaflet) for row in rows] + [7])
    click.echo(f"{'':<8} {'':<{width}} {'messages':^30} {'words':^30}".rstrip())
    click.echo(f"{'locale':<8} {'leaflet':<{width}} {_STATS_COLUMNS} {_STATS_COLUMNS} {'done':>5}")
    for row in rows:
        messages = f"{row.translated:>10} {row.fuzzy:>6} {row.untranslated:>12}"
        words = f"{row.words_translated:>10} {row.words_fuzzy:>6} {row.words_untranslated:>12}"
        click.echo(f"{row.locale:<8} {row.leaflet:<{width}} {messages} {words} {row.percent:>4.0f}%")


_STATS_COLUMNS = f"{'translated':>10} {'fuzzy':>6} {'untranslated':>12}"


def _indent(text: str, width: int = 2) -> str:
    return "\n".join(" " * width + line for line in text.splitlines())


def main() -> None:
    """Run the command line."""
    cli(prog_name="leaflets")
