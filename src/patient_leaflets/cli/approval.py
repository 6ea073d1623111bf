"""Document control: ``leaflets approve`` (record who approved which text) and ``leaflets status`` (where each
PDF stands)."""

from __future__ import annotations

import datetime as dt
import json

import click

from ._app import cli


@cli.command()
@click.argument("leaflet", required=False)
@click.option("--clinical", multiple=True, metavar="NAME",
              help="A clinician who approved the text (repeatable; required unless --locale).")
@click.option("--patient", multiple=True, metavar="NAME", help="A patient reviewer who approved the text (repeatable).")
@click.option("-l", "--locale", help="Approve the translation into this language instead of the source text.")
@click.option("--translator", multiple=True, metavar="NAME", help="Who translated it (repeatable; with --locale).")
@click.option("--reviewer", multiple=True, metavar="NAME",
              help="Who checked the translation against the source (repeatable; with --locale).")
@click.option("--layout", is_flag=True, help="Approve the look of every leaflet (templates, styles, pictograms, "
              "fonts) as it is now, instead of a text; with --by.")
@click.option("--by", "by", multiple=True, metavar="NAME", help="Who checked the layout (repeatable; with --layout).")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The day it was approved (default: today).")
@click.pass_obj
def approve(obj, leaflet, clinical, patient, locale, translator, reviewer, layout, by, day):
    """Record that named people approved LEAFLET's text (or its translation) exactly as it is now.

    The record goes into the leaflet's metadata (translations: translations/<locale>/approvals.yaml) with a
    digest of what a patient sees; any later change to it makes its PDFs drafts again. With --layout, the look
    of every leaflet is approved instead (layout-approval.yaml).
    """
    from ..approval.approve import approve_layout_as_is, approve_leaflet, approve_translation

    config = obj.config
    day = day.date() if day else None
    if layout or by:
        if leaflet or clinical or patient or locale or translator or reviewer or not (layout and by):
            raise click.UsageError("the layout is approved on its own, for every leaflet: leaflets approve --layout "
                                   "--by NAME")
        done = approve_layout_as_is(config, list(by), day)
        what = f"the layout of every leaflet ({len(done.record.hashes)} files)"
        click.echo(f"approved {what} on {done.record.date} by {', '.join(done.record.names())}")
        click.echo(f"recorded in {config.display(done.path)}")
        return
    if not leaflet:
        raise click.UsageError("name the leaflet whose text is approved (or approve the layout: --layout --by NAME)")
    if locale:
        if clinical or patient:
            raise click.UsageError("--clinical and --patient approve the source text; with --locale, use "
                                   "--translator and --reviewer")
        done = approve_translation(config, leaflet, locale, list(translator), list(reviewer), day)
        what = f"the {locale} translation of {leaflet}"
    else:
        if translator or reviewer:
            raise click.UsageError("--translator and --reviewer need --locale LOCALE (the translation's language)")
        if not clinical:
            raise click.UsageError("name at least one clinician who approved the text: --clinical NAME")
        done = approve_leaflet(config, leaflet, list(clinical), list(patient), day)
        what = f"the text of {leaflet}"
    people = "; ".join(f"{role}: {', '.join(names)}" for role, names in done.record.people.items() if names)
    click.echo(f"approved {what} ({len(done.record.hashes)} messages) on {done.record.date} by {people}")
    click.echo(f"recorded in {config.display(done.path)}")
    for note in done.notes:
        click.echo(f"note: {note}", err=True)


@cli.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Show only this language (repeatable).")
@click.option("--leaflet", "leaflets", multiple=True, help="Show only this leaflet id (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Write the table as JSON, for scripts.")
@click.pass_obj
def status(obj, locales, leaflets, as_json):
    """Show every leaflet in every language: version, approved by whom and when, review due, final or draft."""
    from ..approval.state import verdict_summary
    from ..pipeline.status import approval_status, layout_status

    rows = approval_status(obj.config, list(locales) or None, list(leaflets) or None)
    layout, said = layout_status(obj.config)
    if as_json:
        summary = verdict_summary(layout).to_json() if layout else None
        rows = [row.as_dict() for row in rows]
        click.echo(json.dumps({"layout": {"said": said, "approval": summary}, "status": rows}, indent=2,
                              ensure_ascii=False))
        return
    click.echo(f"layout (templates, styles, pictograms, fonts): {said}")
    width = max([len(row.leaflet) for row in rows] + [7])
    click.echo(f"{'leaflet':<{width}}  {'lang':<5} {'version':<8} {'approved by':<32} {'on':<10}  "
               f"{'review due':<10}  state")
    for row in rows:
        click.echo(f"{row.leaflet:<{width}}  {row.locale:<5} {row.version:<8} {_by(row):<32} {_on(row):<10}  "
                   f"{_due(row.review_due):<10}  {_state(row)}")
    finals = sum(row.final for row in rows)
    # A row is a leaflet in a language: all its formats (standard, large print) are final or drafts together.
    if finals == len(rows):
        click.echo(f"{finals} of {len(rows)} final, in every format.")
    else:
        click.echo(f"{finals} of {len(rows)} final, in every format; the PDFs of the others are drafts, not to be "
                   "given to patients.")


def _by(row) -> str:
    verdict = row.verdict
    if verdict is None or verdict.record is None:
        return "-"
    names = ", ".join(verdict.record.names())
    return names if len(names) <= 32 else names[:31] + "…"


def _on(row) -> str:
    verdict = row.verdict
    return verdict.record.date.isoformat() if verdict is not None and verdict.record is not None else "-"


def _due(day: dt.date | None) -> str:
    return day.isoformat() if day else "-"


def _state(row) -> str:
    if row.final:
        return "final"
    reasons = row.reasons(hints=False)
    first = reasons[0].splitlines()[0] if reasons else ""
    return f"draft: {'; '.join([first, *reasons[1:]])}" if not row.error else f"failed: {first}"
