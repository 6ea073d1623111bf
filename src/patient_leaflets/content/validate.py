"""Validate a composed YAML document against the schema, collecting every problem with its line and field."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from ..errors import Problem, did_you_mean, excerpt
from . import schema as s
from .markup import text_problems

Key = tuple
"""A path into a leaflet's data: ``("sections", 2, "heading")``."""

MAX_REVIEW_YEARS = 3
MAX_TEXT_CHARS = 3000
"""Longest single text (one paragraph or list item) accepted."""

def format_key(key: Key) -> str:
    """Return a path as written in messages: ``sections[2].blocks[0].list[1]``."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


APPROVE_HINT = ("Remove {what}; once the people named have approved this text, run 'leaflets approve LEAFLET "
                "--clinical NAME [--patient NAME]'")

_ID_HINT = "A leaflet's id is its file name (chemotherapy.yaml is the leaflet chemotherapy); remove this line"


def _unknown_hint(name: str, known: list[str]) -> str:
    return did_you_mean(name, known, f"Expected one of: {', '.join(known)}")


_SCALAR = yaml.SafeLoader("")


class Validator:
    """Walk a composed YAML node against a schema, collecting problems and line numbers."""

    def __init__(self, display: str, refused: dict | None = None):
        self.display = display
        self.refused = refused or {}
        self.problems: list[Problem] = []
        self.lines: dict[Key, int] = {}
        self.texts: list[Key] = []

    def report(self, key: Key, line: int, message: str, hint: str = "") -> None:
        """Record a problem with the value at ``key``."""
        self.problems.append(Problem(self.display, line, format_key(key), message, hint))

    def read(self, node: yaml.Node, spec: s.Spec, key: Key) -> Any:
        """Return ``node``'s value read as ``spec`` (None where it is invalid), reporting what is wrong."""
        line = node.start_mark.line + 1
        self.lines[key] = line
        if node in self.refused:
            self.report(key, line, *self.refused[node])
            return None
        return _READERS[type(spec)](self, node, spec, key, line)

    def read_map(self, node, spec: s.Map, key, line):
        pairs = self._pairs(node, key, line)
        if pairs is None:
            return None
        out = {}
        for name, (key_node, value_node) in pairs.items():
            if name not in spec.fields:
                hint = _ID_HINT if (key, name) == ((), "id") else _unknown_hint(name, list(spec.fields))
                if "blocks" in spec.fields and name in s.BLOCK.kinds:
                    hint = (f"'{name}' is a block: write `blocks:` in its place, and the block under it as a list item "
                            f"indented further, `- {name}: …`")
                self.report(key + (name,), key_node.start_mark.line + 1, "unknown field", hint)
                continue
            out[name] = self.read(value_node, spec.fields[name], key + (name,))
        for name, field_spec in spec.fields.items():
            if name in pairs:
                continue
            if name in spec.optional:
                out[name] = [] if isinstance(field_spec, s.Seq) else None
            else:
                self.report(key + (name,), line, "missing", field_spec.help)
        return out

    def read_oneof(self, node, spec: s.OneOf, key, line):
        pairs = self._pairs(node, key, line, spec.help)
        if pairs is None:
            return None
        if len(pairs) != 1:
            self.report(key, line, f"a block has exactly one kind, found {len(pairs)}", spec.help)
            return None
        (kind, (key_node, value_node)), = pairs.items()
        if kind not in spec.kinds:
            hint = did_you_mean(kind, spec.kinds, spec.help)
            self.report(key + (kind,), key_node.start_mark.line + 1, "unknown block kind", hint)
            return None
        return {kind: self.read(value_node, spec.kinds[kind], key + (kind,))}

    def read_seq(self, node, spec: s.Seq, key, line):
        if not isinstance(node, yaml.SequenceNode):
            self.report(key, line, f"expected a list, got {_describe(node)}", "Write one item a line, each after '- '")
            return []
        items = [self.read(child, spec.item, key + (i,)) for i, child in enumerate(node.value)]
        if len(items) < spec.min:
            self.report(key, line, f"expected at least {spec.min} item{'s' if spec.min > 1 else ''}, got {len(items)}",
                        spec.help)
        if spec.max is not None and len(items) > spec.max:
            self.report(key, line, f"expected at most {spec.max} items, got {len(items)}", spec.help)
        return items

    def read_pictogrammed(self, node, spec: s.Pictogrammed, key, line):
        if not isinstance(node, yaml.MappingNode):
            return self.read(node, spec.text, key)
        return self.read_map(node, s.Map(fields={"icon": spec.icon, "text": spec.text}), key, line)

    def read_text(self, node, spec: s.Text, key, line):
        value = self.read_plain(node, spec, key, line)
        if value and len(value) > (spec.max_chars or MAX_TEXT_CHARS):
            if spec.max_chars:
                self.report(key, line, f"{len(value)} characters; this text may have at most {spec.max_chars}",
                            spec.help)
            else:
                self.report(key, line, f"{len(value):,} characters; one text may have at most {MAX_TEXT_CHARS:,}",
                            "Split it into several paragraphs or list items")
            return None
        if value:
            for message in text_problems(value):
                self.report(key, line, message)
            self.texts.append(key)
        return value

    def read_plain(self, node, spec, key, line):
        value = self._scalar(node)
        if not isinstance(value, str):
            self.report(key, line, f"expected text, got {_describe(node)}", spec.help)
            return None
        if not value.strip():
            self.report(key, line, "expected text, got nothing", spec.help)
            return None
        return value.strip()

    def read_url(self, node, spec, key, line):
        value = self.read_plain(node, spec, key, line)
        if value and not re.fullmatch(r"https://[^\s<>\"]+", value):
            self.report(key, line, f"expected an https:// address, got {value!r}")
        return value

    def read_date(self, node, spec, key, line):
        value = self._scalar(node)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        impossible = _impossible_date(value)
        if impossible:
            self.report(key, line, f"{value} is not a day of the calendar: {impossible}",
                        "Check the month (01 to 12) and the day; the format YYYY-MM-DD is right")
            return None
        self.report(key, line, f"expected a date, got {_describe(node)}", spec.help or "Write the date as YYYY-MM-DD")
        return None

    def read_integer(self, node, spec, key, line):
        value = self._scalar(node)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.report(key, line, f"expected a whole number, got {_describe(node)}")
        return None

    def read_choice(self, node, spec: s.Choice, key, line):
        value = self._scalar(node)
        if value not in spec.values:
            hint = did_you_mean(value, spec.values) if isinstance(value, str) else ""
            self.report(key, line, f"expected one of {', '.join(spec.values)}, got {_describe(node)}", hint)
            return None
        return value

    def apply_rules(self, data: dict) -> None:
        """Check the rules that tie several fields together (on whatever parts are valid)."""
        meta = data.get("metadata") or {}
        self._review_date_rules(meta.get("published"), meta.get("review_due"))
        self._source_language_rules(meta.get("sources") or [])
        self._hand_written_approval(meta)
        self._typographic_quotes(meta.get("version"))
        for i, section in enumerate(data.get("sections") or []):
            for j, block in enumerate((section or {}).get("blocks") or []):
                table = (block or {}).get("table") or {}
                width = len(table.get("header") or [])
                for r, row in enumerate(table.get("rows") or []):
                    if width and row is not None and len(row) != width:
                        key = ("sections", i, "blocks", j, "table", "rows", r)
                        self.report(key, self.lines[key], f"row has {len(row)} cells, the header has {width}")

    def _source_language_rules(self, sources: list) -> None:
        """A cited source's language must be a language code, so its title can be tagged and marked for readers."""
        for i, source in enumerate(sources):
            language = (source or {}).get("language")
            if language is not None and not _is_language(language):
                key = ("metadata", "sources", i, "language")
                self.report(key, self.lines.get(key), f"{language!r} is not a language code",
                            "Write the language as a code such as fr, en or de")

    def _typographic_quotes(self, version) -> None:
        """Refuse a version in a word processor's quotes (“1.0”): YAML keeps them, and the PDF would print them."""
        if isinstance(version, str) and re.match(r"^[“”‘’«„].*[“”‘’»]$", version.strip()):
            key = ("metadata", "version")
            self.report(key, self.lines[key], f"{version} is in typographic quotes, which YAML keeps as part of it",
                        f'Use straight quotes: version: "{version.strip()[1:-1].strip()}"')

    def _hand_written_approval(self, meta: dict) -> None:
        """Refuse an approval written by hand (``status: approved``, reviewers' names): it is bound to no text."""
        if meta.get("status") == "approved":
            key = ("metadata", "status")
            self.report(key, self.lines[key], "'status: approved' is no longer written by hand: an approval is "
                        "recorded with the text it approves", APPROVE_HINT.format(what="this line"))
        reviewers = meta.get("reviewers") or {}
        for group in ("clinical", "patient"):
            if reviewers.get(group):
                key = ("metadata", "reviewers", group)
                self.report(key, self.lines[key], "reviewers' names are no longer written by hand: "
                            "'leaflets approve' records them with the text they approved",
                            APPROVE_HINT.format(what="metadata.reviewers"))

    def _review_date_rules(self, published, due) -> None:
        if not (published and due):
            return
        key = ("metadata", "review_due")
        if due <= published:
            self.report(key, self.lines[key], f"review date {due} is not after the publication date {published}")
        elif due > _add_years(published, MAX_REVIEW_YEARS):
            self.report(key, self.lines[key], f"review date {due} is more than {MAX_REVIEW_YEARS} years after "
                        f"publication", f"Review leaflets at least every {MAX_REVIEW_YEARS} years")

    def _pairs(self, node, key, line, hint=""):
        if not isinstance(node, yaml.MappingNode):
            self.report(key, line, f"expected a mapping of fields, got {_describe(node)}", hint)
            return None
        pairs = {}
        for key_node, value_node in node.value:
            if key_node in self.refused or not isinstance(key_node, yaml.ScalarNode):
                message, hint = self.refused.get(key_node, (f"a field name must be a word, got {_describe(key_node)}",
                                                            ""))
                self.report(key, key_node.start_mark.line + 1, message, hint)
                continue
            name = key_node.value
            if name in pairs:
                self.report(key + (name,), key_node.start_mark.line + 1, "duplicate field",
                            f"It was already given on line {pairs[name][0].start_mark.line + 1}")
                continue
            pairs[name] = (key_node, value_node)
        return pairs

    @staticmethod
    def _scalar(node):
        if not isinstance(node, yaml.ScalarNode):
            return node
        try:
            return _SCALAR.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):  # 2026-02-30, or an integer too long to convert: keep the text
            return node.value
        finally:
            # The loader remembers every node it constructs; forget it, or a long build keeps every file read.
            _SCALAR.constructed_objects.pop(node, None)


def _describe(node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = Validator._scalar(node)
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"text {excerpt(value, 60)!r}"
    if isinstance(value, bool):
        return f"yes/no value {node.value}"
    if isinstance(value, dt.date):
        return f"date {value}"
    return f"number {value}"


def _is_language(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    # A BCP 47 tag the leaflet writes (any YAML value), not a configured locale: parsed here, never raising.
    try:
        Locale.parse(code, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True


def _impossible_date(value) -> str:
    """Say what is wrong with a date written as YYYY-MM-DD that is no day (month 13, 31 June); empty otherwise."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value) if isinstance(value, str) else None
    if not match:
        return ""
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"month {month:02d} of {year} has no day {day}"
    return ""


def _add_years(day: dt.date, years: int) -> dt.date:
    if day.year + years > dt.MAXYEAR:
        return dt.date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


_READERS = {s.Map: Validator.read_map, s.OneOf: Validator.read_oneof, s.Seq: Validator.read_seq,
            s.Pictogrammed: Validator.read_pictogrammed, s.Text: Validator.read_text, s.Plain: Validator.read_plain,
            s.Url: Validator.read_url, s.Date: Validator.read_date, s.Integer: Validator.read_integer,
            s.Choice: Validator.read_choice}
"""How each kind of spec is read: a new kind of ``Spec`` needs its entry here (a test checks that each has one)."""
