"""Apply a catalog to a leaflet, recording every message that is missing, fuzzy or broken.

The safety rule lives here: a fuzzy (outdated) or broken translation is never used. The source text is kept
instead and marked, so that the renderer can show it in its own language and flag the PDF as a draft.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog
from markupsafe import Markup, escape

from ..content.leaflet import Leaflet, get_at
from ..content.validate import format_key
from ..errors import excerpt
from .checks.checkers import Rules, translation_problems


class SourceText(str):
    """Source-language text standing in for a missing translation."""


@dataclass(frozen=True)
class Gap:
    """One message a language lacks: where it is used, and why its translation cannot be used."""

    msgid: str
    reason: str
    """``untranslated``, ``fuzzy`` or a description of what is wrong with the translation."""
    where: str
    """``leaflets/x.yaml:12 (sections[0].heading)`` or ``templates/blocks.html.j2:29``."""
    po: str = ""
    """The entry to fix: ``translations/en/LC_MESSAGES/leaflets.po:1519``, or what to do when there is none."""

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}: {excerpt(self.msgid, 58)!r}" + (f" ({self.po})" if self.po else "")


@dataclass
class TranslationReport:
    """What a language is missing for one leaflet."""

    gaps: list[Gap] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.gaps


FUZZY = "fuzzy (the source changed since it was translated; check the translation and clear the fuzzy flag)"
"""Why a fuzzy entry that keeps its previous msgid (``#| msgid``, as ``leaflets update`` writes) is not used."""
FUZZY_FLAG = "fuzzy (marked as needing work; check the translation and clear the fuzzy flag)"
"""Why a fuzzy entry without a previous msgid is not used: someone set the flag, the source may not have changed."""


def fuzzy_reason(message) -> str:
    """Say truthfully why a fuzzy entry is not used: a changed source only when its previous msgid shows one."""
    return FUZZY if message.previous_id else FUZZY_FLAG
PLURAL = ("plural forms (msgid_plural) are not used: a leaflet text has one form. Remove msgid_plural and write "
          "one msgstr")


def final_translation(catalog: Catalog | None, msgid: str) -> tuple[str | None, str]:
    """Return ``(msgstr, "")`` when the catalog holds a final translation, else ``(None, reason)``."""
    message = catalog.get(msgid) if catalog is not None else None
    if message is None or not message.string:
        return None, "untranslated"
    if message.pluralizable:
        return None, PLURAL
    if message.fuzzy:
        return None, fuzzy_reason(message)
    return message.string, ""


def lookup(catalog: Catalog | None, msgid: str, rules: Rules | None = None,
           template: bool = False) -> tuple[str | None, str]:
    """Return ``(translation, "")`` when it is final and passes every check, else ``(None, reason)``.

    ``rules`` default to the catalog's locale alone (no source locale, no do-not-translate terms).
    """
    msgstr, reason = final_translation(catalog, msgid)
    if msgstr is None:
        return None, reason
    rules = rules or Rules(locale=str(catalog.locale) if catalog.locale else None)
    problems = translation_problems(msgid, msgstr, rules, template)
    return (msgstr, "") if not problems else (None, problems[0])


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
    for key, text, line in leaflet.iter_texts():
        translated, reason = lookup(catalog, text, rules)
        if translated is None:
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
        return Markup('<span lang="{}" class="untranslated">{}</span>').format(self.source_locale, msgid), True

    def ngettext(self, singular: str, plural: str, n: int) -> Markup:
        """Jinja2 requires it; the templates use no plurals, so the source rule picks the form."""
        return self.gettext(singular if n == 1 else plural)

    def _lookup(self, msgid: str) -> tuple[str | None, str]:
        return lookup(self.catalog, msgid, self.rules, template=True)
