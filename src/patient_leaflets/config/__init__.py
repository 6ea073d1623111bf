"""Project settings, read from ``[tool.patient-leaflets]`` in pyproject.toml.

``settings`` reads the table and holds :class:`Config`; ``institution`` the care centre's details; ``options``
declares each setting once (kind, default, check) and reads a table against the declarations; ``toml`` the file
itself and where each setting is written, for messages; ``language`` what every stage needs to know about a
language, worked out once (``Config.language``).
"""

from __future__ import annotations

from .institution import Institution
from .language import Language
from .settings import SHARED_FILE, Config, discover_locales, find_root, load_config
from .toml import setting_line

__all__ = ["SHARED_FILE", "Config", "Institution", "Language", "discover_locales", "find_root", "load_config",
           "setting_line"]
