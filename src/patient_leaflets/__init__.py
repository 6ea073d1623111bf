"""patient-leaflets: structured treatment content + gettext catalogs + print CSS → patient leaflets in PDF.

The library behind the ``leaflets`` command; each command is one function here::

    from patient_leaflets import build_leaflets, load_config

    config = load_config("path/to/project")
    report = build_leaflets(config, locales=["en"])
    for outcome in report.outcomes:
        print(outcome.output, outcome.status, outcome.draft_reasons)

Names are imported when first used, so that ``import patient_leaflets`` stays cheap (an up-to-date build
never loads the renderer).
"""

from __future__ import annotations

import importlib

from ._version import __version__

_HOMES = {
    # settings and errors
    "config": ("Config", "Institution", "load_config"),
    "errors": ("Problem", "LeafletError", "ConfigError", "ContentError", "CatalogError", "RenderError",
               "BuildError"),
    # one function per command: build, check, extract, init, update (--check), stats, site, approve, status
    "building.orchestrate": ("build_leaflets",),
    "building.plan": ("BuildOptions",),
    "building.report": ("BuildReport", "Outcome", "BuildListener"),
    "check.project": ("check_project", "CheckReport"),
    "i18n.catalogs": ("write_template", "extract_messages", "init_catalog", "update_catalogs", "outdated_catalogs"),
    "i18n.stats": ("catalog_stats",),
    "approval.approve": ("approve_leaflet", "approve_translation"),
    "pipeline.status": ("approval_status",),
    "site.library": ("build_site", "SiteReport"),
    # the content and translation stages
    "content.leaflet": ("Leaflet", "load_leaflet"),
    "i18n.translate": ("translate_leaflet",),
}
"""Each public name, listed once under the module (in ``patient_leaflets``) that defines it."""
_RENAMED = {"build_leaflets": "build"}
"""Public names that differ from the module's own: ``patient_leaflets.building`` is the build package."""

__all__ = ["__version__", *(name for names in _HOMES.values() for name in names)]


def __getattr__(name: str):
    home = next((module for module, names in _HOMES.items() if name in names), None)
    if home is None:
        raise AttributeError(f"module 'patient_leaflets' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
