"""YAML layout mistakes are told in plain words: never PyYAML's tokens, always a line, and no silent change."""

from __future__ import annotations

import pytest

from conftest import DATA
from patient_leaflets.content.leaflet import parse_leaflet
from patient_leaflets.errors import ContentError

SAMPLE = (DATA / "project" / "leaflets" / "sample.yaml").read_text(encoding="utf-8")
LINES = SAMPLE.splitlines()
JARGON = ("<block", "'?'", "<scalar>", "<stream", "while parsing", "while scanning a simple key")


def shifted(index: int, spaces: int) -> str:
    """Return the sample with one line moved right (spaces > 0) or left."""
    lines = list(LINES)
    lines[index] = " " * spaces + lines[index] if spaces > 0 else lines[index][-spaces:]
    return "\n".join(lines) + "\n"


CASES = [(i, s) for i, line in enumerate(LINES) if line.strip() and not line.lstrip().startswith("#")
         for s in (2, 1, -1, -2) if s > 0 or line.startswith(" " * -s)]


@pytest.mark.parametrize(("index", "spaces"), CASES)
def test_a_line_out_of_place_is_an_error_in_plain_words_or_changes_nothing(index, spaces):
    text = shifted(index, spaces)
    try:
        leaflet = parse_leaflet(text.encode(), "x.yaml", "sample")
    except ContentError as exc:
        for problem in exc.problems:
            assert problem.line and not any(word in problem.message for word in JARGON), str(problem)
        return
    # Accepted: then the leaflet says exactly what the sample says (a comment or a flow list moved, say).
    assert leaflet.data == parse_leaflet(SAMPLE.encode(), "x.yaml", "sample").data


def test_an_item_indented_too_far_is_never_joined_to_the_one_above():
    text = "key_points:\n  - Un.\n    - Deux.\n  - Trois.\n"
    with pytest.raises(ContentError) as info:
        parse_leaflet(text.encode(), "x.yaml", "sample")
    assert str(info.value).startswith("x.yaml:3:5: a list item indented too far: YAML joins it to the text of line 2")


def test_a_long_paragraph_over_several_lines_is_still_one_text():
    assert "  - Premier point clé.\n" in SAMPLE, "the sample's first key point, which this test spreads over two lines"
    text = SAMPLE.replace("  - Premier point clé.", "  - Premier point\n    clé sur deux lignes.", 1)
    leaflet = parse_leaflet(text.encode(), "x.yaml", "sample")
    assert "Premier point clé sur deux lignes." in leaflet.data["key_points"]


@pytest.mark.parametrize("name", ["unquoted-bold", "unquoted-placeholder", "unquoted-link", "forgotten-blocks",
                                  "item-without-space"])
def test_the_fix_an_editor_is_given_makes_the_file_load(name):
    """Doing what the message says loads the leaflet: no second error, as a forgotten `blocks:` used to give."""
    import re

    text = (DATA / "bad" / f"{name}.yaml").read_text(encoding="utf-8")
    with pytest.raises(ContentError) as info:
        parse_leaflet(text.encode("utf-8"), f"bad/{name}.yaml", "x")
    [problem] = info.value.problems
    assert not any(word in str(problem) for word in (*JARGON, "while scanning an alias", "indented less"))
    lines = text.splitlines()
    written = re.search(r"(?:Write it in double quotes: |Write )`?(.+?)`?$", problem.fix)
    if written:  # the line as it should be written, at the same indentation
        line = lines[problem.line - 1]
        lines[problem.line - 1] = line[:len(line) - len(line.lstrip(" "))] + written.group(1)
    else:  # add `blocks:` in the column named, before the line
        column = int(re.search(r"`blocks:` starting in column (\d+)", problem.fix).group(1))
        lines.insert(problem.line - 1, " " * (column - 1) + "blocks:")
    parse_leaflet("\n".join(lines).encode("utf-8"), f"bad/{name}.yaml", "x")
