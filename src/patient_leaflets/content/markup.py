"""Inline markup and placeholders in leaflet text: the only markup a writer or translator can use.

Text is untrusted (YAML and every msgstr). It may hold ``**bold**``, ``[label](https://…)`` and named
placeholders such as ``{phone_24h}``; everything else, raw HTML included, is escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from string import Formatter

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from .placeholders import PLACEHOLDERS, printed_url

LINK_SCHEMES = ("https://", "mailto:", "tel:")
"""What a link in leaflet text may point to."""
HTML_TAG = re.compile(r"</?[A-Za-z!][^>]*>")
"""An HTML tag (or comment, or doctype), which text never holds."""
_SENTINEL = re.compile("\ue000(\\d+)\ue001")
_PRIVATE = re.compile("[\ue000\ue001]")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)[sdif]")


def is_allowed_link(url: str) -> bool:
    """Tell whether a link target starts with one of ``LINK_SCHEMES``."""
    return url.strip().lower().startswith(LINK_SCHEMES)


def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["emphasis", "link", "escape"])
    md.validateLink = is_allowed_link
    md.add_render_rule("link_close", _close_link)
    return md


def printed_address(url: str) -> str:
    """Return a link's address as a reader types it: ``www.e-cancer.fr/x``, an e-mail address, a phone number."""
    url = url.strip()
    for scheme in ("https://", "mailto:", "tel:"):
        if url.lower().startswith(scheme):
            return url[len(scheme):].rstrip("/")
    return url


def _close_link(self, tokens, idx, options, env) -> str:
    """Close a link, then print its address after it: paper cannot be clicked (unless the label is the address)."""
    start = max(i for i in range(idx) if tokens[i].type == "link_open")
    shown = printed_address(tokens[start].attrGet("href") or "")
    label = "".join(token.content for token in tokens[start + 1:idx])
    if not shown or shown.lower() in label.lower():
        return "</a>"
    return f'</a> <span class="url">({printed_url(shown)})</span>'


_MD = _parser()


def split_placeholders(text: str) -> list[tuple[str, str | None]]:
    """Return ``(literal, placeholder name or None)`` pairs; raise ValueError on stray braces."""
    parts = []
    for literal, name, spec, conversion in Formatter().parse(text):
        if name is not None and (spec or conversion):
            raise ValueError(f"placeholder {{{name}}} cannot have a format; write {{{name}}}")
        parts.append((literal, name))
    return parts


def placeholders_in(text: str) -> list[str]:
    """Return the placeholder names used in ``text``, in order."""
    return [name for _, name in split_placeholders(text) if name is not None]


def _unknown_placeholder(name: str) -> str:
    if not name.isidentifier():  # "{voir page 2}": braces meant as text, not a placeholder
        return (f"unknown placeholder {{{name}}}: a placeholder is one word, such as {{phone_24h}}; to show braces "
                f"in the text, double them: {{{{{name}}}}}")
    return f"unknown placeholder {{{name}}}; known placeholders: " + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)


def text_problems(text: str) -> list[str]:
    """Return what is wrong with a piece of leaflet text (empty if nothing)."""
    try:
        names = placeholders_in(text)
    except ValueError as exc:
        return [f"{exc}; write a literal brace as {{{{ or }}}}"]
    problems = [_unknown_placeholder(name) for name in names if name not in PLACEHOLDERS]
    if HTML_TAG.search(text):
        problems.append("HTML is not allowed; use **bold** or [text](https://…)")
    tokens = [t for block in _MD.parseInline(text) for t in (block.children or [])]
    if any(t.type == "em_open" for t in tokens):
        problems.append("italics are not used in leaflets (hard to read); use **bold** for emphasis")
    for target in re.findall(r"\]\(([^)\s]*)", text):
        if not is_allowed_link(target):
            problems.append(f"link {target!r} is not allowed; links must start with https://, mailto: or tel:")
    return problems


def inline_markup(text: str) -> Counter:
    """Count the inline markup of ``text``: ``bold`` for each **…**, ``link`` for each [label](address)."""
    if not any(mark in text for mark in "*_["):  # most texts: no need to parse
        return Counter()
    names = {"strong_open": "bold", "link_open": "link"}
    tokens = [t for block in _MD.parseInline(_PRIVATE.sub("", text)) for t in (block.children or [])]
    return Counter(names[t.type] for t in tokens if t.type in names)


def render_text(text: str, values: dict[str, Markup], typography=None) -> Markup:
    """Return safe HTML for ``text``, with placeholders replaced by their (trusted, escaped) values."""
    pieces: list[str] = []
    slots: list[Markup] = []
    for literal, name in split_placeholders(_PRIVATE.sub("", text)):
        pieces.append(typography(literal) if typography else literal)
        if name is not None:
            pieces.append(f"\ue000{len(slots)}\ue001")
            slots.append(values[name])
    html = _MD.renderInline("".join(pieces))
    return Markup(_SENTINEL.sub(lambda m: str(escape(slots[int(m.group(1))])), html))


def plain_text(text: str) -> str:
    """Return text as a reader takes it in: a link's label without its address, no placeholders, no ``**``."""
    text = _LINK.sub(r"\1", text) if "](" in text else text
    return _PLACEHOLDER.sub(" ", text).replace("**", "")


def french_spacing(text: str) -> str:
    """Put the non-breaking spaces French typography requires before : ; ! ? » and after «."""
    text = re.sub(r"[ \u00a0]+([;!?»])", "\u202f\\1", text)
    text = re.sub(r"[ \u00a0]+:", "\u00a0:", text)
    return re.sub(r"«[ \u00a0]+", "«\u202f", text)
