"""Project settings, read from ``[tool.patient-leaflets]`` in pyproject.toml.

``settings`` reads the table and holds :class:`Config`; ``institution`` the care centre's details; ``toml`` the
file itself and where each setting is written, for messages.
"""

from __future__ import annotations

from .institution import Institution
from .settings import SHARED_FILE, Config, discover_locales, find_root, load_config
from .toml import setting_line

__all__ = ["SHARED_FILE", "Config", "Institution", "discover_locales", "find_root", "load_config", "setting_line"]
