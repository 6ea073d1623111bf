"""Loading and validating leaflet files: good files load, bad files report every problem exactly."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from patient_leaflets.content.leaflet import load_leaflet, parse_leaflet
from patient_leaflets.content.loader import MAX_BYTES
from patient_leaflets.content.validate import format_key
from patient_leaflets.errors import ContentError

BAD = sorted((DATA / "bad").glob("*.yaml"))


def expected_errors(path: Path) -> list[str]:
    # Read as bytes: some files of the corpus are deliberately not UTF-8 (their expected errors are).
    return [line[len(b"# error: "):].decode("utf-8") for line in path.read_bytes().splitlines()
            if line.startswith(b"# error: ")]


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
    assert leaflet.lines[("title",)] == 1
    assert leaflet.data["sections"][0]["blocks"][1]["list"] == ["Premier élément.", "Second élément."]


def test_optional_fields_default_to_empty():
    text = (DATA / "project" / "leaflets" / "sample.yaml").read_text(encoding="utf-8")
    text = text.split("questions:")[0] + "metadata:" + text.split("metadata:")[1]
    leaflet = parse_leaflet(text.encode(), "x.yaml", "x")
    assert leaflet.data["questions"] == [] and leaflet.data["glossary"] == []


def test_translatable_texts_are_listed_in_file_order_with_lines():
    leaflet = load_leaflet(DATA / "project" / "leaflets" / "sample.yaml", "leaflets/sample.yaml")
    texts = list(leaflet.iter_texts())
    assert texts[0] == (("title",), "Le traitement exemple", 1)
    assert [format_key(k) for k, _, _ in texts[-3:]] == ["resources[0].name", "resources[0].description",
                                                         "metadata.authors[0]"]
    # Of the governance metadata, only the authors (a team or a role) are sent to translators.
    assert [k for k, _, _ in texts if k[0] == "metadata"] == [("metadata", "authors", 0)]


def test_empty_and_non_utf8_files_are_reported():
    with pytest.raises(ContentError, match=r"^x.yaml:1: the file is empty$"):
        parse_leaflet(b"", "x.yaml", "x")
    with pytest.raises(ContentError, match=r"^x.yaml:1:8: not UTF-8 text \(byte 0xe9\). Save the file as UTF-8$"):
        parse_leaflet("title: é".encode("latin-1"), "x.yaml", "x")


@pytest.mark.parametrize("path", sorted((ROOT / "leaflets").glob("[!_]*.yaml")), ids=lambda p: p.stem)
def test_project_leaflets_are_valid_and_complete(path):
    leaflet = load_leaflet(path, f"leaflets/{path.name}")
    assert leaflet.data["urgent"]["signs"], "every leaflet has its call-us box (printed on page 1)"
    assert leaflet.data["questions"], "every leaflet suggests questions to ask"


def test_shared_sections_file_is_validated_with_its_own_schema():
    shared = load_leaflet(ROOT / "leaflets" / "_shared.yaml", "leaflets/_shared.yaml")
    assert shared.data["sections"][0]["heading"] == "Bon à savoir"
    with pytest.raises(ContentError, match=r"^x/_shared.yaml:1: title: unknown field. Expected one of: sections"):
        parse_leaflet(b"title: Non\nsections: []\n", "x/_shared.yaml", "_shared")


def billion_laughs(levels: int, width: int = 10) -> bytes:
    lines = [f'l0: &l0 "{"lol" * 10}"']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    lines.append(f"title: *l{levels - 1}")
    return "\n".join(lines).encode()


def test_alias_bomb_is_refused_with_bounded_memory():
    # 10^30 copies if expanded: refused without expanding, in memory proportional to the file.
    raw = billion_laughs(31)
    tracemalloc.start()
    try:
        with pytest.raises(ContentError) as info:
            parse_leaflet(raw, "x.yaml", "x")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "x.yaml:32: title: aliases (*l30) are not allowed. Write the value out in full" in str(info.value)
    assert peak < 5_000_000, f"parsing a {len(raw)}-byte file used {peak} bytes"


def test_deep_nesting_is_refused_before_python_runs_out_of_stack():
    with pytest.raises(ContentError, match=r"^x.yaml:1:33: invalid YAML: more than 32 levels of nesting$"):
        parse_leaflet(b"[" * 100_000 + b"]" * 100_000, "x.yaml", "x")


def test_very_large_file_is_refused_with_the_size_limit_and_never_read_whole(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:
        fh.truncate(4 * 1024**3)  # sparse: 4 GB on paper, nothing on disk
    tracemalloc.start()
    try:
        with pytest.raises(ContentError) as info:
            load_leaflet(path, "leaflets/huge.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(info.value) == ("leaflets/huge.yaml: the file is 4,194,304 KB, more than the 256 KB a leaflet file "
                               "may have. Check that nothing was pasted into it by mistake")
    assert peak < 2 * MAX_BYTES
    with pytest.raises(ContentError, match=r"^x.yaml: the file is 257 KB, more than the 256 KB"):
        parse_leaflet(b"#" * (MAX_BYTES + 1024), "x.yaml", "x")


def test_utf16_file_is_named_as_such():
    with pytest.raises(ContentError, match=r"^x.yaml: the file is UTF-16 text, not UTF-8. Save the file as UTF-8$"):
        parse_leaflet("title: Titre".encode("utf-16"), "x.yaml", "x")


def test_an_enormous_text_is_refused_before_it_is_parsed_as_markup():
    text = (DATA / "project" / "leaflets" / "sample.yaml").read_text(encoding="utf-8")
    text = text.replace("summary: Un message principal, avec le {phone_24h}.", "summary: '" + "[**" * 5000 + "'")
    with pytest.raises(ContentError, match=r"^x.yaml:3: summary: 15,000 characters; one text may have at most "
                                           r"3,000. Split it into several paragraphs or list items$"):
        parse_leaflet(text.encode(), "x.yaml", "x")


def test_a_file_name_is_never_told_to_become_the_name_of_another_leaflet(tmp_path):
    sample = (DATA / "project" / "leaflets" / "sample.yaml").read_bytes()
    (tmp_path / "proton-therapy.yaml").write_bytes(sample)
    (tmp_path / "Proton-Therapy.yaml").write_bytes(sample)
    with pytest.raises(ContentError) as info:
        load_leaflet(tmp_path / "Proton-Therapy.yaml", "leaflets/Proton-Therapy.yaml")
    assert info.value.problems[0].fix == (
        "proton-therapy.yaml exists already: if this file is a copy of it, delete one of the two; otherwise rename it "
        "with another id (lowercase letters a-z, digits and hyphens)")


def test_file_name_must_be_a_leaflet_id(tmp_path):
    sample = (DATA / "project" / "leaflets" / "sample.yaml").read_bytes()
    path = tmp_path / "Chimiothérapie orale.yaml"
    path.write_bytes(sample)
    with pytest.raises(ContentError) as info:
        load_leaflet(path, f"leaflets/{path.name}")
    assert str(info.value) == (
        "leaflets/Chimiothérapie orale.yaml: 'Chimiothérapie orale' cannot be a leaflet id: the file name names the "
        "PDF and may use only lowercase letters a-z, digits and hyphens. Rename the file chimiotherapie-orale.yaml")


def test_two_files_with_the_same_id_are_both_refused(tmp_path):
    sample = (DATA / "project" / "leaflets" / "sample.yaml").read_bytes()
    (tmp_path / "surgery.yaml").write_bytes(sample)
    (tmp_path / "surgery.yml").write_bytes(sample)
    with pytest.raises(ContentError) as yaml_file:
        load_leaflet(tmp_path / "surgery.yaml", "leaflets/surgery.yaml")
    assert str(yaml_file.value) == ("leaflets/surgery.yaml: another file has the same leaflet id 'surgery': "
                                    "surgery.yml; both would be written to surgery.pdf. Keep one of them")
    with pytest.raises(ContentError) as yml_file:
        load_leaflet(tmp_path / "surgery.yml", "leaflets/surgery.yml")
    assert [str(p) for p in yml_file.value.problems] == [
        "leaflets/surgery.yml: leaflet files end in .yaml, not .yml. Rename it surgery.yaml",
        "leaflets/surgery.yml: another file has the same leaflet id 'surgery': surgery.yaml; both would be written "
        "to surgery.pdf. Keep one of them"]


def test_every_kind_of_spec_has_a_reader():
    """A new kind of spec in the schema is read by the validator, or the test says which one is missing."""
    from patient_leaflets.content import schema
    from patient_leaflets.content.validate import _READERS

    kinds = {cls for cls in vars(schema).values() if isinstance(cls, type) and issubclass(cls, schema.Spec)
             and cls is not schema.Spec}
    assert len(kinds) >= 10
    assert kinds - set(_READERS) == set(), "no reader in content/validate.py for these specs"
