"""Message catalogs: extract the template, create and update translations, and count what is done."""

from __future__ import annotations

import codecs
import io
import re
from datetime import datetime, timezone
import logging
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from . import __version__
from .config import Config
from .errors import CatalogError, Problem
from .files import write_atomic

log = logging.getLogger(__name__)

MAPPING_FILE = "babel.cfg"
WIDTH = 76
MAX_BYTES = 10 * 1024 * 1024
"""Largest catalog accepted: one language for every leaflet is well under 1 MB."""


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
    """Write ``translations/<domain>.pot``; return False when it already held the same messages.

    An unchanged template keeps its creation date, so extraction never makes a change to commit by itself.
    """
    catalog = extract_messages(config)
    path = config.pot_path
    if path.exists():
        extracted_at = catalog.creation_date
        catalog.creation_date = read_catalog(path).creation_date
        if _po_bytes(catalog) == path.read_bytes():
            return False
        catalog.creation_date = extracted_at
    write_catalog(path, catalog)
    return True


def init_catalog(config: Config, locale: str, force: bool = False) -> Path:
    """Create the catalog for a new language (any locale Babel knows) from the template; refuse to overwrite one."""
    try:
        locale = str(Locale.parse(locale))
    except (ValueError, UnknownLocaleError):
        raise CatalogError(f"{locale!r} is not a locale Babel knows. Use a code such as 'es', 'ar' or "
                           "'pt_BR'") from None
    path = config.po_path(locale)
    if path.exists() and not force:
        raise CatalogError(f"{_display(config, path)}: already exists. Use 'leaflets update' to bring it up "
                           "to date, or --force to start again from the template")
    template = read_catalog(_require(config, config.pot_path))
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
    template = read_catalog(_require(config, config.pot_path))
    changed = []
    for locale in locales or config.locales:
        path = _require(config, config.po_path(locale))
        data = _po_bytes(merge_template(read_catalog(path, locale), template))
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
        written = read_catalog(config.pot_path)
        template.creation_date = written.creation_date
        if _po_bytes(template) != config.pot_path.read_bytes():
            outdated.append(Outdated(config.pot_path, _template_changes(written, template)))
    else:
        outdated.append(Outdated(config.pot_path, ["missing"]))
    for locale in locales or config.locales:
        path = _require(config, config.po_path(locale))
        catalog = read_catalog(path, locale)
        before = {m.id for m in catalog if m.id}
        merged = merge_template(catalog, template)
        if _po_bytes(merged) != path.read_bytes():
            outdated.append(Outdated(path, _catalog_changes(before, merged)))
    return outdated


def _template_changes(written: Catalog, extracted: Catalog) -> list[str]:
    old, new = {m.id for m in written if m.id}, {m.id for m in extracted if m.id}
    changes = [f"new: {_quote(m.id)}{_where(m)}" for m in extracted if m.id and m.id not in old]
    changes += [f"removed: {_quote(m.id)}" for m in written if m.id and m.id not in new]
    return changes or ["references or comments changed"]


def _catalog_changes(before: set[str], merged: Catalog) -> list[str]:
    changes, replaced = [], set()
    for message in merged:
        if not message.id or message.id in before:
            continue
        if message.fuzzy and message.previous_id:
            replaced.add(message.previous_id[0])
            changes.append(f"changed: {_quote(message.previous_id[0])} → {_quote(message.id)}{_where(message)}, "
                           "fuzzy until a translator checks it")
        else:
            changes.append(f"new: {_quote(message.id)}{_where(message)}")
    current = {m.id for m in merged if m.id}
    changes += [f"removed: {_quote(msgid)}, kept as obsolete" for msgid in sorted(before - current - replaced)]
    return changes or ["references or comments changed"]


def _quote(msgid) -> str:
    from .checks import quote

    return quote(msgid)


def _where(message) -> str:
    return f" ({message.locations[0][0]}:{message.locations[0][1]})" if message.locations else ""


ALL = "all"
"""The ``leaflet`` of the row that totals a language (each message counted once)."""
TEMPLATES = "templates"
"""The ``leaflet`` of the messages of the templates, which every leaflet shows."""


@dataclass(frozen=True)
class CatalogStats:
    """How far one language's translation of one leaflet (or of everything, ``all``) has come."""

    locale: str
    leaflet: str
    """A leaflet id (``_shared`` for the sections every leaflet ends with), ``templates`` or ``all``."""
    total: int
    translated: int
    fuzzy: int
    words: int = 0
    """Words of the source text, placeholders and markup left out."""
    words_translated: int = 0
    words_fuzzy: int = 0

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    @property
    def words_untranslated(self) -> int:
        return self.words - self.words_translated - self.words_fuzzy

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict:
        """Return the row as ``leaflets stats --json`` writes it."""
        return {
            "locale": self.locale,
            "leaflet": self.leaflet,
            "messages": {"total": self.total, "translated": self.translated, "fuzzy": self.fuzzy,
                         "untranslated": self.untranslated},
            "words": {"total": self.words, "translated": self.words_translated, "fuzzy": self.words_fuzzy,
                      "untranslated": self.words_untranslated},
            "percent": round(self.percent, 1),
        }


def catalog_stats(config: Config, locales: list[str] | None = None) -> list[CatalogStats]:
    """Count translated, fuzzy and untranslated messages and words per language and leaflet.

    Each language has one row per leaflet, one for the templates, then its ``all`` row. A fuzzy message is
    never counted as translated (``pybabel compile --statistics`` counts it so).
    """
    template = read_catalog(_require(config, config.pot_path))
    groups: dict[str, set[str]] = {}
    for message in template:
        if message.id:
            for name in {_group(config, path) for path, _ in message.locations} or {TEMPLATES}:
                groups.setdefault(name, set()).add(message.id)
    everything = {m.id for m in template if m.id}
    rows = []
    for locale in locales or config.locales:
        path = config.po_path(locale)
        catalog = read_catalog(path, locale) if path.exists() else Catalog(locale=locale)
        for name in sorted(groups, key=lambda name: (name == TEMPLATES, name)):
            rows.append(_count(catalog, locale, name, groups[name]))
        rows.append(_count(catalog, locale, ALL, everything))
    return rows


def _group(config: Config, path: str) -> str:
    parts = Path(path).parts
    if len(parts) == 2 and parts[0] == config.leaflets_dir and path.endswith(".yaml"):
        return Path(path).stem
    return TEMPLATES


def _count(catalog: Catalog, locale: str, name: str, msgids: set[str]) -> CatalogStats:
    done, fuzzy = [], []
    for msgid in msgids:
        message = catalog.get(msgid)
        if message is not None and message.string:
            (fuzzy if message.fuzzy else done).append(msgid)
    return CatalogStats(locale, name, len(msgids), len(done), len(fuzzy), _words(msgids), _words(done),
                        _words(fuzzy))


_PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)[sdif]|\]\([^)]*\)")
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def count_words(text: str) -> int:
    """Count the words a translator reads in a message: placeholders and link addresses are not words."""
    return len(_WORD.findall(_PLACEHOLDER.sub(" ", text)))


def _words(msgids) -> int:
    return sum(count_words(msgid) for msgid in msgids)


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Read a .po or .pot file; raise CatalogError naming every line that is not valid gettext syntax.

    Babel's reader is lenient (it truncates an unterminated string and keeps the first of two identical
    msgids); a translation silently cut short can hurt a patient, so the syntax is checked first.
    """
    data = _read_limited(path)
    problems = check_po_encoding(data, str(path)) or check_po_syntax(data, str(path))
    if problems:
        raise CatalogError(problems)
    try:
        catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        raise CatalogError([Problem(str(path), exc.lineno + 1, "", str(exc).split(" on ")[0])]) from None
    except (ValueError, LookupError) as exc:  # Babel reads dates and plural forms in the header strictly
        raise CatalogError([Problem(str(path), None, "", f"invalid header: {exc}",
                                    "Compare the header (the first entry) with the one in leaflets.pot")]) from None
    problems = check_po_language(data, str(path), locale)
    if problems:
        raise CatalogError(problems)
    _restore_previous_ids(catalog)
    return catalog


def _read_limited(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise CatalogError(f"{path}: more than the {MAX_BYTES // 1024**2} MB a catalog may have. Check that "
                           "nothing was pasted into it by mistake")
    return data


_BOMS = {codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16"}
_CHARSET = re.compile(rb'^"Content-Type:.*charset=([^\\\s";]*)', re.IGNORECASE)
_LANGUAGE = re.compile(rb'^"Language:\s*([^\\"]*)')


def check_po_encoding(data: bytes, display: str) -> list[Problem]:
    """Return a problem if a catalog is not UTF-8 or its header declares another charset.

    Every tool here writes UTF-8; a catalog in another charset, or one that says it is, would show patients
    garbled accents (``tempÃ©rature``) or stop the build halfway.
    """
    if data.startswith(tuple(_BOMS)):
        return [Problem(display, None, "", "the file is UTF-16 text, not UTF-8", "Save the catalog as UTF-8")]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[data.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8", "replace")) + 1
        return [Problem(display, line, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
                        "Save the catalog as UTF-8 and set charset=UTF-8 in its header", column)]
    for number, match in _header_matches(data, _CHARSET):
        if match.group(1).decode().lower().replace("_", "-") not in ("utf-8", "utf8"):
            return [Problem(display, number, "Content-Type", f"charset {match.group(1).decode()!r}; catalogs are "
                            "UTF-8", 'Save the catalog as UTF-8 with "Content-Type: text/plain; charset=UTF-8\\n"')]
    return []


def check_po_language(data: bytes, display: str, locale: str | None) -> list[Problem]:
    """Return a problem if the catalog's ``Language`` header names another language than its folder."""
    if locale is None:
        return []
    for number, match in _header_matches(data, _LANGUAGE):
        value = match.group(1).decode().strip()
        if not value:
            continue
        try:
            language = Locale.parse(value.replace("-", "_")).language
        except (ValueError, UnknownLocaleError):
            language = None
        if language != Locale.parse(locale).language:
            return [Problem(display, number, "Language", f"the catalog says it is in {value!r}, but it is the "
                            f"catalog for {locale!r}", f"Move it to the folder of its language, or set Language: "
                            f"{locale}")]
    return []


def _header_matches(data: bytes, pattern: re.Pattern):
    """Yield ``(line number, match)`` for lines of the header entry (before the first real msgid)."""
    for number, line in enumerate(data.splitlines(), start=1):
        if line.startswith(b"msgid ") and line.strip() != b'msgid ""':
            return
        match = pattern.match(line.strip())
        if match:
            yield number, match


_KEYWORD_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+("(?:[^"\\]|\\.)*")$')
_STRING_LINE = re.compile(r'^"(?:[^"\\]|\\.)*"$')


def check_po_syntax(data: bytes, display: str) -> list[Problem]:
    """Return a problem for each line of a .po file that is not valid syntax, and for duplicate msgids."""
    problems = []
    first_seen: dict[tuple[str, str], int] = {}
    entry: dict[str, str] = {}
    keyword, start = "", 0
    for number, raw in enumerate(data.decode("utf-8", errors="replace").splitlines() + [""], start=1):
        line = raw.strip()
        match = _KEYWORD_LINE.match(line)
        if (match and match.group(1) in ("msgctxt", "msgid") and "msgstr" in keyword) or not line:
            _check_duplicate(entry, start, first_seen, display, problems)
            entry, keyword = {}, ""
        if match:
            keyword = match.group(1)
            start = number if keyword in ("msgctxt", "msgid") and not entry else start
            entry[keyword] = unescape(match.group(3))
        elif _STRING_LINE.match(line) and keyword:
            entry[keyword] += unescape(line)
        elif line and not line.startswith("#"):
            problems.append(Problem(display, number, "", f"not valid gettext syntax: {line[:60]!r}",
                                    'Put every string in double quotes and write a quote inside it as \\"'))
    return problems


def _check_duplicate(entry, start, first_seen, display, problems) -> None:
    if not entry.get("msgid"):
        return
    key = (entry.get("msgctxt", ""), entry["msgid"])
    if key in first_seen:
        problems.append(Problem(display, start, "", f"duplicate message, first defined on line {first_seen[key]}",
                                "Remove one of the two entries"))
    else:
        first_seen[key] = start


def _restore_previous_ids(catalog: Catalog) -> None:
    """Turn ``#| msgid`` comments, which Babel reads as user comments, back into previous msgids."""
    for message in catalog:
        previous = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
        if not previous:
            continue
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        parts = [p for p in previous if p.startswith(('msgid ', '"'))]
        text = "".join(unescape(p.removeprefix("msgid").strip()) for p in parts)
        message.previous_id = [text]


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write a catalog atomically, with the previous msgids translators' tools show beside fuzzy entries."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, _po_bytes(catalog))


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_by_file=True)
    text = _add_previous_ids(buffer.getvalue().decode("utf-8"), catalog)
    # Babel ends the file with a blank line; GNU gettext and Translate Toolkit do not, and would remove it.
    return (text.rstrip("\n") + "\n").encode("utf-8")


def _add_previous_ids(text: str, catalog: Catalog) -> str:
    """Write ``#| msgid`` lines as GNU msgmerge does.

    Babel's own ``include_previous`` wraps a long previous msgid in the middle of its quoted strings, which
    translators' tools cannot read back.
    """
    for message in catalog:
        if not (message.fuzzy and message.previous_id and isinstance(message.id, str) and message.id):
            continue
        entry = f"\nmsgid {normalize(message.id, width=WIDTH)}\n"
        previous = f"msgid {normalize(message.previous_id[0], width=WIDTH)}"
        lines = "".join(f"#| {line}\n" for line in previous.splitlines())
        text = text.replace(entry, "\n" + lines + entry[1:], 1)
    return text


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
