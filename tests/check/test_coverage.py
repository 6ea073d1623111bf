"""What shows a message, told the same way by `check` and `stats`, wherever the project keeps its leaflets."""

from __future__ import annotations

import re

import pytest

from patient_leaflets.check.coverage import CatalogGap, summarize
from patient_leaflets.check.project import check_project
from patient_leaflets.cli._summaries import coverage_lines
from patient_leaflets.config import load_config
from patient_leaflets.i18n.catalogs import init_catalog
from patient_leaflets.i18n.stats import catalog_stats


@pytest.fixture
def content_project(project):
    """The test project with its leaflets in ``content/`` (``leaflets-dir = "content"``), and a new Spanish catalog."""
    (project / "leaflets").rename(project / "content")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        "[tool.patient-leaflets]\n", '[tool.patient-leaflets]\nleaflets-dir = "content"\n'), encoding="utf-8")
    for catalog in (project / "translations").rglob("*.po*"):
        text = catalog.read_text(encoding="utf-8")
        catalog.write_text(re.sub(r"(?m)^(#:.*)$", lambda m: m.group(1).replace("leaflets/", "content/"), text),
                           encoding="utf-8")
    mapping = project / "babel.cfg"  # where extraction looks, as a project that moved its leaflets says too
    mapping.write_text(mapping.read_text(encoding="utf-8").replace("[leaflet: leaflets/", "[leaflet: content/"),
                       encoding="utf-8")
    config = load_config(project)
    assert config.leaflets_dir == "content"
    init_catalog(config, "es")
    return load_config(project)


def test_a_gap_names_the_leaflet_that_shows_it_wherever_the_leaflets_are(content_project):
    gaps = [gap for gap in check_project(content_project).gaps if gap.locale == "es"]
    [title] = [gap for gap in gaps if gap.field == '"Le traitement exemple"']
    assert title.leaflets == ("sample",) and "(content/sample.yaml:" in title.message
    assert {gap.leaflets for gap in gaps if "(content/sample.yaml:" in gap.message} == {("sample",)}
    assert {gap.leaflets for gap in gaps if "(templates/site/" in gap.message} == {("site",)}
    [spanish] = summarize(gaps)
    assert spanish.leaflets == {"_shared", "sample", "templates", "site"}


def test_stats_and_check_file_each_message_in_the_same_place(content_project):
    rows = {row.leaflet: row for row in catalog_stats(content_project, ["es"])}
    assert list(rows) == ["_shared", "sample", "site", "templates", "all"]
    gaps = [gap for gap in check_project(content_project).gaps if gap.locale == "es"]
    for name in ("_shared", "sample", "site", "templates"):
        assert rows[name].untranslated == sum(name in gap.leaflets for gap in gaps), name


def test_the_console_names_the_library_page_apart_from_the_leaflets():
    gaps = [CatalogGap("es.po", n, "x", "untranslated", locale="es", leaflets=shown)
            for n, shown in enumerate([("site",), ("site",), ("sample",)])]
    assert coverage_lines(summarize(gaps[:2]), True) == [
        "es: 2 messages untranslated in the library page — 'leaflets stats -l es'"]
    assert coverage_lines(summarize(gaps), True) == [
        "es: 3 messages untranslated in 1 leaflet and the library page — 'leaflets stats -l es'"]


def test_a_fuzzy_message_of_one_leaflet_is_not_said_to_be_in_every_leaflet():
    gaps = [CatalogGap("de.po", n, "x", kind, locale="de", kind=kind, leaflets=shown)
            for n, (kind, shown) in enumerate([("untranslated", ("templates",)), ("untranslated", ("sample",)),
                                               ("fuzzy", ("proton-therapy",))])]
    assert coverage_lines(summarize(gaps), True) == [
        "de: 2 messages untranslated in every leaflet (the templates' own strings too), 1 fuzzy in 1 leaflet — "
        "'leaflets stats -l de'"]
    same = [CatalogGap("de.po", n, "x", kind, locale="de", kind=kind, leaflets=("sample",))
            for n, kind in enumerate(["untranslated", "untranslated", "fuzzy"])]
    assert coverage_lines(summarize(same), True) == [
        "de: 2 messages untranslated, 1 fuzzy in 1 leaflet — 'leaflets stats -l de'"]
