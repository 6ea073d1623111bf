"""The translation checks as Babel checkers, registered under ``babel.checkers`` in pyproject.toml.

Babel runs each checker on every entry when ``pybabel compile`` (or ``Catalog.check()``) is asked to, and a
checker reports a problem by raising Babel's ``TranslationError``; each one here adapts one family of
``checkers`` to that contract, with the project's settings when ``pybabel`` runs inside a project.
"""

from __future__ import annotations

import functools

from babel.messages.catalog import TranslationError

from ...config import Config, load_config
from ...errors import LeafletError
from ..translate import entry_state
from .characters import digit_problems, format_character_problems
from .checkers import (
    Rules,
    address_problems,
    is_template_message,
    markup_problems,
    phone_problems,
    placeholder_problems,
    term_problems,
    typography_problems,
    value_problems,
)
from .links import link_problems


def numbers_checker(catalog, message) -> None:
    """Babel checker: raise TranslationError when a number of the source is missing or changed."""
    _raise_for(catalog, message, lambda msgid, msgstr, rules, template: [
        *format_character_problems(msgstr), *digit_problems(msgstr, rules.locale, msgid),
        *value_problems(msgid, msgstr, rules)])


def placeholders_checker(catalog, message) -> None:
    """Babel checker: raise TranslationError when placeholders differ from the source."""
    _raise_for(catalog, message, lambda msgid, msgstr, rules, template: placeholder_problems(msgid, msgstr, template))


def markup_checker(catalog, message) -> None:
    """Babel checker: raise TranslationError when inline markup differs or HTML or template code was added."""
    _raise_for(catalog, message, lambda msgid, msgstr, rules, template: markup_problems(msgid, msgstr, template))


def addresses_checker(catalog, message) -> None:
    """Babel checker: raise TranslationError when a phone number, web or e-mail address changed."""
    _raise_for(catalog, message,
               lambda msgid, msgstr, rules, template: phone_problems(msgid, msgstr) + address_problems(msgid, msgstr)
               + link_problems(msgid, msgstr))


def terms_checker(catalog, message) -> None:
    """Babel checker: raise TranslationError when a do-not-translate term of the project was translated."""
    _raise_for(catalog, message,
               lambda msgid, msgstr, rules, template: term_problems(msgid, msgstr, rules.do_not_translate))


def typography_checker(catalog, message) -> None:
    """Babel checker: raise TranslationError when French text lacks a space before ; : ! ? » or after «."""
    _raise_for(catalog, message, lambda msgid, msgstr, rules, template: typography_problems(msgstr, rules.locale))


def _raise_for(catalog, message, check) -> None:
    # Babel runs every checker on every entry, the header and fuzzy ones included; only final translations count.
    if not (isinstance(message.id, str) and message.id) or not entry_state(message).is_used:
        return
    config = _project_config()
    problems = check(message.id, message.string, _babel_rules(catalog, config), is_template_message(message, config))
    if problems:
        raise TranslationError("; ".join(problems))


def _babel_rules(catalog, config: Config | None) -> Rules:
    locale = str(catalog.locale) if catalog is not None and catalog.locale else None
    if config is None:
        return Rules(locale)
    return Rules(locale, config.source_locale, config.do_not_translate, units=config.units)


@functools.lru_cache(maxsize=1)
def _project_config() -> Config | None:
    """Return the settings of the project ``pybabel`` runs in, or None when it runs in none."""
    try:
        return load_config()
    except LeafletError:
        return None
