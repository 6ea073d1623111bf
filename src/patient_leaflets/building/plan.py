"""What a build will make: one job per leaflet, language and format, and the outputs nothing makes any more."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..config.formats import FORMATS, STANDARD, format_of
from ..errors import BuildError, Problem
from .report import StaleOutput


@dataclass(frozen=True, kw_only=True)
class BuildOptions:
    """What to build and how: the choices of ``leaflets build``, each named (MkDocs' ``build(config, *, dirty)``)."""

    locales: Sequence[str] | None = None
    """The languages to build (all by default)."""
    leaflets: Sequence[str] | None = None
    """The leaflet ids to build (all by default)."""
    formats: Sequence[str] | None = None
    """The formats to build (the ``formats`` setting by default: standard and large print)."""
    jobs: int | None = None
    """Worker processes (one per core by default)."""
    force: bool = False
    """Render even the PDFs that are up to date."""
    strict: bool = False
    """Refuse a PDF that would be a draft (unapproved content, missing or fuzzy translations) instead of building it."""
    keep_html: bool = False
    """Keep the HTML handed to WeasyPrint beside each PDF."""


@dataclass
class Job:
    """One PDF to produce: a leaflet in a language and a format."""

    leaflet: str
    locale: str
    source: Path
    output: Path
    format: str = STANDARD
    key: str = ""
    """Checksum of the files and settings the PDF depends on; equal keys and catalog entries, identical PDF."""
    catalog: str = ""
    """Checksum of the language's .po file when the build started (empty for the source language)."""

    @property
    def name(self) -> str:
        """The job's name in the manifest (``job_name``)."""
        return job_name(self.locale, self.leaflet, self.format)

    @property
    def html(self) -> Path:
        """Where ``--html`` keeps the HTML handed to WeasyPrint: beside the PDF."""
        return self.output.with_suffix(".html")


def job_name(locale: str, leaflet: str, fmt: str) -> str:
    """Return a PDF's name in the manifest: ``<locale>/<leaflet>``, or ``<locale>/<leaflet>/<format>`` for a
    format other than the standard one."""
    return f"{locale}/{leaflet}" if fmt == STANDARD else f"{locale}/{leaflet}/{fmt}"


def split_job_name(name: str) -> tuple[str, str, str] | None:
    """Return the locale, leaflet and format a PDF's name in the manifest stands for; None if it is no name."""
    parts = name.split("/")
    if len(parts) == 2:
        return parts[0], parts[1], STANDARD
    if len(parts) == 3 and parts[2] in FORMATS and parts[2] != STANDARD:
        return parts[0], parts[1], parts[2]
    return None


def plan_jobs(config: Config, locales: list[str] | None = None, leaflets: list[str] | None = None,
              formats: list[str] | None = None) -> list[Job]:
    """Return one job per leaflet, locale and format selected, checking that the selection exists.

    ``formats`` default to the ``formats`` setting. A format made only for translations (the review proof) is
    planned for the target languages alone.
    """
    sources = config.leaflet_sources()
    problems = config.leaflet_problems(leaflets or [], sources) + config.locale_problems(locales or [])
    problems += _format_problems(config, locales, formats)
    if problems:
        raise BuildError(problems)
    out = config.path("output")
    chosen = [FORMATS[name] for name in dict.fromkeys(formats or config.formats)]
    return [
        Job(name, locale, sources[name], out / locale / fmt.file_name(name), fmt.name)
        for locale in (locales or config.all_locales)
        for name in (leaflets or sources)
        for fmt in chosen
        if not (fmt.translations_only and locale == config.source_locale)
    ]


def _format_problems(config: Config, locales: list[str] | None, formats: list[str] | None) -> list[Problem]:
    problems = [Problem.general(f"unknown format {name!r}", f"Known: {', '.join(FORMATS)}")
                for name in formats or [] if name not in FORMATS]
    for name in formats or []:
        if name in FORMATS and FORMATS[name].translations_only and locales == [config.source_locale]:
            problems.append(Problem.general(f"there is no {name} of the source language {config.source_locale!r}: "
                                            "it compares a translation with its source",
                                            f"Choose a translation: --locale {(config.locales or ('en',))[0]}"))
    return problems


def find_stale_outputs(config: Config) -> list[StaleOutput]:
    """Return the PDFs and HTML files in ``output/`` whose leaflet or language no longer exists."""
    output = config.path("output")
    if not output.is_dir():
        return []
    ids = set(config.leaflet_sources())
    stale = []
    for folder in _folders(output):
        if folder.name == SUPERSEDED:
            stale += [StaleOutput(config.display(path), SET_ASIDE) for locale in _folders(folder)
                      for path in _outputs(locale) if path.suffix == ".pdf"]
            continue
        for path in _outputs(folder):
            reason = _stale_reason(config, folder.name, path.with_suffix(".pdf").name, ids)
            if reason:
                stale.append(StaleOutput(config.display(path), reason))
    return stale


SUPERSEDED = "superseded"
"""``previous.FOLDER``: where the build sets aside a PDF it refused or failed to replace."""
SET_ASIDE = "an earlier PDF, set aside when a build refused or failed to replace it: not to be given to patients"


def _folders(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)


def _outputs(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if p.suffix in (".pdf", ".html") and not p.name.startswith(".")
                   and p.is_file()), key=lambda p: p.name)


def _stale_reason(config: Config, locale: str, pdf_name: str, ids: set[str]) -> str:
    """Say why ``output/<locale>/<pdf_name>`` (or its HTML) is no build's output any more; empty if it is."""
    if locale not in config.all_locales:
        return f"the language {locale!r} is not built any more (not in locales)"
    leaflet, _ = format_of(pdf_name) or (pdf_name, None)
    if leaflet not in ids:
        return f"there is no leaflet {leaflet!r} in {config.leaflets_dir}/ any more"
    return ""
