"""Reading pyproject.toml: its ``[tool.patient-leaflets]`` table, and the line of a setting for messages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..errors import ConfigError, Problem
from ..files import SETTINGS, read_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def read_settings(path: Path, where: str) -> tuple[str, dict]:
    """Return the text of pyproject.toml and its ``[tool.patient-leaflets]`` table; raise ConfigError."""
    data = read_file(path, where, SETTINGS)
    try:
        text = data.decode("utf-8")
        table = tomllib.loads(text).get("tool", {}).get("patient-leaflets", {})
    except UnicodeDecodeError as exc:
        raise ConfigError([Problem(where, data.count(b"\n", 0, exc.start) + 1, "", "not UTF-8 text",
                                   "Save the file as UTF-8")]) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r" \(at line (\d+), column (\d+)\)$", str(exc))
        message = str(exc)[:found.start()] if found else str(exc)
        line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        raise ConfigError([Problem(where, line, "", f"invalid TOML: {message}", "", column)]) from None
    return text, table


def setting_line(text: str, dotted: str) -> int | None:
    """Return the line of pyproject.toml where a setting is written or, when it is missing, its table starts."""
    table, _, key = dotted.rpartition(".")
    current, header = None, None
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        found = re.match(r"\[([^\[\]]+)\]", line)
        if found:
            current = re.sub(r'[\s"]', "", found.group(1))
            header = number if current == table else header
        elif current == table and re.match(rf'"?{re.escape(key)}"?\s*=', line):
            return number
    if header is None and "." in table:
        return setting_line(text, table)
    return header
