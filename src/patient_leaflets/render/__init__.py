"""The rendering stage: a translated leaflet to HTML (Jinja2, ``html``), then to PDF (WeasyPrint, ``pdf``).

``pdf`` is never imported here: it loads WeasyPrint, which only the build's workers need.
"""
