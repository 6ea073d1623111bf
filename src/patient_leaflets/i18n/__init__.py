"""The translation stage: extraction, catalogs (.po files), translation checks, statistics, applying a catalog."""
