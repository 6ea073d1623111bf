"""The layout approval: one named person checked how every leaflet looks, over a digest of the files that make it.

Templates, stylesheets, pictograms and fonts change what every PDF looks like (a stylesheet rule can hide the
call-us box; a template can add a sentence no catalog holds). They are approved in bulk, apart from the text, in
``layout-approval.yaml`` (``leaflets approve --layout --by NAME``): one hash per file, sealed like a text's
approval. While the files differ from what was approved, every PDF is a draft; approving the layout again
re-approves no text. The library page's own template (``templates/site/``) prints on no PDF and is left out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..config import Config
from ..errors import LeafletError
from ..i18n.origin import layout_files
from .records import Record, Verdict, judge, make_record, message_hash
from .texts import Message

FILE = "layout-approval.yaml"
"""The layout approval, at the top of the project: it covers every leaflet."""
SUBJECT = "layout"
ROLE = "by"
UNREADABLE = "unreadable"


def layout_path(config: Config) -> Path:
    """Return where the layout approval is kept."""
    return config.root / FILE


def hashed_layout(config: Config) -> list[tuple[Message, str]]:
    """Return each layout file as a message (its name), hashed with its bytes."""
    from ..files import ASSET, digest_file

    hashed = []
    for path in layout_files(config):
        display = config.display(path)
        try:
            digest = digest_file(path, display, ASSET)
        except LeafletError:
            digest = UNREADABLE  # the render says why; the layout is not the one approved
        hashed.append((Message(display, display, field=display, kind="layout"), message_hash(display, digest)))
    return hashed


def layout_verdict(config: Config) -> Verdict:
    """Compare the layout files today with their approval; raise ContentError when the record is broken."""
    return judge(read_layout_approval(config), hashed_layout(config))


def approve_layout(config: Config, names: tuple[str, ...], date: dt.date) -> tuple[Path, Record]:
    """Record that ``names`` approved the look of every leaflet as the files are now."""
    from ..files import write_atomic
    from .yaml_text import NOTE, record_lines

    record = make_record(SUBJECT, date, {ROLE: names}, "", hashed_layout(config))
    lines = ["# Layout approval: who checked how every leaflet looks (templates, stylesheets, pictograms, fonts),",
             f"# bound to those files; {NOTE}.", *record_lines(record, "")]
    path = layout_path(config)
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path, record


def read_layout_approval(config: Config) -> Record | None:
    """Return the layout approval, or None when there is none; raise ContentError when the file is broken."""
    from ..content import schema as s
    from ..content.loader import compose, decode, read_yaml
    from ..content.validate import Validator
    from ..errors import ContentError

    path = layout_path(config)
    if not path.exists() and not path.is_symlink():
        return None
    display = config.display(path)
    root = compose(decode(read_yaml(path, display), display), display)
    validator = Validator(display, root.refused)
    data = validator.read(root.node, s.LAYOUT_APPROVAL, ()) if root.node is not None else None
    if validator.problems:
        raise ContentError(validator.problems)
    if not data:
        return None
    return Record(SUBJECT, data["date"], {ROLE: tuple(data[ROLE])}, data["digest"], tuple(data["messages"].split()),
                  where=f"{display}:1")
