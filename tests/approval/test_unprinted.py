"""A leaflet's search words (``search_terms``) are for the library page: no patient reads them, so adding or
changing them keeps a leaflet approved, and an untranslated one makes no PDF a draft."""

from __future__ import annotations

from pypdf import PdfReader

from patient_leaflets.building import build_leaflets
from patient_leaflets.config import load_config


def test_search_words_keep_an_approved_leaflet_final_and_are_never_printed(project):
    config = load_config(project)
    sample = project / "leaflets" / "sample.yaml"
    sample.write_text('search_terms: "exemplothérapie, EXPL"\n' + sample.read_text(encoding="utf-8"),
                      encoding="utf-8")
    report = build_leaflets(config, jobs=1, formats=["standard"])
    assert sorted((o.locale, o.status, o.draft, o.gaps) for o in report.outcomes) == [("en", "built", False, []),
                                                                                      ("fr", "built", False, [])]
    for outcome in report.outcomes:
        text = " ".join(page.extract_text() for page in PdfReader(project / outcome.output).pages)
        assert "exemplothérapie" not in text and "EXPL" not in text
