"""Message catalogs: extract the template, create and update translations, and count what is done."""

from __future__ import annotations

import io
from datetime import datetime, timezone
import logging
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import PoFileError, read_po, write_po

from . import __version__
from .config import Config
from .errors import CatalogError, Problem
from .files import write_atomic

log = logging.getLogger(__name__)

MAPPING_FILE = "babel.cfg"
WIDTH = 76


def extract_messages(config: Config) -> Catalog:
    """Return a catalog of every message in the leaflets and templates, as ``pybabel extract`` finds them."""
    mapping = config.root / MAPPING_FILE
    try:
        with open(mapping, encoding="utf-8") as fh:
            method_map, options_map = parse_mapping_cfg(fh, filename=str(mapping))
    except FileNotFoundError:
        raise CatalogError(f"{mapping}: missing; it tells extraction where the messages are") from None
    catalog = Catalog(project="patient-leaflets", version=__version__, copyright_holder=config.institution.name,
                      charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        config.root, method_map, options_map, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def write_template(config: Config) -> bool:
    """Write ``translations/<domain>.pot``; return False when it already held the same messages."""
    catalog = extract_messages(config)
    path = config.pot_path
    if path.exists():
        previous = read_catalog(path)
        if _same_messages(previous, catalog):
            return False
    write_catalog(path, catalog)
    return True


def init_catalog(config: Config, locale: str, force: bool = False) -> Path:
    """Create the catalog for a new language from the template; refuse to overwrite one."""
    path = config.po_path(locale)
    if path.exists() and not force:
        raise CatalogError(f"{_display(config, path)}: already exists. Use 'leaflets update' to bring it up "
                           "to date, or --force to start again from the template")
    template = read_catalog(_require(config, config.pot_path))
    catalog = Catalog(locale=Locale.parse(locale), project=template.project, version=template.version,
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

    With ``check``, write nothing: only report which catalogs are out of date.
    """
    template = read_catalog(_require(config, config.pot_path))
    changed = []
    for locale in locales or config.locales:
        path = _require(config, config.po_path(locale))
        catalog = read_catalog(path, locale)
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        data = _po_bytes(catalog)
        if data != path.read_bytes():
            changed.append(path)
            if not check:
                write_atomic(path, data)
    return changed


@dataclass(frozen=True)
class CatalogStats:
    """How far one language's translation has come."""

    locale: str
    total: int
    translated: int
    fuzzy: int

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalog_stats(config: Config, locales: list[str] | None = None) -> list[CatalogStats]:
    """Count translated, fuzzy and untranslated messages per language (fuzzy is never counted as done)."""
    template = read_catalog(_require(config, config.pot_path))
    wanted = {m.id for m in template if m.id}
    stats = []
    for locale in locales or config.locales:
        path = config.po_path(locale)
        catalog = read_catalog(path, locale) if path.exists() else Catalog(locale=locale)
        messages = [catalog.get(msgid) for msgid in wanted]
        fuzzy = sum(1 for m in messages if m is not None and m.string and m.fuzzy)
        done = sum(1 for m in messages if m is not None and m.string and not m.fuzzy)
        stats.append(CatalogStats(locale, len(wanted), done, fuzzy))
    return stats


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Read a .po or .pot file, turning syntax errors into CatalogError with file and line."""
    try:
        with open(path, "rb") as fh:
            return read_po(fh, locale=locale, abort_invalid=True)
    except PoFileError as exc:
        raise CatalogError([Problem(str(path), getattr(exc, "lineno", None), "", str(exc).split(" on ")[0])]) from None
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read ({exc.strerror})") from None


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write a catalog atomically, with the previous msgids translators' tools show beside fuzzy entries."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, _po_bytes(catalog))


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_previous=True, sort_by_file=True)
    return buffer.getvalue()


def _same_messages(a: Catalog, b: Catalog) -> bool:
    def key(catalog):
        return sorted((m.id, m.context or "", tuple(m.locations), tuple(m.auto_comments)) for m in catalog if m.id)
    return key(a) == key(b)


def _require(config: Config, path: Path) -> Path:
    if not path.exists():
        hint = "Run 'leaflets extract' first" if path.suffix == ".pot" else "Run 'leaflets init LOCALE' first"
        raise CatalogError(f"{_display(config, path)}: missing. {hint}")
    return path


def _display(config: Config, path: Path) -> str:
    try:
        return str(path.relative_to(config.root))
    except ValueError:
        return str(path)
