"""The documentation is right: every YAML example in it loads as the tool reads it, and what it marks optional is.

As sqlite-utils tests its documentation: an example a reader copies must work as it stands.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from patient_leaflets.content import schema
from patient_leaflets.content.leaflet import parse_leaflet
from patient_leaflets.errors import ContentError

DOCS = [ROOT / "README.md", ROOT / "TRANSLATING.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXAMPLES = [(doc, match.group(1), doc.read_text(encoding="utf-8").count("\n", 0, match.start()) + 2)
            for doc in DOCS for match in FENCE.finditer(doc.read_text(encoding="utf-8"))]
FIELD = re.compile(r"^(\s*)(\w+):")


def load(text: str) -> None:
    """Load a documented example as the tool would: a leaflet, or the shared sections file."""
    top = yaml.safe_load(text)
    leaflet_id = schema.SHARED_ID if set(top) == {"sections"} else "example"
    parse_leaflet(text.encode("utf-8"), "example.yaml", leaflet_id)


def test_the_docs_have_yaml_examples():
    assert {doc.name for doc, _, _ in EXAMPLES} >= {"README.md"}
    assert any("metadata:" in text for _, text, _ in EXAMPLES), "the README shows a whole leaflet"
    assert any(text.startswith("sections:") for _, text, _ in EXAMPLES), "the README shows _shared.yaml"


@pytest.mark.parametrize(("doc", "text", "line"), EXAMPLES, ids=[f"{d.name}:{n}" for d, _, n in EXAMPLES])
def test_every_yaml_example_in_the_docs_loads(doc, text, line):
    try:
        load(text)
    except ContentError as exc:
        pytest.fail(f"{doc.name}, the example on line {line}:\n{exc}")


def without_field(lines: list[str], index: int) -> str:
    """Return the example without the field on line ``index`` and everything indented under it."""
    indent = len(FIELD.match(lines[index]).group(1))
    end = index + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return "\n".join(lines[:index] + lines[end:]) + "\n"


LEAFLET = next(text for _, text, _ in EXAMPLES if text.startswith("metadata:"))
FIELDS = [i for i, line in enumerate(LEAFLET.splitlines()) if FIELD.match(line) and "#" in line]


@pytest.mark.parametrize("index", FIELDS, ids=[FIELD.match(LEAFLET.splitlines()[i]).group(2) for i in FIELDS])
def test_what_the_readme_marks_optional_can_be_left_out_and_nothing_else(index):
    lines = LEAFLET.splitlines()
    optional = "optional" in lines[index].split("#", 1)[1]
    try:
        load(without_field(lines, index))
    except ContentError as exc:
        assert not optional, f"marked optional, but leaving it out gives: {exc}"
    else:
        assert optional, f"{lines[index].strip()!r} can be left out: mark it optional"


def test_the_documented_pybabel_extract_gives_what_leaflets_extract_gives(project, config):
    from patient_leaflets.i18n.catalogs import outdated_catalogs

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"`(pybabel extract [^`]+)`", readme).group(1)
    args = [arg.replace("Gustave Roussy", config.institution.name) for arg in shlex.split(command)]
    args[0] = str(Path(sys.executable).with_name("pybabel"))
    subprocess.run(args, cwd=project, check=True, capture_output=True)
    assert outdated_catalogs(config) == [], "leaflets update --check accepts the template pybabel wrote"
    assert "#. Translators:" not in config.pot_path.read_text(encoding="utf-8")
    assert "#. label of the institution's main phone number" in config.pot_path.read_text(encoding="utf-8")


def test_the_do_not_translate_list_and_its_comment_agree():
    lines = (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("do-not-translate ="))
    comment = " ".join(line for line in lines[index - 2:index] if line.startswith("#"))
    listed = set(re.findall(r'"([^"]+)"', lines[index]))
    named = set(re.findall(r"\(([A-Z]{2,})\)", comment.split(". ")[0]))
    assert named == listed, "the comment above do-not-translate names exactly the terms listed"


def _pofilter(recipe: str, catalog: Path, review: Path, cwd: Path, *dropped: str) -> list[tuple[str, str]]:
    """Run the recipe on ``catalog`` without the ``dropped`` options; return each (test, msgid) it reports."""
    args = [arg for arg in shlex.split(recipe) if arg not in dropped]
    args[0] = str(Path(sys.executable).with_name("pofilter"))
    args[args.index("-i") + 1], args[args.index("-o") + 1] = str(catalog), str(review)
    review.unlink(missing_ok=True)
    subprocess.run(args, cwd=cwd, check=True, capture_output=True)
    if not review.exists():  # pofilter writes no file when it reports nothing
        return []
    from babel.messages.pofile import read_po

    with open(review, "rb") as handle:
        catalog = read_po(handle)
    return [(re.search(r"\(pofilter\) (\w+)", comment).group(1), message.id) for message in catalog if message.id
            for comment in message.user_comments if "(pofilter)" in comment]


def _about(text: str, count: int) -> bool:
    stated = int(re.search(rf"about (\d+) {text}", GUIDE_POFILTER).group(1))
    return stated * 0.6 <= count <= stated * 1.5


GUIDE_POFILTER = re.sub(r"\s+", " ", (ROOT / "TRANSLATING.md").read_text(encoding="utf-8").split(
    "**Translate Toolkit's `pofilter`**")[1].split("## ")[0])


def test_the_pofilter_recipe_reports_only_what_a_reviewer_should_look_at(tmp_path):
    guide = (ROOT / "TRANSLATING.md").read_text(encoding="utf-8")
    recipe = re.search(r"^(pofilter .*?)\n\n?```", guide, re.MULTILINE | re.DOTALL).group(1).replace("\\\n", " ")
    english = ROOT / "translations" / "en" / "LC_MESSAGES" / "leaflets.po"
    found = _pofilter(recipe, english, tmp_path / "review.po", ROOT)
    excluded = set(re.findall(r"--excludefilter=(\w+)", recipe))
    assert found and not excluded & {test for test, _ in found}
    assert _about("entries instead of", len(found)), "the count the guide gives is true"
    every = _pofilter(recipe, english, tmp_path / "every.po", ROOT, *(f"--excludefilter={name}" for name in excluded))
    assert _about("with every test", len(every))
    examples_given = GUIDE_POFILTER.split("For the English catalog")[1]
    for test, examples in re.findall(r"\(`(\w+)`: ((?:`[^`]+`[, ]*)+)", examples_given):  # each one is reported
        for example in re.findall(r"`([^`]+)`", examples):
            assert any(name == test and example in msgid for name, msgid in found), (test, example)


def test_the_pofilter_recipe_is_quiet_on_a_new_language_and_says_why(tmp_path):
    from patient_leaflets.config import load_config
    from patient_leaflets.i18n.catalogs import init_catalog

    guide = (ROOT / "TRANSLATING.md").read_text(encoding="utf-8")
    recipe = re.search(r"^(pofilter .*?)\n\n?```", guide, re.MULTILINE | re.DOTALL).group(1).replace("\\\n", " ")
    project = tmp_path / "project"
    for name in ("leaflets", "translations", "templates", "styles"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("pyproject.toml", "babel.cfg"):
        shutil.copy(ROOT / name, project / name)
    german = init_catalog(load_config(project), "de")
    assert _pofilter(recipe.replace("--language=en", "--language=de"), german, tmp_path / "de.po", project) == []
    untranslated = _pofilter(recipe, german, tmp_path / "all.po", project, "--excludefilter=untranslated")
    assert _about("for a new language", len(untranslated))
