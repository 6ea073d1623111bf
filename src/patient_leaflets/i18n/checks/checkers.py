"""The checks every translation passes, each a small function returning what is wrong and how to fix it.

Leaflets tell patients doses, temperatures, durations and phone numbers: a translation that changes one can hurt
someone. Numbers are compared by value, not spelling (``2,5`` and ``2.5`` agree, ``38`` and ``39`` do not);
placeholders, phone numbers, web and e-mail addresses, inline markup and the do-not-translate terms must be
kept; French text needs its non-breaking spaces. ``babel_checkers`` registers them with Babel too, so
``pybabel compile`` applies them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ...config.language import known_locale
from ...content.addresses import EMAIL, PHONE, WEB
from ...content.markup import HTML_TAG, inline_markup, placeholders_in, plain_text, text_problems
from ..origin import SITE, TEMPLATES, message_origin
from .characters import comma_decimal_warnings, digit_problems, format_character_problems
from .glyphs import drawable_characters, glyph_problems
from .labels import label_problems
from .links import link_problems
from .numbers import ascii_digits, number_spans
from .placeholders import placeholder_problems
from .punctuation import punctuation_warnings
from .quantities import quantity_problems, unreadable_problems
from .reading import numbers_of, read_quantities

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
    drawable: frozenset[int] | None = None
    """The characters the bundled fonts draw (``glyphs.drawable_characters``); None: not checked."""
    units: tuple[tuple[str, str], ...] = ()
    """The project's own unit spellings (``[tool.patient-leaflets.units]``): spelling → unit id."""


def rules_for(config, locale: str) -> Rules:
    """Return the rules for checking ``locale``'s catalog in a project."""
    return Rules(config.language(locale).region, config.source_locale, config.do_not_translate,
                 drawable_characters(config), units=config.units)


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
    problems = [
        *placeholder_problems(msgid, msgstr, template),
        *markup_problems(msgid, msgstr, template),
        *format_character_problems(msgstr),
        *digit_problems(msgstr, rules.locale, msgid),
        *value_problems(msgid, msgstr, rules),
        *phone_problems(msgid, msgstr),
        *address_problems(msgid, msgstr),
        *link_problems(msgid, msgstr),
        *term_problems(msgid, msgstr, rules.do_not_translate),
        *label_problems(msgid, msgstr, rules.do_not_translate),
    ]
    # Last and alone: digits of another script are named by their own check, not again as missing glyphs.
    return problems or glyph_problems(msgid, msgstr, rules.drawable)


def length_problem(msgid: str, msgstr: str) -> str:
    """Return why ``msgstr`` is too long to translate ``msgid`` (a pasted document, say), or an empty string."""
    if len(msgstr) <= max(MIN_LENGTH_LIMIT, MAX_LENGTH_RATIO * len(msgid)):
        return ""
    return (f"the translation is {len(msgstr):,} characters long, more than {MAX_LENGTH_RATIO} times its source "
            f"({len(msgid):,}). Check that nothing was pasted into it by mistake")


def translation_warnings(msgstr: str, rules: Rules = Rules()) -> list[str]:
    """Return what is worth fixing but cannot mislead a patient: typography."""
    return [*typography_problems(msgstr, rules.locale), *comma_decimal_warnings(msgstr, rules.locale),
            *punctuation_warnings(msgstr, rules.locale)]


# Markup ---------------------------------------------------------------------------------------------------------

_TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\$\{.*?\}")


def markup_problems(msgid: str, msgstr: str, template: bool = False) -> list[str]:
    """Check that the translation keeps the source's **bold** and [links](…) and adds no HTML or template code."""
    problems = []
    if template:
        if HTML_TAG.search(msgstr):
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
    urls = tuple(m.group() for m in WEB.finditer(text)) if "://" in text or "www." in text.lower() else ()
    rest = WEB.sub(" ", text) if urls else text
    emails = tuple(m.group().lower() for m in EMAIL.finditer(rest)) if "@" in rest else ()
    rest = EMAIL.sub(" ", rest) if emails else rest
    phones = {}
    if sum(c.isdecimal() for c in rest) >= 8:
        phones = {re.sub(r"[^\d+]", "", ascii_digits(m.group())): m.group() for m in PHONE.finditer(rest)}
        rest = PHONE.sub(" ", rest)
    if "{" in rest or "%(" in rest or "](" in rest:
        rest = plain_text(rest)
    return _Parts(urls, emails, phones, rest)


# Numbers --------------------------------------------------------------------------------------------------------

def number_problems(msgid: str, msgstr: str, rules: Rules = Rules()) -> list[str]:
    """Check that the translation has the same numbers as the source, compared by value.

    ``2,5`` and ``2.5`` agree; so do ``1 000``, ``1,000`` (in English) and ``1 000``. A number written twice in
    the source may be written once in the translation (``24 h/24`` → ``24 hours``).
    """
    # Words are read only when both languages are known: "deux" is a number only to one who reads French.
    words = bool(rules.source_locale and rules.locale)
    source = numbers_in(msgid, rules.source_locale, words)
    target = numbers_in(msgstr, rules.locale, words)
    if set(source) == set(target):
        return []
    # A number the source writes in words may be an idiom (entre deux rendez-vous: between appointments).
    missing = {value: spelling for value, spelling in source.items() if value not in target and not spelling.isalpha()}
    if Decimal(1) in missing and words and _ones(msgid, rules.source_locale, rules.units) & _ones(
            msgstr, rules.locale, rules.units):
        del missing[Decimal(1)]  # 1 heure: ساعة, one hour said by the Arabic noun alone
    extra = {value: spelling for value, spelling in target.items() if value not in source}
    if set(missing.values()) & set(extra.values()):  # 1,000 is one in French and a thousand in English
        missing, extra = ({v: f"{s} (= {v.normalize():f})" for v, s in side.items()} for side in (missing, extra))
    missing, extra = list(missing.values()), list(extra.values())
    if not missing and not extra:
        return []
    return [f"numbers differ: msgid has {_listed(missing)}, msgstr has {_listed(extra)}. Keep every dose, "
            "temperature, duration, percentage and age as in msgid (2,5 and 2.5 are the same number)"]


def _ones(text: str, locale: str | None, units: tuple) -> set[str]:
    """Return the units ``text`` has one of, None for a count (``1 heure``, ``1 nuit``; Arabic ``ساعة``: the noun
    alone is one hour; ``ليلة واحدة``, one night). The number check skips the word one: it may be an article."""
    return {unit for q in read_quantities(_parts(text).rest, locale, units).quantities for value, unit in q.amounts
            if value == 1}


def value_problems(msgid: str, msgstr: str, rules: Rules = Rules()) -> list[str]:
    """Check numbers by value, then (when they agree) quantities with their units, signs and periods.

    Units are read in each text's language: without the source's language (``Rules.source_locale``), only values.
    """
    problems = number_problems(msgid, msgstr, rules)
    if problems and rules.source_locale and rules.locale:  # what could not be read first: it says why
        return unreadable_problems(msgid, msgstr, rules.source_locale, rules.locale, rules.units) + problems
    if problems or not (rules.source_locale and rules.locale):
        return problems
    return quantity_problems(_parts(msgid).rest, _parts(msgstr).rest, rules.source_locale, rules.locale, rules.units)


def numbers_in(text: str, locale: str | None = None, words: bool = True) -> dict[Decimal, str]:
    """Return ``{value: spelling}`` for the numbers in ``text`` (in digits, and in words with ``words``), leaving
    out placeholders, addresses and phones."""
    return numbers_of(_parts(text).rest, locale, words)


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
    text = WEB.sub(" ", re.sub(r"\]\([^)]*\)", "] ", text))
    text = re.sub(r"\d:\d", "0", re.sub(r"%\(\w+\)[sdif]", "x", text))  # 14:30 is a time
    problems = []
    for pattern, where in ((_NO_SPACE_BEFORE, "before"), (_NO_SPACE_AFTER, "after")):
        for match in pattern.finditer(text):
            before = re.search(r"\S*$", text[:match.start()]).group()
            after = re.match(r"\S*", text[match.end():]).group() if where == "after" else ""
            excerpt = before + match.group(1) + after
            problems.append(f"no space {where} {match.group(1)!r} in {excerpt!r}. {FRENCH_SPACES}")
    return problems


def _language(locale: str) -> str | None:
    known = known_locale(locale)
    return known.language if known else None


# Helpers --------------------------------------------------------------------------------------------------------

def _difference(source: Counter, target: Counter) -> str:
    missing = list((source - target).elements())
    extra = list((target - source).elements())
    return f"msgid has {_listed(missing)}, msgstr has {_listed(extra)}"


def _listed(items) -> str:
    return ", ".join(items) or "none"


def is_template_message(message, config) -> bool:
    """Tell a template string (``%(name)s`` placeholders) from leaflet text by its flags and references.

    ``config`` gives the project's folders (``origin.message_origin``; None outside a project). Where the message
    is used decides: Babel flags ``python-format`` on any text that looks like one ("50 % de la dose" holds
    ``% d``), and leaflet text so flagged is still leaflet text, its markup checked as the build checks it. The
    flag decides only for a message with no reference.
    """
    if message.locations:
        return all(message_origin(config, path) in (TEMPLATES, SITE) for path, _ in message.locations)
    return "python-format" in message.flags


def left_to_right_spans(text: str, locale: str | None = None) -> list[tuple[int, int]]:
    """Return where ``text`` holds web and e-mail addresses, phone numbers and numbers: what reads left to right
    inside right-to-left text. The same grammar as the checks (``content.addresses``): what is checked is what is
    isolated."""
    spans = [m.span() for pattern in (WEB, EMAIL, PHONE) for m in pattern.finditer(text)]
    spans += [(start, end) for start, end, _, _ in number_spans(text, locale)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
