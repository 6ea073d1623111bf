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
from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:  # the names as type checkers and editors see them; at run time __getattr__ imports them
    from .build.orchestrate import build as build_leaflets
    from .build.report import BuildListener, BuildReport, Outcome
    from .check.project import CheckReport, check_project
    from .config import Config, Institution, load_config
    from .content.leaflet import Leaflet, load_leaflet
    from .errors import BuildError, CatalogError, ConfigError, ContentError, LeafletError, Problem, RenderError
    from .i18n.catalogs import extract_messages, init_catalog, outdated_catalogs, update_catalogs, write_template
    from .i18n.stats import catalog_stats
    from .i18n.translate import translate_leaflet

__all__ = [
    "__version__",
    # settings and errors
    "Config", "Institution", "load_config",
    "Problem", "LeafletError", "ConfigError", "ContentError", "CatalogError", "RenderError", "BuildError",
    # one function per command
    "build_leaflets", "BuildReport", "Outcome", "BuildListener",   # leaflets build
    "check_project", "CheckReport",                                # leaflets check
    "write_template", "extract_messages",                          # leaflets extract
    "init_catalog", "update_catalogs", "outdated_catalogs",        # leaflets init, update, update --check
    "catalog_stats",                                               # leaflets stats
    # the content and translation stages
    "Leaflet", "load_leaflet", "translate_leaflet",
]

_HOMES = {
    "config": ("Config", "Institution", "load_config"),
    "errors": ("Problem", "LeafletError", "ConfigError", "ContentError", "CatalogError", "RenderError",
               "BuildError"),
    "build.orchestrate": ("build_leaflets",),
    "build.report": ("BuildReport", "Outcome", "BuildListener"),
    "check.project": ("check_project", "CheckReport"),
    "i18n.catalogs": ("write_template", "extract_messages", "init_catalog", "update_catalogs", "outdated_catalogs"),
    "i18n.stats": ("catalog_stats",),
    "content.leaflet": ("Leaflet", "load_leaflet"),
    "i18n.translate": ("translate_leaflet",),
}
"""The module (under ``patient_leaflets``) that defines each public name."""
_RENAMED = {"build_leaflets": "build"}
"""Public names that differ from the module's own: ``patient_leaflets.build`` is the build package."""


def __getattr__(name: str):
    home = next((module for module, names in _HOMES.items() if name in names), None)
    if home is None:
        raise AttributeError(f"module 'patient_leaflets' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
