"""The translators' commands: ``extract``, ``init``, ``update`` and ``stats``."""

from __future__ import annotations

import json

import click

from ._app import cli


@cli.command()
@click.pass_obj
def extract(obj):
    """Extract messages from leaflets and templates into translations/leaflets.pot."""
    from ..i18n.catalogs import write_template

    config = obj.config
    changed = write_template(config)
    path = config.display(config.pot_path)
    click.echo(f"wrote {path}" if changed else f"{path} is up to date")


@cli.command()
@click.argument("locale")
@click.option("--force", is_flag=True, help="Overwrite an existing catalog (its translations are lost).")
@click.option("--translator", metavar="'NAME <EMAIL>'", help="Fill Last-Translator (Poedit and Weblate do it on save).")
@click.option("--team", metavar="'NAME <EMAIL>'", help="Fill Language-Team (default: the language's English name).")
@click.pass_obj
def init(obj, locale, force, translator, team):
    """Start the catalog of a new language from the template."""
    from ..i18n.catalogs import init_catalog

    config = obj.config
    path = init_catalog(config, locale, force, translator, team)
    locale = path.parent.parent.name
    config = obj.config  # settings read again: the new catalog is found
    if locale in config.locales:
        click.echo(f"created {config.display(path)}; 'leaflets build' now makes "
                   f"{config.language(locale).english_name} PDFs, marked as drafts until the translation is complete")
    else:
        click.echo(f"created {config.display(path)}; add '{locale}' to locales in [tool.patient-leaflets] "
                   "to build it")
    if not translator:
        click.echo("Put the translator's name and e-mail in its Last-Translator header (Poedit and Weblate do it when "
                   "saving; or pass --translator 'Name <e-mail>').")


@cli.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Update only this language (repeatable).")
@click.option("--check", is_flag=True,
              help="Write nothing; list what extract and update would change and exit 1 if anything (for CI).")
@click.pass_obj
def update(obj, locales, check):
    """Extract the template again, then merge it into each catalog: new messages, fuzzy matches, obsolete ones kept."""
    from ..i18n.catalogs import outdated_catalogs, update_catalogs, write_template

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
    if write_template(config):  # else the catalogs would be "up to date" with a template older than the leaflets
        click.echo(f"wrote {config.display(config.pot_path)} (extracted first)")
    changed = update_catalogs(config, list(locales) or None)
    for path in changed:
        click.echo(f"updated: {config.display(path)}")
    if not changed:
        click.echo("catalogs are up to date")


@cli.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Show only this language (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Write the counts as JSON, for scripts.")
@click.pass_obj
def stats(obj, locales, as_json):
    """Show translated, fuzzy and untranslated messages and words per language and leaflet."""
    from ..i18n.stats import catalog_stats

    rows = catalog_stats(obj.config, list(locales) or None)
    if as_json:
        click.echo(json.dumps({"stats": [row.as_dict() for row in rows]}, indent=2, ensure_ascii=False))
        return
    width = max([len(row.leaflet) for row in rows] + [7])
    click.echo(f"{'':<8} {'':<{width}} {'messages':^30} {'words':^30}".rstrip())
    click.echo(f"{'locale':<8} {'leaflet':<{width}} {_STATS_COLUMNS} {_STATS_COLUMNS} {'done':>5}")
    for row in rows:
        messages = f"{row.translated:>10} {row.fuzzy:>6} {row.untranslated:>12}"
        words = f"{row.words_translated:>10} {row.words_fuzzy:>6} {row.words_untranslated:>12}"
        click.echo(f"{row.locale:<8} {row.leaflet:<{width}} {messages} {words} {row.shown_percent:>4.0f}%")


_STATS_COLUMNS = f"{'translated':>10} {'fuzzy':>6} {'untranslated':>12}"


def _indent(text: str, width: int = 2) -> str:
    return "\n".join(" " * width + line for line in text.splitlines())
