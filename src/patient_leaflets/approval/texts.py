"""What a patient reads in one leaflet, message by message: the text an approval is bound to.

That is the leaflet's own texts, the shared sections every leaflet ends with, the templates' strings (running
heads, labels, the "call us" box) and the institution's details the placeholders print (phone numbers, the
fever threshold). Not comments, not source references, not the order or wording of the cited sources, not the
file's layout: changing those keeps an approval.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..config import Config
from ..config.toml import setting_line
from ..content.leaflet import Leaflet
from ..content.validate import format_key
from ..errors import LeafletError
from ..files import SETTINGS, read_file
from ..render.html import TEMPLATE
from ..render.template_strings import template_strings

INSTITUTION_TABLE = "tool.patient-leaflets.institution"
PROJECT_FILE = "pyproject.toml"


@dataclass(frozen=True)
class Message:
    """One text a patient reads, and where it is written."""

    text: str
    file: str
    line: int | None = None
    field: str = ""
    kind: str = "leaflet"
    """``leaflet`` (a leaflet's or the shared sections' text), ``template`` or ``setting`` (an institution detail,
    the same in every language: approved with the source text, not translated)."""

    @property
    def translatable(self) -> bool:
        return self.kind != "setting"

    @property
    def where(self) -> str:
        """``leaflets/x.yaml:12 (sections[0].heading)``, ``templates/blocks.html.j2:29``."""
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place} ({self.field})" if self.field else place


def source_messages(config: Config, leaflet: Leaflet, shared: Leaflet | None) -> list[Message]:
    """Return every message a patient reads in ``leaflet``, in the source language, in a fixed order."""
    messages = leaflet_messages(leaflet)
    if shared is not None:
        messages += leaflet_messages(shared)
    messages += [Message(s.msgid, s.file, s.line, kind="template") for s in template_strings(config, TEMPLATE)]
    return messages + institution_messages(config)


def leaflet_messages(leaflet: Leaflet) -> list[Message]:
    """Return the translatable texts of a leaflet file a patient reads, in file order (not its search words)."""
    return [Message(text, leaflet.source, line, format_key(key)) for key, text, line in leaflet.iter_printed_texts()]


def institution_messages(config: Config) -> list[Message]:
    """Return the institution's details as the placeholders print them (a changed number changes the leaflet)."""
    try:
        text = read_file(config.root / PROJECT_FILE, PROJECT_FILE, SETTINGS).decode("utf-8")
    except (LeafletError, UnicodeDecodeError):
        text = ""
    messages = []
    for name, value in asdict(config.institution).items():
        key = name.replace("_", "-")
        messages.append(Message(f"{key} = {value}", PROJECT_FILE, setting_line(text, f"{INSTITUTION_TABLE}.{key}"),
                                f"{INSTITUTION_TABLE}.{key}", kind="setting"))
    return messages
