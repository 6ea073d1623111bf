"""The checks every translation passes, each a small function returning what is wrong and how to fix it.

Leaflets tell patients doses, temperatures, durations and phone numbers: a translation that changes one can hurt
someone. Numbers are compared by value, not spelling (``2,5`` and ``2.5`` agree, ``38`` and ``39`` do not);
placeholders, phone numbers, web and e-mail addresses, inline markup and the do-not-translate terms must be
kept; French text needs its non-breaking spaces. The checks are also Babel checkers, registered under the
``babel.checkers`` entry point, so ``pybabel compile`` applies them too.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import TranslationError
from babel.numbers import get_decimal_symbol

from .markup import inline_markup, placeholders_in, text_problems


MAX_LENGTH_RATIO = 3
"""A translation longer than this many times its source (and than ``MIN_LENGTH_LIMIT``) is refused."""
MIN_LENGTH_LIMIT = 100


@dataclass(frozen=True)
class Rules:
    """What checking a translation needs to know besides the two texts."""

    locale: str | None = None
    """The translation's locale; its decimal sign tells ``1,000`` (one thousand in English) from ``1,000`` (one)."""
    source_locale: str | None = None
    """The source text's locale."""
    do_not_translate: tuple[str, ...] = ()
    """Terms a translation keeps exactly as the source writes them."""


def rules_for(config, locale: str) -> Rules:
    """Return the rules for checking ``locale``'s catalog in a project."""
    return Rules(config.region(locale), config.source_locale, config.do_not_translate)


def translation_problems(msgid: str, msgstr: str, rules: Rules = Rules(), template: bool = False) -> list[str]:
    """Return every reason ``msgstr`` cannot stand for ``msgid``; empty when the translation is safe to print.

    ``template`` marks a template string (``%(name)s`` placeholders, no inline markup).
    """
    too_long = length_problem(msgid, msgstr)
    if too_long:  # alone, and first: the other checks need not read megabytes
        return [too_long]
    if not template:
        try:
            placeholders_in(msgstr)
        except ValueError:
            return text_problems(msgstr)
    return [
        *placeholder_problems(msgid, msgstr, template),
        *markup_problems(msgid, msgstr, template),
        *number_problems(msgid, msgstr, rules),
        *phone_problems(msgid, msgstr),
        *address_problems(msgid, msgstr),
        *term_problems(msgid, msgstr, rules.do_not_translate),
    ]


def length_problem(msgid: str, msgstr: str) -> str:
    """Return why ``msgstr`` is too long to translate ``msgid`` (a pasted document, say), or an empty string."""
    if len(msgstr) <= max(MIN_LENGTH_LIMIT, MAX_LENGTH_RATIO * len(msgid)):
        return ""
    return (f"the translation is {len(msgstr):,} characters long, more than {MAX_LENGTH_RATIO} times its source "
            f"({len(msgid):,}). Check that nothing was pasted into it by mistake")


def translation_warnings(msgid: str, msgstr: str, rules: Rules = Rules()) -> list[str]:
    """Return what is worth fixing but cannot mislead a patient: typography."""
    return typography_problems(msgstr, rules.locale)


# Placeholders ---------------------------------------------------------------------------------------------------

_BRACE = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
_PERCENT = re.compile(r"%\((\w+)\)[sdif]")


def placeholder_problems(msgid: str, msgstr: str, template: bool = False) -> list[str]:
    """Check that the translation has the same ``{name}`` and ``%(name)s`` placeholders as the source."""
    source, target = _placeholders(msgid, template), _placeholders(msgstr, template)
    if source == target:
        return []
    return [f"placeholders differ: {_difference(source, target)}. Copy every placeholder exactly as in msgid; "
            "the build fills in the value"]


def _placeholders(text: str, template: bool) -> Counter:
    try:
        braces = _BRACE.findall(text) if template else placeholders_in(text)
    except ValueError:  # a source with a stray brace (the content check reports it)
        braces = _BRACE.findall(text)
    return Counter([f"{{{name}}}" for name in braces] + [m.group() for m in _PERCENT.finditer(text)])


# Markup ---------------------------------------------------------------------------------------------------------

_TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\$\{.*?\}")
_HTML_TAG = re.compile(r"</?[A-Za-z!][^>]*>")


def markup_problems(msgid: str, msgstr: str, template: bool = False) -> list[str]:
    """Check that the translation keeps the source's **bold** and [links](…) and adds no HTML or template code."""
    problems = []
    if template:
        if _HTML_TAG.search(msgstr):
            problems.append("HTML is not allowed: the text is shown as written")
    else:
        problems.extend(p for p in text_problems(msgstr) if not p.startswith("unknown placeholder"))
        source, target = inline_markup(msgid), inline_markup(msgstr)
        if source != target:
            kinds = sorted(set(source) | set(target))
            problems.append(f"inline markup differs: msgid has {_count(source, kinds)}, msgstr has "
                            f"{_count(target, kinds)}. Keep each **bold** and [link](https://…) of msgid")
    for syntax in _TEMPLATE_SYNTAX.findall(msgstr):
        if syntax not in msgid:
            problems.append(f"template syntax is not allowed: {syntax!r}. A translation is text, with at most "
                            "**bold** and [links](https://…)")
    return problems


def _count(counts: Counter, kinds: list[str]) -> str:
    return " and ".join(f"{counts[kind]} {kind}" for kind in kinds)


# Phone numbers, web and e-mail addresses ------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|(?<![\w/.])www\.)[^\s<>()\[\]{}\"«»]+")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone number starts with + or a trunk 0 and has at least 8 digits; a grouped quantity (1 000 000) does not.
_PHONE = re.compile(r"(?<![\w+.,])(?:\+\s?\d|0)(?:[ \u00a0\u202f.\-]?\d){7,}(?!\d)")
_TRAILING = ".,;:!?’'"


def phone_problems(msgid: str, msgstr: str) -> list[str]:
    """Check that every phone number is kept digit for digit (spacing may follow the language's habits)."""
    source, target = _phones(msgid), _phones(msgstr)
    if set(source) == set(target):
        return []
    missing = [spelling for digits, spelling in source.items() if digits not in target]
    extra = [spelling for digits, spelling in target.items() if digits not in source]
    return [f"phone number changed: msgid has {_listed(missing)}, msgstr has {_listed(extra)}. Copy phone numbers "
            "digit for digit"]


def address_problems(msgid: str, msgstr: str) -> list[str]:
    """Check that every web and e-mail address is kept exactly."""
    problems = []
    for name, find in (("web address", _urls), ("e-mail address", _emails)):
        source, target = Counter(find(msgid)), Counter(find(msgstr))
        if source != target:
            problems.append(f"{name} changed: {_difference(source, target)}. Copy addresses exactly as in msgid")
    return problems


def _urls(text: str) -> tuple[str, ...]:
    return _parts(text).urls


def _emails(text: str) -> tuple[str, ...]:
    return _parts(text).emails


def _phones(text: str) -> dict[str, str]:
    """Return ``{digits: spelling}`` for the phone numbers in ``text``."""
    return _parts(text).phones


@dataclass(frozen=True)
class _Parts:
    """A text split into its web addresses, e-mail addresses, phone numbers and the rest, where numbers are."""

    urls: tuple[str, ...]
    emails: tuple[str, ...]
    phones: dict[str, str]
    rest: str


@functools.lru_cache(maxsize=4096)
def _parts(text: str) -> _Parts:
    # Each text is looked at by several checks, and the same texts again for every leaflet: split it once.
    urls = tuple(m.group().rstrip(_TRAILING) for m in _URL.finditer(text)) if "://" in text or "www." in text else ()
    rest = _URL.sub(" ", text) if urls else text
    emails = tuple(m.group().lower() for m in _EMAIL.finditer(rest)) if "@" in rest else ()
    rest = _EMAIL.sub(" ", rest) if emails else rest
    phones = {}
    if sum(c.isdecimal() for c in rest) >= 8:
        phones = {re.sub(r"[^\d+]", "", _ascii_digits(m.group())): m.group() for m in _PHONE.finditer(rest)}
        rest = _PHONE.sub(" ", rest)
    if "{" in rest or "%(" in rest or "](" in rest:
        rest = _PERCENT.sub(" ", re.sub(r"\{\w*\}", " ", re.sub(r"\]\([^)]*\)", "] ", rest)))
    return _Parts(urls, emails, phones, rest)


# Numbers --------------------------------------------------------------------------------------------------------

_SPACES = " \u00a0\u202f\u2009"
_NUMBER = re.compile(rf"\d+(?:[.,'’\u066b\u066c{_SPACES}]\d+)*")
_GROUPED = re.compile(rf"\d{{1,3}}(?:[{_SPACES}]\d{{3}})*")
_NEXT_GROUP = re.compile(r"\d{3}(?:[.,\u066b]\d+)?")


def number_problems(msgid: str, msgstr: str, rules: Rules = Rules()) -> list[str]:
    """Check that the translation has the same numbers as the source, compared by value.

    ``2,5`` and ``2.5`` agree; so do ``1 000``, ``1,000`` (in English) and ``1 000``. A number written twice in
    the source may be written once in the translation (``24 h/24`` → ``24 hours``).
    """
    source = numbers_in(msgid, rules.source_locale)
    target = numbers_in(msgstr, rules.locale)
    if set(source) == set(target):
        return []
    missing = {value: spelling for value, spelling in source.items() if value not in target}
    extra = {value: spelling for value, spelling in target.items() if value not in source}
    if set(missing.values()) & set(extra.values()):  # 1,000 is one in French and a thousand in English
        missing, extra = ({v: f"{s} (= {v.normalize():f})" for v, s in side.items()} for side in (missing, extra))
    missing, extra = list(missing.values()), list(extra.values())
    return [f"numbers differ: msgid has {_listed(missing)}, msgstr has {_listed(extra)}. Keep every dose, "
            "temperature, duration, percentage and age as in msgid (2,5 and 2.5 are the same number)"]


def numbers_in(text: str, locale: str | None = None) -> dict[Decimal, str]:
    """Return ``{value: spelling}`` for the numbers in ``text``, leaving out placeholders, addresses and phones."""
    text = _parts(text).rest
    decimal_sign = _decimal_sign(locale)
    found: dict[Decimal, str] = {}
    for match in _NUMBER.finditer(text):
        for spelling in _split_at_spaces(match.group()):
            for value in _values(spelling, decimal_sign):
                found.setdefault(value, spelling)
    return found


def _split_at_spaces(token: str) -> list[str]:
    """Split ``"2 3"`` into two numbers but keep ``"1 000"`` and ``"12 345,5"`` whole (groups of three)."""
    parts = re.split(f"([{_SPACES}])", token)
    numbers = [parts[0]]
    for space, part in zip(parts[1::2], parts[2::2]):
        if _GROUPED.fullmatch(numbers[-1]) and _NEXT_GROUP.fullmatch(part):
            numbers[-1] += space + part
        else:
            numbers.append(part)
    return numbers


def _values(spelling: str, decimal_sign: str | None) -> list[Decimal]:
    """Return the value of one written number; several when separators make no number (``1.2.3``)."""
    text = _ascii_digits(re.sub(f"[{_SPACES}'’\u066c]", "", spelling)).replace("\u066b", "D")
    if text.count("D") == 1:
        return [Decimal(text.replace(",", "").replace(".", "").replace("D", "."))]
    if "D" in text:
        return [Decimal(group) for group in re.split(r"\D", text)]
    signs = [c for c in text if c in ".,"]
    if not signs:
        return [Decimal(text)]
    if len(set(signs)) == 2:  # 1,000.5 or 1.000,5: the last sign is the decimal one
        last = max(text.rfind("."), text.rfind(","))
        return [Decimal(re.sub(r"[.,]", "", text[:last]) + "." + text[last + 1:])]
    groups = re.split(r"[.,]", text)
    if len(signs) > 1:
        if all(len(group) == 3 for group in groups[1:]) and len(groups[0]) <= 3:
            return [Decimal("".join(groups))]
        return [Decimal(group) for group in groups]
    whole, fraction = groups
    if len(fraction) != 3 or len(whole) > 3 or int(whole) == 0 or signs[0] == decimal_sign:
        return [Decimal(f"{whole}.{fraction}")]
    return [Decimal(whole + fraction)]


@functools.lru_cache(maxsize=64)
def _decimal_sign(locale: str | None) -> str | None:
    if not locale:
        return None
    try:
        return get_decimal_symbol(locale)
    except (ValueError, UnknownLocaleError):
        return None


def _ascii_digits(text: str) -> str:
    """Write every decimal digit (Arabic-Indic ٣٨ included) as an ASCII digit."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


# Terms and typography -------------------------------------------------------------------------------------------

def term_problems(msgid: str, msgstr: str, terms: tuple[str, ...]) -> list[str]:
    """Check that each do-not-translate term of the source is in the translation as it is."""
    problems = []
    for term in terms:
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
        if pattern.search(msgid) and not pattern.search(msgstr):
            problems.append(f"term {term!r} is missing: keep it exactly as in msgid. It is on the do-not-translate "
                            "list in pyproject.toml")
    return problems


_NO_SPACE_BEFORE = re.compile(r"(?<=[^\s\u00a0\u202f;:!?…«(\[])([;:!?»])")
_NO_SPACE_AFTER = re.compile(r"(«)(?=[^\s\u00a0\u202f])")
FRENCH_SPACES = ("French puts a narrow non-breaking space (U+202F) before ; ! ? and » and after «, and a "
                 "non-breaking space (U+00A0) before :")


def typography_problems(text: str, locale: str | None) -> list[str]:
    """Check French text for the space French typography puts before ; : ! ? » and after «.

    A plain space is accepted: the build turns it into the right non-breaking space.
    """
    if not locale or _language(locale) != "fr":
        return []
    text = _URL.sub(" ", re.sub(r"\]\([^)]*\)", "] ", text))
    text = re.sub(r"\d:\d", "0", _PERCENT.sub("x", text))  # 14:30 is a time
    problems = []
    for pattern, where in ((_NO_SPACE_BEFORE, "before"), (_NO_SPACE_AFTER, "after")):
        for match in pattern.finditer(text):
            before = re.search(r"\S*$", text[:match.start()]).group()
            after = re.match(r"\S*", text[match.end():]).group() if where == "after" else ""
            excerpt = before + match.group(1) + after
            problems.append(f"no space {where} {match.group(1)!r} in {excerpt!r}. {FRENCH_SPACES}")
    return problems


def _language(locale: str) -> str | None:
    try:
        return Locale.parse(locale).language
    except (ValueError, UnknownLocaleError):
        return None


# Helpers --------------------------------------------------------------------------------------------------------

def _difference(source: Counter, target: Counter) -> str:
    missing = list((source - target).elements())
    extra = list((target - source).elements())
    return f"msgid has {_listed(missing)}, msgstr has {_listed(extra)}"


def _listed(items) -> str:
    return ", ".join(items) or "none"


# Babel checkers -------------------------------------------------------------------------------------------------

def is_template_message(message) -> bool:
    """Tell a template string (``%(name)s`` placeholders) from leaflet text by its flags and references."""
    if "python-format" in message.flags:
        return True
    return bool(message.locations) and all(path.endswith((".j2", ".html", ".jinja")) for path, _ in message.locations)


def check_numbers(catalog, message) -> None:
    """Babel checker: raise TranslationError when a number of the source is missing or changed."""
    _raise_for(catalog, message, lambda msgid, msgstr, rules, template: number_problems(msgid, msgstr, rules))


def check_placeholders(catalog, message) -> None:
    """Babel checker: raise TranslationError when placeholders differ from the source."""
    _raise_for(catalog, message, lambda msgid, msgstr, rules, template: placeholder_problems(msgid, msgstr, template))


def check_markup(catalog, message) -> None:
    """Babel checker: raise TranslationError when inline markup differs or HTML or template code was added."""
    _raise_for(catalog, message, lambda msgid, msgstr, rules, template: markup_problems(msgid, msgstr, template))


def check_addresses(catalog, message) -> None:
    """Babel checker: raise TranslationError when a phone number, web or e-mail address changed."""
    _raise_for(catalog, message,
               lambda msgid, msgstr, rules, template: phone_problems(msgid, msgstr) + address_problems(msgid, msgstr))


def check_terms(catalog, message) -> None:
    """Babel checker: raise TranslationError when a do-not-translate term of the project was translated."""
    _raise_for(catalog, message,
               lambda msgid, msgstr, rules, template: term_problems(msgid, msgstr, rules.do_not_translate))


def check_typography(catalog, message) -> None:
    """Babel checker: raise TranslationError when French text lacks a space before ; : ! ? » or after «."""
    _raise_for(catalog, message, lambda msgid, msgstr, rules, template: typography_problems(msgstr, rules.locale))


def _raise_for(catalog, message, check) -> None:
    # Babel runs every checker on every entry, the header and fuzzy ones included; only final translations count.
    if not (isinstance(message.id, str) and message.id and isinstance(message.string, str) and message.string):
        return
    if message.fuzzy:
        return
    problems = check(message.id, message.string, _babel_rules(catalog), is_template_message(message))
    if problems:
        raise TranslationError("; ".join(problems))


def _babel_rules(catalog) -> Rules:
    locale = str(catalog.locale) if catalog is not None and catalog.locale else None
    source, terms = _project_settings()
    return Rules(locale, source, terms)


@functools.lru_cache(maxsize=1)
def _project_settings() -> tuple[str | None, tuple[str, ...]]:
    """Return the source locale and terms of the project ``pybabel`` runs in, if it runs in one."""
    from .config import load_config
    from .errors import LeafletError

    try:
        config = load_config()
    except LeafletError:
        return None, ()
    return config.source_locale, config.do_not_translate
