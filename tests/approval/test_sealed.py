"""An approval covers what the patient sees: each edit a careless or malicious contributor could make after the
text and its translation were approved makes both PDFs drafts, with a reason naming the kind of change, and
``check --strict`` and ``build --strict`` refuse them; putting it back makes them final again."""

from __future__ import annotations

import shutil

import pytest

from patient_leaflets.building import build_leaflets
from patient_leaflets.check.project import check_project
from patient_leaflets.config import load_config
from patient_leaflets.pipeline.status import approval_status

APPROVED = "text changed since approval on 2026-03-02"
LAYOUT = "layout changed since approval on 2026-03-02"

EDITS = {
    "a look-alike link": ("leaflets/sample.yaml", "url: https://www.e-cancer.fr", "url: https://www.e-cancer.fr.example.com",
                          f"{APPROVED}: a link changed: resources[0].url"),
    "a sign moved out of the call-us box": (
        "leaflets/sample.yaml", "            - Vous saignez.\n",
        "      - list:\n          - Vous saignez.\n",
        f"{APPROVED}: a sign moved out of the call-us box: sections[0].blocks[5].list[0]; 4 changes of structure "),
    "review_due moved": ("leaflets/sample.yaml", "review_due: 2029-03-01", "review_due: 2029-02-01",
                                f"{APPROVED}: the control data changed: metadata.review_due"),
    "published moved": ("leaflets/sample.yaml", "published: 2026-03-01", "published: 2026-03-02",
                        f"{APPROVED}: the control data changed: metadata.published"),
    "a version never approved": ("leaflets/sample.yaml", 'version: "2.1"', 'version: "2.2"',
                                 f"{APPROVED}: the control data changed: metadata.version"),
    "a pictogram": ("leaflets/sample.yaml", "icon: thermometer", "icon: calendar",
                    f"{APPROVED}: a pictogram changed: key_points[1].icon"),
    "a note made a paragraph": ("leaflets/sample.yaml", "- note: Une remarque", "- paragraph: Une remarque",
                                f"{APPROVED}: a text moved from a note to a paragraph: "
                                "sections[0].blocks[2].paragraph"),
    "a list split in two": ("leaflets/sample.yaml", "          - Second élément.\n",
                           "      - list:\n          - Second élément.\n",
                           f"{APPROVED}: 4 changes of structure (blocks, boxes, lists or table cells): "
                           "sections[0].blocks, sections[0].blocks[1].list and 2 more"),
    "a table cell moved": ("leaflets/sample.yaml", "- [Fatigue, Reposez-vous.]", "- [Reposez-vous., Fatigue]",
                           "text reordered since approval on 2026-03-02: 2 messages out of their approved order: "
                           "sections[0].blocks[3].table.rows[0][0], sections[0].blocks[3].table.rows[0][1]"),
    "a cited source's address": ("leaflets/sample.yaml", "url: https://www.example.org/guide",
                                 "url: https://www.example.org.evil/guide", f"{APPROVED}: a cited source changed"),
    "the QR code's address": ("pyproject.toml", 'formats = ["standard"]',
                              'formats = ["standard"]\nonline-url = "https://evil.example/{locale}/{file}"',
                              f"{APPROVED}: a setting that prints changed: tool.patient-leaflets.online-url"),
    "the website": ("pyproject.toml", 'website = "https://www.example.org"', 'website = "https://www.example.com"',
                    f"{APPROVED}: a setting that prints changed: tool.patient-leaflets.institution.website"),
    "a stylesheet rule": ("styles/leaflet.css", "@page", ".urgent { display: none }\n@page",
                          f"{LAYOUT}: a layout file changed: styles/leaflet.css"),
    "words added by the stylesheet": ("styles/leaflet.css", "@page", "h1::after { content: ' (facultatif)' }\n@page",
                                      f"{LAYOUT}: a layout file changed: styles/leaflet.css"),
    "a literal sentence in a template": ("templates/leaflet.html.j2", "<header class=\"title-block\">",
                                         "<p>Ce traitement est sans danger.</p>\n<header class=\"title-block\">",
                                         f"{LAYOUT}: a layout file changed: templates/leaflet.html.j2"),
    "a pictogram file replaced": ("styles/pictograms/warning.svg", "<svg", "<!-- redrawn -->\n<svg",
                                  f"{LAYOUT}: a layout file changed: styles/pictograms/warning.svg"),
}


@pytest.fixture(scope="module")
def approved(tmp_path_factory):
    """The test project, text, translation and layout approved; copied before each edit."""
    from conftest import make_project

    return make_project(tmp_path_factory.mktemp("sealed") / "project")


def states(config) -> dict[str, list[str]]:
    return {row.locale: row.reasons() for row in approval_status(config)}


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("name", EDITS)
def test_an_edit_after_approval_makes_drafts_that_both_gates_refuse_until_it_is_reverted(approved, tmp_path, name):
    project = shutil.copytree(approved, tmp_path / "project")
    file, old, new, reason = EDITS[name]
    assert all(reasons == [] for reasons in states(load_config(project)).values()), "final before the edit"
    replace(project / file, old, new)
    config = load_config(project)
    found = states(config)
    assert found["fr"][0].startswith(reason), found
    assert found["en"][0].startswith(reason), "the translated PDF is a draft for the same reason"
    errors = [str(p) for p in check_project(config, strict=True).errors]
    for locale in ("fr", "en"):
        assert any(e.startswith(f"output/{locale}/sample.pdf: build --strict refuses it: {reason}") for e in errors), \
            errors
    refused = build_leaflets(config, jobs=1, strict=True)
    assert sorted(o.locale for o in refused.failed) == ["en", "fr"]
    assert all(reason in o.error for o in refused.failed)

    replace(project / file, new, old)
    config = load_config(project)
    assert states(config) == {"fr": [], "en": []}
    assert not [e for e in check_project(config, strict=True).errors if e.startswith("output/")]


def test_what_the_patient_does_not_see_keeps_the_approval(approved, tmp_path):
    project = shutil.copytree(approved, tmp_path / "project")
    sample = project / "leaflets" / "sample.yaml"
    replace(sample, "subtitle: Pour les patients", "subtitle: 'Pour les patients'  # quoted now")
    replace(sample, "  - Troisième point clé.", "  -   \"Troisième point clé.\"")
    replace(sample, "    - title: Guide de test",
            "    - title: Autre guide\n      publisher: Autre\n    - title: Guide de test")
    replace(sample, "    - title: Autre guide\n      publisher: Autre\n", "")
    po = project / "translations" / "en" / "LC_MESSAGES" / "leaflets.po"
    entries = po.read_text(encoding="utf-8").split("\n\n")
    header, body = entries[0], entries[1:]
    po.write_text("\n\n".join([header, *reversed(body)]).replace("#: ", "# a comment\n#: ", 3), encoding="utf-8")
    assert states(load_config(project)) == {"fr": [], "en": []}


def test_cited_sources_are_sealed_as_a_set(approved, tmp_path):
    project = shutil.copytree(approved, tmp_path / "project")
    sample = project / "leaflets" / "sample.yaml"
    replace(sample, "      url: https://www.example.org/guide\n",
            "      url: https://www.example.org/guide\n    - title: Second guide\n      publisher: Autre\n")
    config = load_config(project)
    assert states(config)["fr"] == [f"{APPROVED}: a cited source changed: metadata.sources[1]"]
    text = sample.read_text(encoding="utf-8")
    first = "    - title: Guide de test\n      publisher: Institut Exemple\n      year: 2024\n" \
            "      url: https://www.example.org/guide\n"
    second = "    - title: Second guide\n      publisher: Autre\n"
    sample.write_text(text.replace(first + second, second + first), encoding="utf-8")
    assert states(config)["fr"] == [f"{APPROVED}: a cited source changed: metadata.sources[1]"], \
        "the order of the sources changes nothing"
