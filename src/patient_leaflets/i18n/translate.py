"""Apply a catalog to a leaflet, recording every message that is missing, fuzzy or broken.

The safety rule lives here: a fuzzy (outdated) or broken translation is never used. The source text is kept
instead and marked, so that the renderer can show it in its own language and flag the PDF as a draft. Whether a
translation is used, and the one wording of why not, is ``entry_state``'s answer, for every reader of catalogs.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog, Message
from markupsafe import Markup, escape

from ..config.language import direction_of
from ..content.leaflet import Leaflet, get_at
from ..content.validate import format_key
from .checks.checkers import Rules, translation_problems
from .gaps import Gap


class SourceText(str):
    """Source-language text standing in for a missing translation."""


@dataclass
class TranslationReport:
    """What a language is missing for one leaflet."""

    gaps: list[Gap] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.gaps


TRANSLATED, UNTRANSLATED, FUZZY, REFUSED, PLURAL = "translated", "untranslated", "fuzzy", "refused", "plural"
"""The states of a catalog's translation of one message; only a ``translated`` one is printed."""

SOURCE_CHANGED = "the source changed since it was translated"
"""Why a fuzzy entry is not used when it keeps its previous msgid (``#| msgid``, as ``leaflets update`` writes)."""
MARKED_FUZZY = "marked as needing work by a translator or a tool"
"""Why a fuzzy entry without a previous msgid is not used: someone set the flag, the source may not have changed."""
CLEAR_FUZZY = "check the translation against msgid, then clear the fuzzy flag"
PLURAL_FORMS = ("plural forms (msgid_plural) are not used: a leaflet text has one form. Remove msgid_plural and "
                "write one msgstr")


@dataclass(frozen=True)
class TranslationState:
    """What the hand-out does with a catalog's translation of one message, and why when it cannot use it.

    The hand-out's gaps, the review proof, ``leaflets check``, ``leaflets stats`` and the Babel checkers all read
    a translation's state from ``entry_state``, so that none of them can tell it differently.
    """

    kind: str
    """``translated`` (the hand-out prints it), ``untranslated``, ``fuzzy``, ``refused`` or ``plural``."""
    msgstr: str = ""
    """The catalog's translation, even a fuzzy or refused one; empty when there is none (or plural forms)."""
    reasons: tuple[str, ...] = ()
    """Why it is not used: what the fuzzy flag means here, the plural rule, or every check that refuses it."""

    @property
    def is_used(self) -> bool:
        """Whether the hand-out prints the translation."""
        return self.kind == TRANSLATED

    @property
    def reason(self) -> str:
        """The one line that says why the translation is not used (empty when it is), as gaps and the proof say it."""
        if self.kind == TRANSLATED:
            return ""
        if self.kind == UNTRANSLATED:
            return UNTRANSLATED
        if self.kind == FUZZY:
            return f"fuzzy ({self.reasons[0]}; {CLEAR_FUZZY})"
        return self.reasons[0]


def entry_state(message: Message | None, rules: Rules | None = None, template: bool = False) -> TranslationState:
    """Return the state of a catalog entry (None: the catalog lacks the message).

    With ``rules``, a final translation is checked (``translation_problems``; ``template`` marks a template
    string); without, ``translated`` means final: not empty, not fuzzy, no plural forms.
    """
    if message is None or (not message.string and not message.pluralizable):
        return TranslationState(UNTRANSLATED)
    if message.pluralizable:
        return TranslationState(PLURAL, reasons=(PLURAL_FORMS,))
    if message.fuzzy:
        return TranslationState(FUZZY, message.string, (SOURCE_CHANGED if message.previous_id else MARKED_FUZZY,))
    problems = translation_problems(message.id, message.string, rules, template) if rules is not None else []
    return TranslationState(REFUSED if problems else TRANSLATED, message.string, tuple(problems))


def translation_state(catalog: Catalog | None, msgid: str, rules: Rules | None = None,
                      template: bool = False) -> TranslationState:
    """Return the state of ``msgid``'s translation in ``catalog``, checked against every rule.

    ``rules`` default to the catalog's locale alone (no source locale, no do-not-translate terms).
    """
    message = catalog.get(msgid) if catalog is not None else None
    if rules is None and message is not None:
        rules = Rules(locale=str(catalog.locale) if catalog.locale else None)
    return entry_state(message, rules, template)


def final_translation(catalog: Catalog | None, msgid: str) -> tuple[str | None, str]:
    """Return ``(msgstr, "")`` when the catalog holds a final translation (unchecked), else ``(None, reason)``."""
    state = entry_state(catalog.get(msgid) if catalog is not None else None)
    return (state.msgstr, "") if state.is_used else (None, state.reason)


def lookup(catalog: Catalog | None, msgid: str, rules: Rules | None = None,
           template: bool = False) -> tuple[str | None, str]:
    """Return ``(translation, "")`` when it is final and passes every check, else ``(None, reason)``."""
    state = translation_state(catalog, msgid, rules, template)
    return (state.msgstr, "") if state.is_used else (None, state.reason)


def translate_leaflet(leaflet: Leaflet, catalog: Catalog | None,
                      rules: Rules | None = None) -> tuple[Leaflet, TranslationReport]:
    """Return the leaflet in the catalog's language, and what could not be translated.

    With no catalog (the source language) the leaflet is returned as it is. ``rules`` (``checkers.rules_for``)
    say what the checks of each translation need to know about the project.
    """
    report = TranslationReport()
    if catalog is None:
        return leaflet, report
    data = copy.deepcopy(leaflet.data)
    printed = {key for key, _, _ in leaflet.iter_printed_texts()}
    for key, text, line in leaflet.iter_texts():
        translated, reason = lookup(catalog, text, rules)
        if translated is None:
            if key in printed:  # a text no patient reads (the search words) makes no PDF a draft
                report.gaps.append(Gap(text, reason, f"{leaflet.source}:{line} ({format_key(key)})"))
            translated = SourceText(text)
        parent = get_at(data, key[:-1])
        parent[key[-1]] = translated
    return Leaflet(leaflet.id, leaflet.source, data, leaflet.lines, leaflet.texts), report


class TemplateTranslations:
    """The gettext interface Jinja2's i18n extension calls, with the same safety rule as leaflet text.

    Every string it returns is escaped Markup (Jinja2 would otherwise trust a translator's HTML); missing
    strings come back in the source language, wrapped with their ``lang`` and recorded in ``report``.
    """

    def __init__(self, catalog: Catalog | None, source_locale: str, report: TranslationReport, where: str,
                 rules: Rules | None = None, locations: dict[str, str] | None = None):
        self.catalog = catalog
        self.source_locale = source_locale
        self.report = report
        self.where = where
        """Where the templates are, for a string whose own line ``locations`` does not know."""
        self.rules = rules
        self.locations = locations or {}
        """Where each template string is written, by msgid (``templates/blocks.html.j2:29``)."""

    def gettext(self, msgid: str) -> Markup:
        return self.translate(msgid)[0]

    def translate(self, msgid: str) -> tuple[Markup, bool]:
        """Return the string to show for ``msgid`` and whether it is the source text (the translation is missing)."""
        if self.catalog is None:
            return escape(msgid), False
        translated, reason = self._lookup(msgid)
        if translated is not None:
            return escape(translated), False
        if not any(g.msgid == msgid for g in self.report.gaps):
            self.report.gaps.append(Gap(msgid, reason, self.locations.get(msgid, self.where)))
        return Markup('<span lang="{}" dir="{}" class="untranslated">{}</span>').format(
            self.source_locale, direction_of(self.source_locale), msgid), True

    def ngettext(self, singular: str, plural: str, n: int) -> Markup:
        """Jinja2 requires it; the templates use no plurals, so the source rule picks the form."""
        return self.gettext(singular if n == 1 else plural)

    def _lookup(self, msgid: str) -> tuple[str | None, str]:
        return lookup(self.catalog, msgid, self.rules, template=True)
