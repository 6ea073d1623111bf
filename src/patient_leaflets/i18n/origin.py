"""Where a message comes from, told by its reference in a catalog (``leaflets/sample.yaml:12``): one leaflet, the
shared sections every leaflet ends with, the templates every leaflet shows, or the library page.

``leaflets check`` (which leaflets a gap touches), ``leaflets stats`` (its rows), the review proof (its page
layout part) and the checks (template strings have their own syntax) all ask ``message_origin``, with the
project's folder settings, so that none of them files a message elsewhere.
"""

from __future__ import annotations

from pathlib import PurePosixPath

TEMPLATES = "templates"
"""The origin of a string of the leaflets' templates, which every leaflet shows."""
SITE = "site"
"""The origin of a string of the library page, which no leaflet shows; also the name of its folder under
``templates/`` (``leaflets site``), which no PDF depends on."""


def message_origin(config, location: str) -> str:
    """Return what shows the message referenced at ``location`` (a path relative to the project, as catalogs have).

    The answer is a leaflet's id (``_shared`` for the shared sections), ``TEMPLATES`` or ``SITE``. ``config`` gives
    the ``leaflets-dir`` and ``templates-dir`` settings; None (``pybabel`` outside a project) tells by file type
    alone: a ``.yaml`` file is a leaflet, anything else a template.
    """
    path = PurePosixPath(location)
    if config is None:
        return path.stem if path.suffix == ".yaml" else TEMPLATES
    if path.suffix == ".yaml" and path.parent == PurePosixPath(config.leaflets_dir):
        return path.stem
    if path.is_relative_to(PurePosixPath(config.templates_dir, SITE)):
        return SITE
    return TEMPLATES


def layout_files(config) -> list:
    """Return the files that make the look of every PDF: the templates (not the library page's, ``SITE``) and the
    styles with their pictograms and fonts, in a stable order; dot files left out. The build's input digest and
    the layout approval both hash exactly these."""
    site = config.path("templates") / SITE
    files = []
    for folder in (config.path("templates"), config.path("styles")):
        if folder.is_dir():
            files += sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")
                            and not p.is_relative_to(site))
    return files
