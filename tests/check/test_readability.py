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


def _leaflet(texts: list[str]):
    from patient_leaflets.content.leaflet import Leaflet

    class Texts(Leaflet):
        def iter_texts(self):
            return [(("summary",), text, 1) for text in texts]

    leaflet = Texts.__new__(Texts)
    leaflet.id = "sample"
    return leaflet


def test_spanish_is_scored_with_szigriszt_pazos_on_the_inflesz_scale():
    from patient_leaflets.check.readability import score_leaflet

    plain = score_leaflet(_leaflet(["El tratamiento se hace en varias sesiones.", "Llame si tiene fiebre.",
                                    "¿Cuándo debo llamar?", "Beba agua cada día."]), "es")
    hard = score_leaflet(_leaflet(["La implementación terapéutica pluridisciplinaria requiere previamente la "
                                   "evaluación anatomopatológica, radiológica y bioquímica exhaustiva de las "
                                   "características tumorales individualizadas condicionantes."]), "es")
    assert set(plain.scores) == {"szigriszt"} and plain.scores["szigriszt"] >= 55 and plain.misses == []
    assert hard.scores["szigriszt"] < 55
    assert hard.misses == [f"Szigriszt-Pazos (INFLESZ) {hard.scores['szigriszt']} (the content guide asks >= 55)"]


def test_arabic_and_chinese_get_their_sentence_length_and_no_verdict():
    from patient_leaflets.check.readability import score_leaflet

    arabic = score_leaflet(_leaflet(["خذ الدواء كل يوم.", "هل لديك حمى؟", "اتصل بنا فورا"]), "ar")
    chinese = score_leaflet(_leaflet(["什么是化疗？", "化疗用药物治疗癌症。"]), "zh_Hans")
    assert arabic.scores == {"sentence_words": round(10 / 3, 1)} and arabic.misses == []
    assert chinese.scores == {"sentence_characters": round(14 / 2, 1)} and chinese.misses == []
