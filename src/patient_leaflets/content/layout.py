"""YAML layout mistakes in plain words: what PyYAML reports as ``expected <block end>, but found '?'``, and the
over-indented list item it does not report at all.

Editors are not programmers: they read ``'?'`` as the question mark ending their heading. Every layout error is
told here as what is on the line, what it should line up with, and in which column to start it.
"""

from __future__ import annotations

import re

import yaml

from ..errors import Problem, excerpt
from .schema import BLOCK

_ITEM = re.compile(r"-(?:\s|$)")


def syntax_problem(exc: yaml.YAMLError, text: str, display: str) -> Problem:
    """Return the problem for a YAML syntax error, worded for the person who wrote the file."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return Problem(display, line, "", f"invalid YAML: the character U+{exc.character:04X} is not allowed",
                       "Delete it; such characters come from text copied out of a PDF or a word processor", column)
    mark = getattr(exc, "problem_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    problem, context = getattr(exc, "problem", None) or str(exc), getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    hint = ""
    unquoted = _unquoted_text(text.splitlines(), [m.line for m in (context_mark, mark) if m])
    if unquoted:
        return Problem(display, unquoted[0], "", f"invalid YAML: {unquoted[2]}", unquoted[3], unquoted[1])
    if problem.startswith("expected <block end>") and mark:
        problem, hint = _misaligned(text.splitlines(), mark.line)
    elif problem.startswith("expected '<document start>'") and mark:
        line, column, problem, hint = _indented_top(text.splitlines(), mark.line)
    elif problem.startswith(("could not find expected ':'", "did not find expected key")) and mark:
        line, column = _first_line_without_colon(text.splitlines(), mark.line, context_mark)
        problem = "this line is neither a field (`name: value`) nor a list item (`- …`)"
        hint = "If it continues the text above, indent it further than that text's field; otherwise add `name:`"
        dash = re.match(r"\s*-(?=[^\s-])(.*)", text.splitlines()[line - 1])
        if dash:
            problem = "a list item needs a space after its `-`"
            hint = f"Write `- {excerpt(dash.group(1).strip(), 30)}`"
    elif problem.startswith("found character '\\t'"):
        problem, hint = "a tab character; YAML indents with spaces only", "Replace the tab with spaces"
    elif problem == "mapping values are not allowed here" and mark and _field_continues_text(text, mark):
        problem, hint = _continued_text(text.splitlines(), mark.line)
        column = _anchors(text.splitlines()[mark.line])[0] + 1
    elif problem == "mapping values are not allowed here":
        hint = 'Put text that contains ": " in quotes, e.g. summary: "Attention : …"'
    elif context == "expected a single document in the stream":
        problem, hint = "a second YAML document; a leaflet file holds one", "Remove the '---' line"
    elif context and context_mark and context_mark.line + 1 != line:
        problem += f" ({context} that starts on line {context_mark.line + 1})"
    elif context:
        problem += f" ({context})"
    return Problem(display, line, "", f"invalid YAML: {problem}", hint, column)


def _anchors(line: str) -> list[int]:
    """Return the columns where a line's list items and field start: ``  - heading: x`` gives [2, 4]."""
    column = len(line) - len(line.lstrip(" "))
    anchors = [column]
    while _ITEM.match(line, column):
        column += 1 + len(line[column + 1:]) - len(line[column + 1:].lstrip(" "))
        anchors.append(column)
    return anchors


def _shown(line: str, column: int) -> str:
    """Return what starts at ``column``, as an editor would name it: ``blocks:``, ``- heading:``, ``- Texte…``."""
    rest = line[column:].rstrip()
    field = re.match(r"(-\s+)*[^\s:#\-][^:#]*:(?=\s|$)", rest)
    return f"`{field.group(0) if field else excerpt(rest, 30)}`"


def _misaligned(lines: list[str], index: int) -> tuple[str, str]:
    """Say how line ``index`` is out of line with those above it, and where it should start."""
    line = lines[index]
    column = _anchors(line)[0]
    above = [(i, _anchors(lines[i])) for i in range(index - 1, -1, -1)
             if lines[i].strip() and not lines[i].lstrip().startswith("#")]
    what = _shown(line, column)
    for i, anchors in above:
        if anchors[0] == column and len(anchors) > 1 and not _ITEM.match(line, column):
            return (f"{what} must be indented under {_shown(lines[i], column)} on line {i + 1}",
                    f"Start it in column {anchors[1] + 1}, in line with {_shown(lines[i], anchors[1])}")
        if column in anchors:
            break
    deeper = next(((i, a) for i, anchors in above for a in anchors if a > column), None)
    shallower = next(((i, a) for i, anchors in above for a in reversed(anchors) if a < column), None)
    parts = []
    if deeper:
        parts.append(f"less than {_shown(lines[deeper[0]], deeper[1])} on line {deeper[0] + 1}")
    if shallower:
        parts.append(f"more than {_shown(lines[shallower[0]], shallower[1])} on line {shallower[0] + 1}")
    kind = "list item" if _ITEM.match(line, column) else "field"
    message = f"{what} is indented {' and '.join(parts) or 'differently from the lines above it'}"
    return message, f"Line this {kind} up with its neighbours: the fields of one mapping, and the items of one " \
                    "list, start in the same column"


def _indented_top(lines: list[str], index: int) -> tuple[int, int, str, str]:
    """Say that the file's first field is indented, so line ``index`` (back at column 1) cannot follow it."""
    first = next(i for i, text in enumerate(lines) if text.strip() and not text.lstrip().startswith("#"))
    column = _anchors(lines[first])[0]
    return (first + 1, column + 1, f"the first field, {_shown(lines[first], column)}, is indented, unlike "
            f"{_shown(lines[index], 0)} on line {index + 1}", "Start the top-level fields in column 1")


def _field_continues_text(text: str, mark) -> bool:
    """Tell whether the ``:`` PyYAML stopped at ends a field name that starts its line (``    blocks:``)."""
    line = text.splitlines()[mark.line] if mark.line < text.count("\n") + 1 else ""
    field = re.match(r"\s*(?:-\s+)*[^\s:#\-][^:#]*(?=:)", line)
    return bool(mark.line and field and field.end() == mark.column)


_STARTS = (
    (re.compile(r"\*"), "`*`", "YAML reads a `*` there as a reference to another part of the file (an alias)"),
    (re.compile(r"\{\w+\}"), "a placeholder (`{…}`)", "YAML reads `{…}` there as a mapping, not as text"),
    (re.compile(r"\[[^\]]*\]\("), "a link (`[…](…)`)", "YAML reads `[…]` there as a list, not as text"),
)
_VALUE = re.compile(r"(\s*(?:-\s+)*(?:[^\s:#\-\[{*][^:#]*:\s+)?)(\S.*?)\s*$")


def _unquoted_text(lines: list[str], indexes: list[int]) -> tuple[int, int, str, str] | None:
    """Find a text that starts with ``**``, a placeholder or a link, unquoted: YAML takes its first character for
    syntax. Return its line and column, what is wrong and the line as it should be written."""
    for index in indexes:
        match = _VALUE.match(lines[index]) if index < len(lines) else None
        value = match.group(2) if match else ""
        for start, what, why in _STARTS:
            if start.match(value) and not value.startswith(('{"', "{'")) and not re.match(r"\{\s*\w+\s*:", value):
                quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
                return (index + 1, len(match.group(1)) + 1, f"a text that starts with {what} must be in quotes: {why}",
                        f"Write it in double quotes: {match.group(1).strip()} {quoted}".replace(":  ", ": ").strip())
    return None




def _continued_text(lines: list[str], index: int) -> tuple[str, str]:
    """Say that a field indented too far was read as more of the text on the line above."""
    line = lines[index]
    previous = next(i for i in range(index - 1, -1, -1) if lines[i].strip())
    anchor = _anchors(lines[previous])[-1]
    block = re.match(r"\s*(?:-\s+)?(\w+):", line)
    if block and block.group(1) in BLOCK.kinds and re.match(r"\s*-\s+heading:", lines[previous]):
        return (f"`{block.group(1)}:` is a block, and a section's blocks are listed under `blocks:`, which is "
                f"missing after {_shown(lines[previous], anchor)} on line {previous + 1}",
                f"Add a line `blocks:` starting in column {anchor + 1} (in line with `heading:`) before this one, and "
                f"write each block as an item of it: `- {block.group(1)}: …` starting in column {anchor + 3}")
    return (f"{_shown(line, _anchors(line)[0])} is indented further than {_shown(lines[previous], anchor)} on line "
            f"{previous + 1}, so YAML reads it as more of that line's text",
            f"Start it in column {anchor + 1}, in line with {_shown(lines[previous], anchor)}")


def _first_line_without_colon(lines: list[str], index: int, context_mark) -> tuple[int, int]:
    """Return the line and column (from 1) of the line PyYAML stopped at while looking for a ``:``."""
    start = context_mark.line if context_mark else index
    for i in range(start, min(index, len(lines) - 1) + 1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#") and ":" not in stripped and not _ITEM.match(stripped):
            return i + 1, len(lines[i]) - len(lines[i].lstrip()) + 1
    return index + 1, 1


def joined_item_problems(node: yaml.ScalarNode, lines: list[str], display: str) -> list[Problem]:
    """Return a problem for each line of a plain multi-line text that starts with ``- ``.

    YAML joins a line indented further than its list to the text above it: ``- Un.`` then ``    - Deux.`` is one
    item, ``Un. - Deux.``, and the leaflet silently loses an item.
    """
    if node.style is not None or node.end_mark.line <= node.start_mark.line:
        return []
    first = lines[node.start_mark.line]
    head = first[:node.start_mark.column].rstrip()
    problems = []
    for index in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(lines))):
        text = lines[index]
        column = len(text) - len(text.lstrip(" "))
        if not _ITEM.match(text, column):
            continue
        if head.endswith("-"):
            fix = (f"If it is a new item, start its '-' in column {len(head)}, in line with the '-' on line "
                   f"{node.start_mark.line + 1}; if it belongs to the text, do not start the line with '- '")
        else:
            fix = ("If it is a list item, line its '-' up with the other items; otherwise do not start the line "
                   "with '- '")
        problems.append(Problem(display, index + 1, "", "a list item indented too far: YAML joins it to the text of "
                                f"line {node.start_mark.line + 1} ({excerpt(node.value, 60)!r})", fix, column + 1))
    return problems
