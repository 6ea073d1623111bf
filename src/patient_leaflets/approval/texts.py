"""What a patient sees in one leaflet, message by message: what an approval is bound to.

That is the leaflet's own texts, each with the kind of block and box it sits in, the leaflet's shape and every
value it prints or links (``approval.shape``: block types, list lengths, table cells, links, pictograms, the
cited sources, version and dates), the same for the shared sections every leaflet ends with, the templates'
strings (running heads, labels, the "call us" box) and the settings that print: the institution's details
(phone numbers, website, the fever threshold) and the address the QR code encodes (``online-url``). Not
comments, not the order of the cited sources, not YAML quoting or indentation: changing those keeps an approval.
The look of the page (templates' markup, stylesheets, pictogram and font files) has an approval of its own
(``approval.layout``).
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
from .shape import context, field_of, shape_items

SETTINGS_TABLE = "tool.patient-leaflets"
INSTITUTION_TABLE = f"{SETTINGS_TABLE}.institution"
PRINTED_SETTINGS = ("online_url", "regions")
"""Settings beside the institution's that change what a page prints: the address the QR code encodes, and the
regional conventions dates and numbers are written in."""
PROJECT_FILE = "pyproject.toml"


@dataclass(frozen=True)
class Message:
    """One text a patient reads, and where it is written."""

    text: str
    file: str
    line: int | None = None
    field: str = ""
    kind: str = "leaflet"
    """``leaflet`` (a leaflet's or the shared sections' text), ``template`` (a template's string), ``setting`` (a
    setting that prints, the same in every language), or what ``approval.shape`` finds: ``structure``, ``link``,
    ``pictogram``, ``control``, ``value``, ``source``. Only the first two are translated."""
    context: str = ""
    """Where a leaflet's text sits, without positions (``sections/blocks/urgent/signs``): sealed with it."""

    @property
    def translatable(self) -> bool:
        return self.kind in ("leaflet", "template")

    def sealed(self) -> tuple[str, ...]:
        """Return what the approval's hash of this message covers: the text, and a leaflet text's context."""
        return (self.text, self.context) if self.context else (self.text,)

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
    messages += shape_messages(leaflet) + (shape_messages(shared) if shared is not None else [])
    return messages + institution_messages(config)


def leaflet_messages(leaflet: Leaflet) -> list[Message]:
    """Return the translatable texts of a leaflet file a patient reads, in file order (not its search words), each
    with its context."""
    return [Message(text, leaflet.source, line, format_key(key), context=context(key))
            for key, text, line in leaflet.iter_printed_texts()]


def shape_messages(leaflet: Leaflet) -> list[Message]:
    """Return the leaflet's shape and printed values (``approval.shape``), in file order."""
    return [Message(text, leaflet.source, leaflet.lines.get(key), field_of(key), kind)
            for key, kind, text in shape_items(leaflet)]


def institution_messages(config: Config) -> list[Message]:
    """Return the institution's details as the placeholders print them (a changed number changes the leaflet)."""
    try:
        text = read_file(config.root / PROJECT_FILE, PROJECT_FILE, SETTINGS).decode("utf-8")
    except (LeafletError, UnicodeDecodeError):
        text = ""
    settings = [(f"{INSTITUTION_TABLE}.{name.replace('_', '-')}", value)
                for name, value in asdict(config.institution).items()]
    settings += [(f"{SETTINGS_TABLE}.{name.replace('_', '-')}", getattr(config, name)) for name in PRINTED_SETTINGS]
    return [Message(f"{key.rpartition('.')[2]} = {value}", PROJECT_FILE, setting_line(text, key), key, kind="setting")
            for key, value in settings]
