"""The templates' own strings (running heads, labels, the draft notice), each with the file and line it is on.

Read by the HTML stage, so that a missing translation names its template line, and by approvals, because a
patient reads these strings as much as the leaflet's own text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..errors import LeafletError
from ..files import ASSET, read_file
from ..i18n.catalogs import extract_messages


@dataclass(frozen=True)
class TemplateString:
    """One string of the templates, where it first appears: ``templates/blocks.html.j2:29``."""

    msgid: str
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def template_strings(config: Config, root: str) -> tuple[TemplateString, ...]:
    """Return every string template ``root`` and the templates it uses translate, in template order.

    Extracted once per version of the files; the strings of other templates (the library page) are left out.
    """
    folder = config.path("templates")
    state = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.rglob("*")) if p.is_file())
    used = {f"{config.templates_dir}/{name}" for name in _used_templates(folder, root, state)}
    return tuple(string for string in _extract(config, state) if string.file in used)


@functools.lru_cache(maxsize=16)
def _used_templates(folder: Path, root: str, state: tuple) -> frozenset[str]:
    """Return ``root`` and every template it imports, includes or extends, and so on (names Jinja2 can know
    without rendering: a name computed at run time is left out, as ``jinja2.meta`` leaves it).

    Parsed once per version of the files (``state``, their sizes and times, keys the cache), not once a page.
    """
    import jinja2
    import jinja2.meta

    environment = jinja2.Environment()
    found, todo = set(), [root]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        try:
            source = read_file(folder / name, name, ASSET).decode("utf-8")
            todo += [n for n in jinja2.meta.find_referenced_templates(environment.parse(source)) if n]
        except (LeafletError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
            continue  # rendering will say what is wrong with it
    return frozenset(found)


@functools.lru_cache(maxsize=4)
def _extract(config: Config, state: tuple) -> tuple[TemplateString, ...]:
    """Extract with Babel, as ``leaflets extract`` does; ``state`` (the files' sizes and times) keys the cache."""
    strings = []
    for message in extract_messages(config, templates_only=True):
        if message.id and message.locations:
            msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            path, line = message.locations[0]
            strings.append(TemplateString(msgid, Path(path).as_posix(), line))
    return tuple(strings)


def template_locations(config: Config, root: str) -> dict[str, str]:
    """Return where each string of template ``root`` is written, by msgid: ``templates/leaflet.html.j2:92``."""
    return {string.msgid: string.where for string in template_strings(config, root)}
