"""Readability: scored per leaflet and language, and a warning when the content guide's threshold is missed."""

from __future__ import annotations

import datetime as dt

from patient_leaflets.check.project import check_project

HARD = ("La mise en œuvre thérapeutique pluridisciplinaire nécessite préalablement l’évaluation "
        "anatomopathologique, radiologique et biologique exhaustive des caractéristiques tumorales "
        "individuelles conditionnant l’éligibilité.")


def test_each_leaflet_is_scored_in_each_language(config):
    report = check_project(config, today=dt.date(2026, 11, 27))
    rows = {(row.leaflet, row.locale): row for row in report.readability}
    assert set(rows) == {("sample", "fr"), ("sample", "en")}
    assert set(rows["sample", "fr"].scores) == {"flesch"}
    assert set(rows["sample", "en"].scores) == {"fk_grade", "smog"}
    assert rows["sample", "fr"].misses == [] and rows["sample", "fr"].words > 50


def test_hard_french_is_flagged(config, project):
    sample = project / "leaflets" / "sample.yaml"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("summary: Un message principal, avec le {phone_24h}.", f"summary: {HARD}")
                      .replace("- paragraph: Un paragraphe avec un [lien](https://www.example.org/info).",
                               f"- paragraph: {HARD} {HARD} {HARD}"), encoding="utf-8")
    report = check_project(config, today=dt.date(2026, 11, 27))
    [row] = [row for row in report.readability if row.locale == "fr"]
    assert row.scores["flesch"] < 60
    assert [str(p) for p in report.warnings if p.field.startswith("readability")] == [
        f"leaflets/sample.yaml: readability (fr): Flesch (Kandel–Moles) {row.scores['flesch']} "
        "(the content guide asks >= 60)"]
    english = next(row for row in report.readability if row.locale == "en")
    assert not english.complete and english.scores == {}, "an incomplete translation is not scored"
