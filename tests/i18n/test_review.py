"""The bilingual review proof says what the hand-out says: each message in the same state, for the same reason."""

from __future__ import annotations

import pytest

from patient_leaflets.config import load_config
from patient_leaflets.content.leaflet import load_leaflet
from patient_leaflets.i18n.catalogs import load_catalog
from patient_leaflets.i18n.checks.checkers import rules_for
from patient_leaflets.pipeline.page import leaflet_page, proof_page
from patient_leaflets.render.proof import review_parts

SOURCE_CHANGED = ("fuzzy (the source changed since it was translated; check the translation against msgid, then "
                  "clear the fuzzy flag)")
MARKED = ("fuzzy (marked as needing work by a translator or a tool; check the translation against msgid, then clear "
          "the fuzzy flag)")
PLURAL = ("plural forms (msgid_plural) are not used: a leaflet text has one form. Remove msgid_plural and write one "
          "msgstr")

ENTRIES = {
    "fuzzy, source changed": ('#, fuzzy\n#| msgid "Reposez vous."\nmsgid "Reposez-vous."\nmsgstr "Rest."',
                              "fuzzy", SOURCE_CHANGED, "Fuzzy (the source changed since it was translated;"),
    "fuzzy, marked by hand": ('#, fuzzy\nmsgid "Reposez-vous."\nmsgstr "Rest."', "fuzzy", MARKED,
                              "Fuzzy (marked as needing work by a translator or a tool;"),
    "plural forms": ('msgid "Reposez-vous."\nmsgid_plural "Reposez-vous."\nmsgstr[0] "Rest."\nmsgstr[1] "Rest."',
                     "plural", PLURAL, f"Refused by a check: {PLURAL}"),
}


@pytest.mark.parametrize("name", ENTRIES)
def test_the_proof_and_the_hand_out_give_the_same_state_and_reason(config, name):
    entry, kind, reason, shown = ENTRIES[name]
    po = config.po_path("en")
    text = po.read_text(encoding="utf-8")
    assert 'msgid "Reposez-vous."\nmsgstr "Rest."' in text
    po.write_text(text.replace('msgid "Reposez-vous."\nmsgstr "Rest."', entry), encoding="utf-8")
    config = load_config(config.root)
    source = config.leaflet_files()[0]

    [gap] = [gap for gap in leaflet_page(config, source, "en").report.gaps if gap.msgid == "Reposez-vous."]
    leaflet = load_leaflet(source, config.display(source))
    parts = review_parts(config, leaflet, load_catalog(config, "en"), rules_for(config, "en"))
    [pair] = [pair for part in parts for pair in part.pairs if pair.msgid == "Reposez-vous."]
    assert gap.reason == pair.reason == reason
    assert pair.state == kind
    proof = " ".join(proof_page(config, source, "en").rendered.html.split())
    assert shown in proof
