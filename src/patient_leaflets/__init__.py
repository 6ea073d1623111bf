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

_EXPORTS = {
    "load_config": "config", "Config": "config", "Institution": "config",
    "Problem": "errors", "LeafletError": "errors", "ConfigError": "errors", "ContentError": "errors",
    "CatalogError": "errors", "RenderError": "errors", "BuildError": "errors",
    "Leaflet": "content.leaflet", "load_leaflet": "content.leaflet",
    "extract_messages": "i18n.catalogs", "write_template": "i18n.catalogs", "init_catalog": "i18n.catalogs",
    "update_catalogs": "i18n.catalogs", "outdated_catalogs": "i18n.catalogs", "catalog_stats": "i18n.stats",
    "translate_leaflet": "i18n.translate",
    "build_leaflets": "build.orchestrate", "BuildReport": "build.report", "Outcome": "build.report",
    "BuildListener": "build.report",
    "check_project": "check.project", "CheckReport": "check.project",
}
"""Each public name, and the module (under ``patient_leaflets``) that defines it."""

_RENAMED = {"build_leaflets": "build"}
"""Public names that differ from the module's own: ``patient_leaflets.build`` is the build package."""

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'patient_leaflets' has no attribute {name!r}")
    module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
    value = getattr(module, _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
