"""A project's catalogs: extract the template, create and update translations, say what is out of date.

Each function here is one ``leaflets`` command (``extract``, ``init``, ``update``); the file format itself is
``pofile``'s business.
"""

from __future__ import annotations

import difflib
import functools
import io
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import DEFAULT_HEADER, Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from .._version import __version__
from ..config import Config
from ..errors import CatalogError, Problem, quote
from ..files import ASSET, CATALOG, LEAFLET, MAPPING, read_file, refusal, write_atomic
from .podiff import keep_unchanged_entries, word_diff
from .pofile import po_bytes, read_catalog, write_catalog

MAPPING_FILE = "babel.cfg"
"""Where extraction learns which files hold messages (the file ``pybabel extract -F`` reads too)."""


def load_catalog(config: Config, locale: str) -> Catalog:
    """Read the catalog of ``locale``; raise CatalogError, naming the file as the project shows it."""
    path = _require(config, config.po_path(locale))
    return read_catalog(path, locale, config.display(path))


def load_template(config: Config) -> Catalog:
    """Read ``translations/<domain>.pot``; raise CatalogError when it is missing or broken."""
    path = _require(config, config.pot_path)
    return read_catalog(path, display=config.display(path))


def extract_messages(config: Config, templates_only: bool = False) -> Catalog:
    """Return a catalog of every message in the leaflets and templates, as ``pybabel extract`` finds them.

    With ``templates_only``, only the templates' own strings (every method but the leaflet extractor).
    """
    mapping = config.root / MAPPING_FILE
    if not os.path.lexists(mapping):
        raise CatalogError([Problem(config.display(mapping), None, "", "missing; it tells extraction where the "
                                    "messages are")])
    text = read_file(mapping, config.display(mapping), MAPPING).decode("utf-8")
    method_map, options_map = parse_mapping_cfg(io.StringIO(text), filename=str(mapping))
    if templates_only:
        method_map = [(pattern, method) for pattern, method in method_map if method != "leaflet"]
    catalog = Catalog(project="patient-leaflets", version=__version__, copyright_holder=config.institution.name,
                      charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        config.root, method_map, options_map, comment_tags=("Translators:",), strip_comment_tags=True,
        callback=functools.partial(_refuse_unreadable, config),
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _refuse_unreadable(config: Config, filename: str, method: str, options: dict) -> None:
    """Stop extraction before Babel opens a file that ``read_file`` would refuse (a link, a pipe, too large)."""
    problem = refusal(config.root / filename, filename, LEAFLET if method == "leaflet" else ASSET)
    if problem:
        raise CatalogError([problem])


def write_template(config: Config) -> bool:
    """Write ``translations/<domain>.pot``; return False when it already held the same messages.

    An unchanged template keeps its creation date, so extraction never makes a change to commit by itself.
    """
    catalog = extract_messages(config)
    path = config.pot_path
    if not path.exists():
        write_catalog(path, catalog)
        return True
    written, raw, extracted_at = load_template(config), _raw(config, path), catalog.creation_date
    catalog.creation_date = written.creation_date
    if keep_unchanged_entries(catalog, raw, po_bytes(catalog), written) == raw:
        return False
    catalog.creation_date = extracted_at
    write_atomic(path, keep_unchanged_entries(catalog, raw, po_bytes(catalog), written))
    return True


def init_catalog(config: Config, locale: str, force: bool = False, translator: str | None = None,
                 team: str | None = None) -> Path:
    """Create the catalog for a new language (any locale Babel knows) from the template, extracted first; refuse
    to overwrite one.

    ``translator`` (``Name <e-mail>``) fills ``Last-Translator``; ``team`` fills ``Language-Team``, by default
    the language's English name. Without a translator, ``Last-Translator`` keeps gettext's ``FULL NAME
    <EMAIL@ADDRESS>``, which Poedit and Weblate replace when the translator saves.
    """
    try:  # a code typed on the command line, not yet a configured locale: Config.language cannot know it
        parsed = Locale.parse(locale)
        locale = str(parsed)
    except (ValueError, UnknownLocaleError):
        raise CatalogError([Problem.general(f"{locale!r} is not a locale Babel knows",
                                            "Use a code such as 'es', 'ar' or 'pt_BR'")]) from None
    path = config.po_path(locale)
    if path.exists() and not force:
        raise CatalogError([Problem(config.display(path), None, "", "already exists", "Use 'leaflets update' to "
                                    "bring it up to date, or --force to start again from the template")])
    write_template(config)  # as 'update' does: a new catalog never starts out of date with the leaflets
    template = load_template(config)
    author = f"# {translator}, YEAR.\n" if translator else ""  # never gettext's FIRST AUTHOR <EMAIL@ADDRESS>
    catalog = Catalog(locale=locale, project=template.project, version=template.version,
                      copyright_holder=config.institution.name, charset="utf-8", fuzzy=False,
                      header_comment=DEFAULT_HEADER.replace("# FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.\n", author),
                      msgid_bugs_address=config.institution.website,
                      creation_date=template.creation_date, revision_date=datetime.now(timezone.utc),
                      language_team=team or parsed.english_name, **({"last_translator": translator} if translator
                                                                      else {}))
    for message in template:
        if message.id:
            catalog.add(message.id, None, message.locations, auto_comments=message.auto_comments,
                        flags=message.flags, context=message.context)
    write_catalog(path, catalog)
    return path


def update_catalogs(config: Config, locales: list[str] | None = None, check: bool = False) -> list[Path]:
    """Merge the template into each catalog (fuzzy matching, previous msgids kept); return those that changed.

    With ``check``, write nothing: only report which catalogs are out of date with the template.
    """
    template = load_template(config)
    changed = []
    for locale in locales or config.locales:
        path = config.po_path(locale)
        data = merged_bytes(config, locale, template)
        if data != _raw(config, path):
            changed.append(path)
            if not check:
                write_atomic(path, data)
    return changed


def merge_template(catalog: Catalog, template: Catalog) -> Catalog:
    """Bring ``catalog`` up to date with ``template`` as ``msgmerge`` does, but for its guesses; return it.

    A fuzzy match is kept only when it follows a text that was edited: the old text is gone from the template
    and came from the same file. gettext also fills a new message with the translation of any similar one
    (``Proton`` from ``Poumons``, a library string in a leaflet): such a guess is not an earlier translation of
    this text, and a translator who trusted it and cleared the flag would publish it; it is left untranslated.
    """
    previous = {m.id: m.previous_id for m in catalog if m.fuzzy and m.previous_id}
    old = {m.id: m for m in catalog if m.id}
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    _drop_guesses(catalog, template, old)
    # Babel forgets the previous msgid of a message that was already fuzzy; translators need it to see
    # what changed, so keep it until they clear the flag.
    for message in catalog:
        if message.fuzzy and not message.previous_id and message.id in previous:
            message.previous_id = previous[message.id]
    return catalog


def _drop_guesses(catalog: Catalog, template: Catalog, old: dict) -> None:
    current = {m.id for m in template if m.id}
    for message in catalog:
        source = message.previous_id[0] if message.fuzzy and message.previous_id else None
        if source is None or message.id in old or source not in old:
            continue  # not matched by this merge
        files = {name for name, _ in message.locations}
        if source not in current and files & {name for name, _ in old[source].locations}:
            continue  # the same file's text, edited: its translation is the one to revise
        message.string = ("",) * len(message.string) if isinstance(message.string, (list, tuple)) else ""
        message.flags.discard("fuzzy")
        message.previous_id = []
        if source not in current:
            catalog.obsolete[source] = old[source]


def merged_bytes(config: Config, locale: str, template: Catalog) -> bytes:
    """Return the catalog of ``locale`` merged with ``template``, each unchanged entry as the file has it."""
    merged = merge_template(load_catalog(config, locale), template)
    path = config.po_path(locale)
    return keep_unchanged_entries(merged, _raw(config, path), po_bytes(merged), load_catalog(config, locale))


@dataclass(frozen=True)
class Outdated:
    """A file that ``leaflets extract`` and ``leaflets update`` would change, and what they would change."""

    path: Path
    changes: list[str]


def outdated_catalogs(config: Config, locales: list[str] | None = None) -> list[Outdated]:
    """Return the template and catalogs that are out of date with the leaflets and templates; write nothing.

    This is what ``leaflets update --check`` reports for CI: the messages ``leaflets extract`` then
    ``leaflets update`` would add, mark fuzzy or make obsolete.
    """
    template = extract_messages(config)
    outdated = []
    if config.pot_path.exists():
        written = load_template(config)
        template.creation_date = written.creation_date
        raw = _raw(config, config.pot_path)
        if keep_unchanged_entries(template, raw, po_bytes(template), written) != raw:
            outdated.append(Outdated(config.pot_path, _template_changes(written, template)))
    else:
        outdated.append(Outdated(config.pot_path, ["missing"]))
    for locale in locales or config.locales:
        path = config.po_path(locale)
        if merged_bytes(config, locale, template) != _raw(config, path):
            before = load_catalog(config, locale)
            merged = merge_template(load_catalog(config, locale), template)
            outdated.append(Outdated(path, _catalog_changes(before, merged)))
    return outdated


def _template_changes(written: Catalog, extracted: Catalog) -> list[str]:
    old, new = {m.id for m in written if m.id}, {m.id for m in extracted if m.id}
    removed = [msgid for msgid in old - new if isinstance(msgid, str)]
    changes = []
    for message in extracted:
        if not message.id or message.id in old:
            continue
        close = difflib.get_close_matches(message.id, removed, n=1, cutoff=0.6) if isinstance(message.id, str) else []
        if close:
            removed.remove(close[0])
            changes.append(f"changed: {quote(message.id)}{_where(message)}: {word_diff(close[0], message.id)}")
        else:
            changes.append(f"new: {quote(message.id)}{_where(message)}")
    changes += [f"removed: {quote(msgid)}" for msgid in sorted(removed)]
    return changes or _detail_changes(written, extracted)


def _catalog_changes(before: Catalog, merged: Catalog) -> list[str]:
    changes, replaced, ids = [], set(), {m.id for m in before if m.id}
    for message in merged:
        if not message.id or message.id in ids:
            continue
        if message.fuzzy and message.previous_id:
            replaced.add(message.previous_id[0])
            changes.append(f"changed: {quote(message.id)}{_where(message)}: "
                           f"{word_diff(message.previous_id[0], message.id)}; fuzzy until a translator checks it")
        else:
            changes.append(f"new: {quote(message.id)}{_where(message)}")
    current = {m.id for m in merged if m.id}
    changes += [f"removed: {quote(msgid)}, kept as obsolete" for msgid in sorted(ids - current - replaced)]
    return changes or _detail_changes(before, merged)


def _detail_changes(before: Catalog, after: Catalog) -> list[str]:
    """Name the entries whose source lines, comments or header changed (the texts themselves did not)."""
    changes = []
    for message in after:
        old = before.get(message.id, context=message.context) if message.id else None
        if old is None:
            continue
        if old.locations != message.locations:
            changes.append(_moved(quote(message.id), old.locations, message.locations))
        elif " ".join(old.auto_comments).split() != " ".join(message.auto_comments).split():
            changes.append(f"comment changed: {quote(message.id)}{_where(message)}")
    if len(changes) > 5:
        changes = changes[:5] + [f"and {len(changes) - 5} more entries whose source lines or comments changed"]
    if changes:
        return changes
    if [(m.id, m.context) for m in before] != [(m.id, m.context) for m in after]:
        return ["the same entries in another order ('leaflets update' writes them in the order of the files they "
                "come from, as 'pybabel update' and Poedit do)"]
    return ["the header changed (project, version or dates)"]


def _moved(text: str, before: list, after: list) -> str:
    """Say which of a message's source references changed: the first that did, not merely its first one."""
    gone, added = [r for r in before if r not in after], [r for r in after if r not in before]
    more = max(len(gone), len(added)) - 1
    more = f" (and {more} more reference(s))" if more > 0 else ""
    if gone and added:
        return f"moved: {text} {_reference(gone[0])} → {_reference(added[0])}{more}"
    if added:
        return f"new reference: {text} ({_reference(added[0])}){more}"
    if gone:
        return f"reference removed: {text} ({_reference(gone[0])}){more}"
    return f"references in another order: {text}"


def _reference(location: tuple) -> str:
    return f"{location[0]}:{location[1]}"


def _where(message) -> str:
    return f" ({message.locations[0][0]}:{message.locations[0][1]})" if message.locations else ""


def _raw(config: Config, path: Path) -> bytes:
    """Return the bytes of a catalog, read as ``read_catalog`` reads it."""
    return read_file(path, config.display(path), CATALOG)


def _require(config: Config, path: Path) -> Path:
    if not path.exists():
        fix = ("Run 'leaflets extract' first" if path.suffix == ".pot" else
               f"Run 'leaflets init {path.parent.parent.name}' to start it")
        raise CatalogError([Problem(config.display(path), None, "", "missing", fix)])
    return path
