"""Loading and validating leaflet files: good files load, bad files report every problem exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from patient_leaflets.content import format_key, load_leaflet, parse_leaflet
from patient_leaflets.errors import ContentError

DATA = Path(__file__).parent / "data"
BAD = sorted((DATA / "bad").glob("*.yaml"))
ROOT = Path(__file__).resolve().parent.parent


def expected_errors(path: Path) -> list[str]:
    return [line[len("# error: "):] for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# error: ")]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_file_reports_every_problem_with_file_line_and_field(path, monkeypatch):
    monkeypatch.chdir(DATA)
    display = f"bad/{path.name}"
    with pytest.raises(ContentError) as info:
        load_leaflet(path, display)
    assert [str(p) for p in info.value.problems] == expected_errors(path)


def test_sample_loads_with_types_and_line_numbers():
    leaflet = load_leaflet(DATA / "project" / "leaflets" / "sample.yaml", "leaflets/sample.yaml")
    meta = leaflet.data["metadata"]
    assert leaflet.id == "sample"
    assert meta["published"] == dt.date(2026, 3, 1)
    assert meta["version"] == "2.1"
    assert leaflet.lines[("title",)] == 17
    assert leaflet.data["sections"][0]["blocks"][1]["list"] == ["Premier élément.", "Second élément."]


def test_optional_fields_default_to_empty():
    text = (DATA / "project" / "leaflets" / "sample.yaml").read_text(encoding="utf-8")
    text = text.split("questions:")[0]
    leaflet = parse_leaflet(text.encode(), "x.yaml", "x")
    assert leaflet.data["questions"] == [] and leaflet.data["glossary"] == []


def test_translatable_texts_are_listed_in_file_order_with_lines():
    leaflet = load_leaflet(DATA / "project" / "leaflets" / "sample.yaml", "leaflets/sample.yaml")
    texts = list(leaflet.iter_texts())
    assert texts[0] == (("title",), "Le traitement exemple", 17)
    assert [format_key(k) for k, _, _ in texts[-3:]] == ["contacts[0].details", "resources[0].name",
                                                         "resources[0].description"]
    # Governance metadata is never sent to translators.
    assert not any(k[0] == "metadata" for k, _, _ in texts)


def test_empty_and_non_utf8_files_are_reported():
    with pytest.raises(ContentError, match=r"^x.yaml:1: the file is empty$"):
        parse_leaflet(b"", "x.yaml", "x")
    with pytest.raises(ContentError, match=r"^x.yaml: not UTF-8 text .*Save the file as UTF-8$"):
        parse_leaflet("title: é".encode("latin-1"), "x.yaml", "x")


@pytest.mark.parametrize("path", sorted((ROOT / "leaflets").glob("[!_]*.yaml")), ids=lambda p: p.stem)
def test_project_leaflets_are_valid_and_complete(path):
    leaflet = load_leaflet(path, f"leaflets/{path.name}")
    kinds = {kind for s in leaflet.data["sections"] for block in s["blocks"] for kind in block}
    assert "urgent" in kinds, "every leaflet needs a 'when to call us' box"
    assert leaflet.data["questions"] and leaflet.data["glossary"]


def test_shared_sections_file_is_validated_with_its_own_schema():
    shared = load_leaflet(ROOT / "leaflets" / "_shared.yaml", "leaflets/_shared.yaml")
    assert shared.data["sections"][0]["heading"] == "À propos de {institution}"
    with pytest.raises(ContentError, match=r"^x/_shared.yaml:1: title: unknown field. Expected one of: sections"):
        parse_leaflet(b"title: Non\nsections: []\n", "x/_shared.yaml", "_shared")
