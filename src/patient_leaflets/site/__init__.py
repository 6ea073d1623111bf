"""The clinicians' library: a static page listing every PDF the build made, to find, preview and print the right
leaflet (``leaflets site``), and a local server that rebuilds on save (``leaflets preview``).

It reads what the build writes (the manifest and ``build-report.json``) and never renders a PDF itself, so it
sits above ``build``; the command line sits above it.
"""

from __future__ import annotations

from .library import SiteReport, build_site

__all__ = ["SiteReport", "build_site"]
