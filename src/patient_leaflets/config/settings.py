"""The project settings (folders, languages), read from ``[tool.patient-leaflets]`` in pyproject.toml."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from babel import Locale, UnknownLocaleError

from ..errors import ConfigError, Problem, did_you_mean
from ..files import SETTINGS, display_path, read_file
from .formats import DEFAULT_FORMATS, formats_problems, online_url_problem
from .institution import Institution, read_institution
from .toml import read_settings, setting_line


@dataclass(frozen=True)
class Config:
    """Where things are and which languages to build."""

    root: Path
    """The project folder, the one holding pyproject.toml."""
    institution: Institution
    source_locale: str = "fr"
    """The language the leaflets are written in."""
    locales: tuple[str, ...] = ("en",)
    """Target languages, each with a catalog in ``translations/``; found there unless the setting lists them."""
    leaflets_dir: str = "leaflets"
    templates_dir: str = "templates"
    styles_dir: str = "styles"
    translations_dir: str = "translations"
    output_dir: str = "output"
    domain: str = "leaflets"
    """Catalog name: ``translations/<locale>/LC_MESSAGES/<domain>.po``."""
    regions: tuple[tuple[str, str], ...] = ()
    """Regional conventions per language for dates, numbers and hyphenation, e.g. ``en`` → ``en_GB``."""
    do_not_translate: tuple[str, ...] = ()
    """Terms every translation keeps exactly as the source writes them (names, acronyms such as SAMU)."""
    formats: tuple[str, ...] = DEFAULT_FORMATS
    """The formats ``leaflets build`` makes when ``--format`` does not choose (``config.formats.FORMATS``)."""
    online_url: str = ""
    """Where each PDF is published, as a pattern (``https://…/{locale}/{file}``): a QR code on paper leads there."""

    def region(self, locale: str) -> str:
        """Return the locale whose conventions format dates and numbers in ``locale``'s leaflets."""
        return dict(self.regions).get(locale, locale)

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

_FIELDS = {
    "source-locale": "source_locale",
    "locales": "locales",
    "leaflets-dir": "leaflets_dir",
    "templates-dir": "templates_dir",
    "styles-dir": "styles_dir",
    "translations-dir": "translations_dir",
    "output-dir": "output_dir",
    "domain": "domain",
    "regions": "regions",
    "do-not-translate": "do_not_translate",
    "formats": "formats",
    "online-url": "online_url",
}
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
    problems: list[Problem] = []
    kwargs: dict = {}
    for key, value in table.items():
        if key == "institution":
            continue
        if key not in _FIELDS:
            problems.append(Problem(where, None, f"tool.patient-leaflets.{key}", "unknown setting",
                                    did_you_mean(key, _FIELDS, f"Known settings: {', '.join(sorted(_FIELDS))}")))
            continue
        expected = _type_problem(key, value)
        if expected:
            problems.append(Problem(where, None, f"tool.patient-leaflets.{key}", expected))
            continue
        kwargs[_FIELDS[key]] = _setting_value(key, value)
    discovered = "locales" not in kwargs
    if discovered:
        kwargs["locales"] = discover_locales(root / kwargs.get("translations_dir", "translations"),
                                             kwargs.get("domain", "leaflets"), kwargs.get("source_locale", "fr"))
    names = [("source-locale", kwargs.get("source_locale", "fr")), *(("locales", n) for n in kwargs["locales"]),
             *(("regions", region) for _, region in kwargs.get("regions", ()))]
    for key, name in names:
        try:
            Locale.parse(name)
        except (ValueError, UnknownLocaleError):
            if discovered and key == "locales":
                folder = f"{kwargs.get('translations_dir', 'translations')}/{name}"
                problems.append(Problem(folder, None, "", f"{name!r} is not a locale Babel knows",
                                        "Name the folder with a locale code such as 'es' or 'pt_BR'"))
                continue
            problems.append(Problem(where, None, f"tool.patient-leaflets.{key}",
                                    f"unknown locale {name!r}", "Use a code such as 'en', 'es' or 'pt_BR'"))
    terms = kwargs.get("do_not_translate", ())
    if not all(isinstance(term, str) and term.strip() for term in terms):
        problems.append(Problem(where, None, "tool.patient-leaflets.do-not-translate", "expected a list of terms",
                                'Write it as do-not-translate = ["SAMU", "Gustave Roussy"]'))
    problems += [Problem(where, None, "tool.patient-leaflets.formats", message)
                 for message in formats_problems(kwargs.get("formats", DEFAULT_FORMATS))]
    url_problem = online_url_problem(kwargs["online_url"]) if kwargs.get("online_url") else ""
    if url_problem:
        problems.append(Problem(where, None, "tool.patient-leaflets.online-url", url_problem))
    institution = read_institution(table.get("institution", {}), where, problems)
    if problems:
        located = [replace(p, line=setting_line(text, p.field)) if p.file == where else p for p in problems]
        raise ConfigError(sorted(located, key=lambda p: p.line or 0))
    return Config(root=root, institution=institution, **kwargs)


def _type_problem(key: str, value) -> str:
    """Return what a setting should have been when its value has the wrong type, else an empty string."""
    if key in ("locales", "formats"):
        ok = isinstance(value, str) or isinstance(value, list) and all(isinstance(v, str) for v in value)
        example = 'locale codes, e.g. ["en", "es"]' if key == "locales" else 'formats, e.g. ["standard", "large-print"]'
        return "" if ok else f"expected a list of {example}"
    if key == "do-not-translate":
        return ""  # checked term by term once read
    if key == "regions":
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        return "" if ok else 'expected a table of locale codes, e.g. { en = "en_GB" }'
    return "" if isinstance(value, str) else "expected text"


def discover_locales(translations: Path, domain: str, source_locale: str) -> tuple[str, ...]:
    """Return the locales that have a catalog, ``translations/<locale>/LC_MESSAGES/<domain>.po``, sorted."""
    found = (path.parent.parent.name for path in translations.glob(f"*/LC_MESSAGES/{domain}.po"))
    return tuple(sorted(locale for locale in found if locale != source_locale))


def _setting_value(key: str, value):
    if key in ("locales", "do-not-translate", "formats"):
        return tuple(value) if isinstance(value, list) else (value,)
    if key == "regions":
        return tuple(sorted(value.items()))
    return value
