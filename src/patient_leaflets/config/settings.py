"""The project settings (folders, languages), read from ``[tool.patient-leaflets]`` in pyproject.toml."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ConfigError, LeafletError, Problem, did_you_mean
from ..files import SETTINGS, display_path, read_file
from .formats import DEFAULT_FORMATS, formats_problems, online_url_problem
from .institution import Institution, read_institution
from .language import LOCALE_FIX, Language, known_locale, language_of
from .options import (
    BOOL,
    TERMS,
    TEXT,
    TEXT_TABLE,
    UNIT_TABLE,
    read_table,
    setting,
    settings_of,
    text_list,
    with_defaults,
)
from .toml import read_settings, setting_line


def _locales_known(names_of):
    """Return the check of a setting that names locales: each must be one Babel knows."""
    def check(value, values: dict) -> list[tuple[str, str]]:
        return [(f"unknown locale {name!r}", LOCALE_FIX) for name in names_of(value) if known_locale(name) is None]
    return check


def _formats_known(names: tuple[str, ...], values: dict) -> list[tuple[str, str]]:
    return [(message, "") for message in formats_problems(names)]


def _online_url_right(pattern: str, values: dict) -> list[tuple[str, str]]:
    problem = online_url_problem(pattern) if pattern else ""
    return [(problem, "")] if problem else []


@dataclass(frozen=True)
class Config:
    """Where things are and which languages to build: ``[tool.patient-leaflets]``, one setting a field
    (``source_locale`` is ``source-locale``), and the institution's table."""

    root: Path
    """The project folder, the one holding pyproject.toml."""
    institution: Institution
    source_locale: str = setting(TEXT, "fr", _locales_known(lambda name: [name]))
    """The language the leaflets are written in."""
    locales: tuple[str, ...] = setting(text_list('locale codes, e.g. ["en", "es"]'), (), _locales_known(list))
    """Target languages, each with a catalog in ``translations/``; found there unless the setting lists them."""
    leaflets_dir: str = setting(TEXT, "leaflets")
    """The leaflets' YAML files, and ``_shared.yaml``."""
    templates_dir: str = setting(TEXT, "templates")
    """The Jinja2 templates of the page and the library."""
    styles_dir: str = setting(TEXT, "styles")
    """The print stylesheets and their fonts."""
    translations_dir: str = setting(TEXT, "translations")
    """The catalogs, their template (``.pot``) and the translation approvals."""
    output_dir: str = setting(TEXT, "output")
    """Where the PDFs, the build report and the library are written."""
    domain: str = setting(TEXT, "leaflets")
    """Catalog name: ``translations/<locale>/LC_MESSAGES/<domain>.po``."""
    regions: tuple[tuple[str, str], ...] = setting(TEXT_TABLE, (), _locales_known(lambda pairs: [r for _, r in pairs]))
    """Regional conventions per language for dates, numbers and hyphenation, e.g. ``en`` → ``en_GB``."""
    do_not_translate: tuple[str, ...] = setting(TERMS, ())
    """Terms every translation keeps exactly as the source writes them (names, acronyms such as SAMU)."""
    units: tuple[tuple[str, str], ...] = setting(UNIT_TABLE, ())
    """Units the translation checks read besides CLDR's: spelling → unit id (``mcg = "mass-microgram"``); a new
    id (``"unit-drop"``) is a unit of its own, equal only to itself (TRANSLATING.md)."""
    formats: tuple[str, ...] = setting(text_list('formats, e.g. ["standard", "large-print"]'), DEFAULT_FORMATS,
                                       _formats_known)
    """The formats ``leaflets build`` makes when ``--format`` does not choose (``config.formats.FORMATS``)."""
    online_url: str = setting(TEXT, "", _online_url_right)
    """Where each PDF is published, as a pattern (``https://…/{locale}/{file}``): a QR code on paper leads there."""
    translation_self_review: bool = setting(BOOL, False)
    """Whether one person may both translate a leaflet and review the translation (``leaflets approve --locale``):
    by default a translation needs a reviewer other than its translator."""

    def language(self, locale: str) -> Language:
        """Return what the stages need to know about ``locale`` (its region, tag, direction…), worked out once;
        raise ConfigError for a locale Babel does not know."""
        return language_of(locale, dict(self.regions).get(locale, locale), locale == self.source_locale)

    @property
    def source_language(self) -> Language:
        """The language the leaflets are written in."""
        return self.language(self.source_locale)

    @property
    def all_locales(self) -> tuple[str, ...]:
        """Return the source locale followed by the target locales."""
        return (self.source_locale, *[loc for loc in self.locales if loc != self.source_locale])

    def display(self, path: Path) -> str:
        """Return ``path`` as messages show it: relative to the project folder."""
        return display_path(path, self.root)

    def path(self, name: str) -> Path:
        """Return the absolute path of a configured folder (``leaflets``, ``output``…)."""
        return self.root / getattr(self, f"{name}_dir")

    def leaflet_files(self) -> list[Path]:
        """Return the leaflet YAML files, sorted by id.

        A ``.yml`` file is listed too, so that loading it says to rename it instead of leaving it out silently.
        """
        return sorted(p for p in self.path("leaflets").glob("*") if p.suffix.lower() in (".yaml", ".yml")
                      and not p.name.startswith(("_", ".")))

    def leaflet_sources(self) -> dict[str, Path]:
        """Return each leaflet's file by its id (the file name without its suffix), sorted by id."""
        return {path.stem: path for path in self.leaflet_files()}

    def leaflet_file(self, leaflet_id: str, error: type[LeafletError]) -> Path:
        """Return the file of the leaflet ``leaflet_id``; raise ``error`` (``leaflet_problems``) if there is none."""
        sources = self.leaflet_sources()
        if leaflet_id not in sources:
            raise error(self.leaflet_problems([leaflet_id], sources))
        return sources[leaflet_id]

    def leaflet_problems(self, ids: Iterable[str], known: Iterable[str] | None = None) -> list[Problem]:
        """Return one problem for each of ``ids`` with no leaflet file (``known`` ids: those found by default):
        ``no leaflet 'sampel' in leaflets/. Did you mean 'sample'?``, else the ids there are."""
        known = list(self.leaflet_sources() if known is None else known)
        otherwise = f"Known: {', '.join(known)}" if known else f"There is none yet: write {self.leaflets_dir}/ID.yaml"
        return [Problem.general(f"no leaflet {name!r} in {self.leaflets_dir}/", did_you_mean(name, known, otherwise))
                for name in dict.fromkeys(ids) if name not in known]

    def locale_problems(self, names: Iterable[str], translations: bool = False) -> list[Problem]:
        """Return one problem for each of ``names`` that is not one of the project's languages, worded the same
        for every command (``locale 'xx' is not configured. Configured: fr, en; run…``); with ``translations``,
        one for the source language too."""
        problems = []
        for name in dict.fromkeys(names):
            if name not in self.all_locales:
                fix = f"Configured: {', '.join(self.all_locales)}; run 'leaflets init {name}' to start its catalog"
                problems.append(Problem.general(f"locale {name!r} is not configured",
                                                did_you_mean(name, self.all_locales, fix)))
            elif translations and name == self.source_locale:
                problems.append(Problem.general(f"{name!r} is the source language, not a translation",
                                                f"Choose a translation: {', '.join(self.locales) or 'none yet'}"))
        return problems

    @property
    def shared_path(self) -> Path:
        """The file of sections every leaflet shows (about the institution); it may not exist."""
        return self.path("leaflets") / SHARED_FILE

    @property
    def pot_path(self) -> Path:
        """The template every catalog is made from, ``translations/<domain>.pot``."""
        return self.path("translations") / f"{self.domain}.pot"

    def po_path(self, locale: str) -> Path:
        """Return the catalog path for ``locale``."""
        return self.path("translations") / locale / "LC_MESSAGES" / f"{self.domain}.po"

    def approvals_path(self, locale: str) -> Path:
        """Return where the translation approvals of ``locale`` are kept: beside its catalog, not in it."""
        return self.path("translations") / locale / "approvals.yaml"


SHARED_FILE = "_shared.yaml"
"""The file of ``leaflets/`` holding the sections every leaflet ends with."""

def find_root(start: Path | str | None = None) -> Path:
    """Return the nearest folder at or above ``start`` whose pyproject.toml configures the tool."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        # A link, a pipe or a file too large is refused (named in full: it may be above the project), not passed over.
        if os.path.lexists(candidate) and b"[tool.patient-leaflets]" in read_file(candidate, str(candidate), SETTINGS):
            return folder
    raise ConfigError([Problem(str(here), None, "", "no pyproject.toml with a [tool.patient-leaflets] table here "
                               "or above", "Run the command from a patient-leaflets project, or pass --project.")])


def load_config(root: Path | str | None = None) -> Config:
    """Read the project settings, reporting every problem at once."""
    root = find_root(root)
    where = "pyproject.toml"
    text, table = read_settings(root / "pyproject.toml", where)
    known = f"Known settings: {', '.join(sorted(settings_of(Config)))}"
    written, problems = read_table(table, Config, "tool.patient-leaflets", where, otherwise=known,
                                   tables=("institution",))
    if "locales" not in written:
        written["locales"] = _found_locales(root, with_defaults(Config, written), problems)
    institution = read_institution(table.get("institution", {}), where, problems)
    if problems:
        located = [replace(p, line=setting_line(text, p.field)) if p.file == where else p for p in problems]
        raise ConfigError(sorted(located, key=lambda p: p.line or 0))
    return Config(root=root, institution=institution, **written)


def _found_locales(root: Path, values: dict, problems: list[Problem]) -> tuple[str, ...]:
    """Return the locales with a catalog in the translations folder; a folder no locale is named is a problem."""
    found = discover_locales(root / values["translations_dir"], values["domain"], values["source_locale"])
    for name in found:
        if known_locale(name) is None:
            problems.append(Problem(f"{values['translations_dir']}/{name}", None, "",
                                    f"{name!r} is not a locale Babel knows",
                                    "Name the folder with a locale code such as 'es' or 'pt_BR'"))
    return found


def discover_locales(translations: Path, domain: str, source_locale: str) -> tuple[str, ...]:
    """Return the locales that have a catalog, ``translations/<locale>/LC_MESSAGES/<domain>.po``, sorted."""
    found = (path.parent.parent.name for path in translations.glob(f"*/LC_MESSAGES/{domain}.po"))
    return tuple(sorted(locale for locale in found if locale != source_locale))
