"""The shape of a leaflet file, declared once for validation, extraction and translation."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import SHARED_FILE


@dataclass(frozen=True)
class Spec:
    """Base of every node in the schema."""

    help: str = ""
    """How to write this value, appended to error messages as a fix hint."""


@dataclass(frozen=True)
class Text(Spec):
    """Translatable text in the source language, with inline markup and placeholders."""

    max_chars: int | None = None
    """The longest text accepted, when shorter than any text may be (a label in a graphic)."""


@dataclass(frozen=True)
class Plain(Spec):
    """Text that is never translated (names, titles of cited documents, versions)."""


@dataclass(frozen=True)
class Url(Spec):
    """An https address."""


@dataclass(frozen=True)
class Date(Spec):
    """A calendar date written YYYY-MM-DD."""


@dataclass(frozen=True)
class Integer(Spec):
    """A whole number."""


@dataclass(frozen=True)
class Pictogrammed(Spec):
    """Text alone, or a mapping of the text and the pictogram drawn beside it (``icon``, ``text``)."""

    text: Spec = field(default_factory=Spec)
    icon: Spec = field(default_factory=Spec)


@dataclass(frozen=True)
class Choice(Spec):
    """One of a fixed set of words."""

    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Seq(Spec):
    """A list of items of one kind."""

    item: Spec = field(default_factory=Spec)
    min: int = 0
    max: int | None = None


@dataclass(frozen=True)
class Map(Spec):
    """A mapping with known keys; keys listed in ``optional`` may be left out."""

    fields: dict[str, Spec] = field(default_factory=dict)
    optional: frozenset[str] = frozenset()


@dataclass(frozen=True)
class OneOf(Spec):
    """A mapping with exactly one key, which names the kind of the value (a content block)."""

    kinds: dict[str, Spec] = field(default_factory=dict)


TEXT = Text()
TEXTS = Seq(item=TEXT, min=1)

PICTOGRAMS = ("calendar", "hospital", "phone", "pill", "thermometer", "warning")
"""The pictograms a key point or a warning sign may show: ``styles/pictograms/<name>.svg``."""
POINT = Pictogrammed(
    text=Text(help="Write the point's text under text:, beside its icon:"),
    icon=Choice(values=PICTOGRAMS, help="Name a pictogram (" + ", ".join(PICTOGRAMS) + ") or leave icon: out"),
)
"""A key point or a warning sign, with the pictogram that goes with it if any."""

TIMELINE_STEPS = 3
"""The most steps one phase of a timeline shows: more would not read at a glance."""
TIMELINE_PHASES = ("before", "during", "after")
TIMELINE_STEP = Map(
    fields={
        "label": Text(max_chars=60, help="Keep a step's label to a few words; explain it in a paragraph"),
        "duration": Text(max_chars=30, help="Write the duration briefly: 1 heure, 3 à 6 mois"),
    },
    optional=frozenset({"duration"}),
)
TIMELINE = Map(
    fields={"caption": TEXT} | {
        phase: Seq(item=TIMELINE_STEP, min=1, max=TIMELINE_STEPS,
                   help=f"List 1 to {TIMELINE_STEPS} steps, each with a label and, if useful, a duration")
        for phase in TIMELINE_PHASES
    },
    optional=frozenset({"caption", "before", "after"}),
)
"""The treatment path drawn as a graphic: steps before, during and after the treatment."""

FIGURE_ICONS = ("pill", "injection", "clock", "hospital", "calendar", "heart", "lungs", "gut", "skin", "liver",
                "gland", "nerves", "child", "jar")
"""The pictograms a figure's panel may show, drawn by ``render/figure.py``."""
FIGURE_PANELS = 6
"""The most panels one figure shows: two rows of three."""
FIGURE_PANEL = Map(
    fields={
        "title": Text(max_chars=60, help="Name the panel in a few words: a medicine, a kind of source, an organ"),
        "icon": Choice(values=FIGURE_ICONS,
                       help="Name a pictogram (" + ", ".join(FIGURE_ICONS) + ") or leave icon: out"),
        "text": Text(max_chars=140, help="Say in a sentence or two what the reader needs: how, where, how long"),
        "watch": Text(max_chars=100, help="Say in a sentence what to watch for or do; leave watch: out if nothing"),
    },
    optional=frozenset({"icon", "watch"}),
)
FIGURE = Map(
    fields={
        "caption": Text(help="Say what to do with the figure: find your medicine, then read its panel"),
        "panels": Seq(item=FIGURE_PANEL, min=2, max=FIGURE_PANELS,
                      help=f"List 2 to {FIGURE_PANELS} panels, each with a title and a text"),
    },
)
"""A picture that helps the reader act: panels side by side, each a pictogram, a title, a text and what to watch."""

URGENT = Map(
    fields={"heading": TEXT, "intro": TEXT, "signs": Seq(item=POINT, min=1)},
    optional=frozenset({"heading", "intro"}),
)
"""The red "call us straight away" box: warning signs (the template adds the 24-hour number and 15/112)."""

BLOCK = OneOf(
    kinds={
        "paragraph": TEXT,
        "list": TEXTS,
        "note": TEXT,
        "table": Map(
            fields={"caption": TEXT, "header": TEXTS, "rows": Seq(item=TEXTS, min=1)},
            optional=frozenset({"caption"}),
        ),
        "urgent": URGENT,
        "timeline": TIMELINE,
        "figure": FIGURE,
    },
    help="Write each block as one of: paragraph, list, note, table, urgent, timeline, figure",
)

_WRITTEN_BY_APPROVE = "This block is written by 'leaflets approve': run it again instead of editing the block"

def _approval(approvers: str, others: str) -> Map:
    """Return the shape of an approval record: when, which version, who (by role), and the digest of the text."""
    return Map(
        fields={
            "date": Date(help=_WRITTEN_BY_APPROVE),
            "version": Plain(help=_WRITTEN_BY_APPROVE),
            approvers: Seq(item=Plain(), min=1),
            others: Seq(item=Plain()),
            "digest": Plain(help=_WRITTEN_BY_APPROVE),
            "messages": Plain(help=_WRITTEN_BY_APPROVE),
        },
        optional=frozenset({"version", others}),
    )


APPROVAL = _approval("clinical", "patient")
"""``approval``, at the end of the leaflet file: who approved the source text, when, and a digest of that text
(``leaflets approve``). Earlier versions wrote it as ``metadata.approval``, still read."""

TRANSLATION_APPROVAL = _approval("translator", "reviewer")
"""One leaflet's record in ``translations/<locale>/approvals.yaml`` (``leaflets approve --locale``)."""

LAYOUT_APPROVAL = Map(
    fields={"date": Date(help=_WRITTEN_BY_APPROVE), "by": Seq(item=Plain(), min=1),
            "digest": Plain(help=_WRITTEN_BY_APPROVE), "messages": Plain(help=_WRITTEN_BY_APPROVE)},
)
"""``layout-approval.yaml``: who approved the look of every leaflet, when, and a digest of its files."""

METADATA = Map(
    fields={
        "version": Plain(help='Quote it: version: "1.0"'),
        # Before approvals were recorded by 'leaflets approve': still read, to tell how to move on (validate.py).
        "status": Choice(values=("draft", "approved")),
        "published": Date(help="Write the date as YYYY-MM-DD"),
        "review_due": Date(help="Write the date as YYYY-MM-DD"),
        # Authors are a team or a role ("Patient information team"): translated like the text, so that no English
        # leaflet shows them in French. Reviewers are people, named as they sign.
        "authors": Seq(item=TEXT, min=1),
        "reviewers": Map(fields={"clinical": Seq(item=Plain()), "patient": Seq(item=Plain())}),
        "sources": Seq(
            item=Map(
                fields={"title": Plain(), "publisher": Plain(), "year": Integer(), "url": Url(),
                        "language": Plain(help="The language the source is written in, as a code: fr, en, de…")},
                optional=frozenset({"year", "url", "language"}),
            ),
            min=1,
        ),
        "approval": APPROVAL,
    },
    optional=frozenset({"status", "reviewers", "approval"}),
)

SECTION = Map(fields={"heading": TEXT, "blocks": Seq(item=BLOCK, min=1)})

LEAFLET = Map(
    fields={
        "metadata": METADATA,
        "title": TEXT,
        "subtitle": TEXT,
        # Words the library's search finds the leaflet by, besides its title and headings: drug and device names,
        # abbreviations, the patients' own words; comma-separated, translated like any text, never printed.
        "search_terms": TEXT,
        "summary": TEXT,
        "key_points": Seq(item=POINT, min=3, max=5),
        # The leaflet's call-us box, printed on page 1 under the key points (an `urgent` block prints where written).
        "urgent": URGENT,
        "sections": Seq(item=SECTION, min=1),
        "questions": Seq(item=TEXT),
        "glossary": Seq(item=Map(fields={"term": TEXT, "definition": TEXT})),
        "contacts": Seq(item=Map(fields={"name": TEXT, "details": TEXT})),
        "resources": Seq(
            item=Map(fields={"name": TEXT, "description": TEXT, "url": Url()}, optional=frozenset({"url"}))
        ),
        # Last in the file, where writing it moves no line of the text (approval/source.py).
        "approval": APPROVAL,
    },
    optional=frozenset({"subtitle", "search_terms", "urgent", "questions", "glossary", "contacts", "resources",
                        "approval"}),
)
"""The whole leaflet file, as documented in the README (Writing a leaflet)."""

UNPRINTED = frozenset({"search_terms"})
"""Fields translated like any text but never printed: no patient reads them, so an approval is not bound to them,
their missing translation makes no PDF a draft, and readability does not score them."""

SHARED_ID = SHARED_FILE.removesuffix(".yaml")
"""The id the shared sections file is loaded under."""

SHARED = Map(fields={"sections": Seq(item=SECTION, min=1)})
"""``leaflets/_shared.yaml``: sections every leaflet ends with (about the institution), written once."""
