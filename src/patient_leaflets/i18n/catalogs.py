"""A project's catalogs: extract the template, create and update translations, say what is out of date.

Each function here is one ``leaflets`` command (``extract``, ``init``, ``update``); the file format itself is
``pofile``'s business.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from .._version import __version__
from ..config import Config
from ..errors import CatalogError, Problem, quote
from ..files import write_atomic
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
    try:
        with open(mapping, encoding="utf-8") as fh:
            method_map, options_map = parse_mapping_cfg(fh, filename=str(mapping))
    except FileNotFoundError:
        raise CatalogError([Problem(config.display(mapping), None, "", "missing; it tells extraction where the "
                                    "messages are")]) from None
    if templates_only:
        method_map = [(pattern, method) for pattern, method in method_map if method != "leaflet"]
    catalog = Catalog(project="patient-leaflets", version=__version__, copyright_holder=config.institution.name,
                      charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        config.root, method_map, options_map, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def write_template(config: Config) -> bool:
    """Write ``translations/<domain>.pot``; return False when it already held the same messages.

    An unchanged template keeps its creation date, so extraction never makes a change to commit by itself.
    """
    catalog = extract_messages(config)
    path = config.pot_path
    if path.exists():
        extracted_at = catalog.creation_date
        catalog.creation_date = load_template(config).creation_date
        if po_bytes(catalog) == path.read_bytes():
            return False
        catalog.creation_date = extracted_at
    write_catalog(path, catalog)
    return True


def init_catalog(config: Config, locale: str, force: bool = False) -> Path:
    """Create the catalog for a new language (any locale Babel knows) from the template; refuse to overwrite one."""
    try:
        locale = str(Locale.parse(locale))
    except (ValueError, UnknownLocaleError):
        raise CatalogError([Problem("", None, "", f"{locale!r} is not a locale Babel knows",
                                    "Use a code such as 'es', 'ar' or 'pt_BR'")]) from None
    path = config.po_path(locale)
    if path.exists() and not force:
        raise CatalogError([Problem(config.display(path), None, "", "already exists", "Use 'leaflets update' to "
                                    "bring it up to date, or --force to start again from the template")])
    template = load_template(config)
    catalog = Catalog(locale=locale, project=template.project, version=template.version,
                      copyright_holder=template.copyright_holder, charset="utf-8", fuzzy=False,
                      creation_date=template.creation_date, revision_date=datetime.now(timezone.utc),
                      language_team=f"{locale} <>")
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
        data = po_bytes(merge_template(load_catalog(config, locale), template))
        if data != path.read_bytes():
            changed.append(path)
            if not check:
                write_atomic(path, data)
    return changed


def merge_template(catalog: Catalog, template: Catalog) -> Catalog:
    """Bring ``catalog`` up to date with ``template`` as ``msgmerge`` does; return it."""
    previous = {m.id: m.previous_id for m in catalog if m.fuzzy and m.previous_id}
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    # Babel forgets the previous msgid of a message that was already fuzzy; translators need it to see
    # what changed, so keep it until they clear the flag.
    for message in catalog:
        if message.fuzzy and not message.previous_id and message.id in previous:
            message.previous_id = previous[message.id]
    return catalog


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
        if po_bytes(template) != config.pot_path.read_bytes():
            outdated.append(Outdated(config.pot_path, _template_changes(written, template)))
    else:
        outdated.append(Outdated(config.pot_path, ["missing"]))
    for locale in locales or config.locales:
        path = config.po_path(locale)
        catalog = load_catalog(config, locale)
        before = {m.id for m in catalog if m.id}
        merged = merge_template(catalog, template)
        if po_bytes(merged) != path.read_bytes():
            outdated.append(Outdated(path, _catalog_changes(before, merged)))
    return outdated


def _template_changes(written: Catalog, extracted: Catalog) -> list[str]:
    old, new = {m.id for m in written if m.id}, {m.id for m in extracted if m.id}
    changes = [f"new: {quote(m.id)}{_where(m)}" for m in extracted if m.id and m.id not in old]
    changes += [f"removed: {quote(m.id)}" for m in written if m.id and m.id not in new]
    return changes or ["references or comments changed"]


def _catalog_changes(before: set[str], merged: Catalog) -> list[str]:
    changes, replaced = [], set()
    for message in merged:
        if not message.id or message.id in before:
            continue
        if message.fuzzy and message.previous_id:
            replaced.add(message.previous_id[0])
            changes.append(f"changed: {quote(message.previous_id[0])} → {quote(message.id)}{_where(message)}, "
                           "fuzzy until a translator checks it")
        else:
            changes.append(f"new: {quote(message.id)}{_where(message)}")
    current = {m.id for m in merged if m.id}
    changes += [f"removed: {quote(msgid)}, kept as obsolete" for msgid in sorted(before - current - replaced)]
    return changes or ["references or comments changed"]


def _where(message) -> str:
    return f" ({message.locations[0][0]}:{message.locations[0][1]})" if message.locations else ""


def _require(config: Config, path: Path) -> Path:
    if not path.exists():
        fix = ("Run 'leaflets extract' first" if path.suffix == ".pot" else
               f"Run 'leaflets init {path.parent.parent.name}' to start it")
        raise CatalogError([Problem(config.display(path), None, "", "missing", fix)])
    return path
