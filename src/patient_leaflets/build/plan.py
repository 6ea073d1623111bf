"""What a build will make: one job per leaflet and language, and the outputs nothing makes any more."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..errors import BuildError, Problem
from .report import StaleOutput


@dataclass
class Job:
    """One PDF to produce: a leaflet in a language."""

    leaflet: str
    locale: str
    source: Path
    output: Path
    key: str = ""
    """Checksum of the files and settings the PDF depends on; equal keys and catalog entries, identical PDF."""
    catalog: str = ""
    """Checksum of the language's .po file when the build started (empty for the source language)."""

    @property
    def name(self) -> str:
        """The job's name in the manifest: ``<locale>/<leaflet>``."""
        return f"{self.locale}/{self.leaflet}"

    @property
    def html(self) -> Path:
        """Where ``--html`` keeps the HTML handed to WeasyPrint: beside the PDF."""
        return self.output.with_suffix(".html")


def plan_jobs(config: Config, locales: list[str] | None = None, leaflets: list[str] | None = None) -> list[Job]:
    """Return one job per leaflet and locale selected, checking that the selection exists."""
    sources = {p.stem: p for p in config.leaflet_files()}
    problems = [Problem("", None, "", f"no leaflet {name!r} in {config.leaflets_dir}/", f"Known: {', '.join(sources)}")
                for name in leaflets or [] if name not in sources]
    problems += [Problem("", None, "", f"locale {locale!r} is not configured",
                         f"Configured: {', '.join(config.all_locales)}; run 'leaflets init {locale}' to start its "
                         "catalog")
                 for locale in locales or [] if locale not in config.all_locales]
    if problems:
        raise BuildError(problems)
    out = config.path("output")
    return [
        Job(name, locale, sources[name], out / locale / f"{name}.pdf")
        for locale in (locales or config.all_locales)
        for name in (leaflets or sources)
    ]


def find_stale_outputs(config: Config) -> list[StaleOutput]:
    """Return the PDFs and HTML files in ``output/`` whose leaflet or language no longer exists."""
    output = config.path("output")
    if not output.is_dir():
        return []
    ids = {p.stem for p in config.leaflet_files()}
    stale = []
    for folder in sorted((p for p in output.iterdir() if p.is_dir() and not p.name.startswith(".")),
                         key=lambda p: p.name):
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            if path.suffix not in (".pdf", ".html") or path.name.startswith(".") or not path.is_file():
                continue
            if path.name.endswith(".previous.pdf"):
                reason = ("an earlier PDF, set aside when a build refused or failed to replace it: not to be given "
                          "to patients")
            elif folder.name not in config.all_locales:
                reason = f"the language {folder.name!r} is not built any more (not in locales)"
            elif path.stem not in ids:
                reason = f"there is no leaflet {path.stem!r} in {config.leaflets_dir}/ any more"
            else:
                continue
            stale.append(StaleOutput(config.display(path), reason))
    return stale
