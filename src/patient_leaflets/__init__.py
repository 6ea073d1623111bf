"""patient-leaflets: structured treatment content + gettext catalogs + print CSS → patient leaflets in PDF."""

__version__ = "0.1.0"
