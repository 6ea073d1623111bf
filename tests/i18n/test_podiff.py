"""Catalogs written by other tools: formatting is not a change, and a changed text shows the words that changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from patient_leaflets.i18n.catalogs import outdated_catalogs, update_catalogs, write_template
from patient_leaflets.i18n.podiff import word_diff


@pytest.mark.parametrize(("old", "new", "diff"), [
    ("Parlez-en tôt à votre équipe.", "Parlez-en vite à votre équipe.", "tôt → vite"),
    ("Parlez-en vite.", "Parlez-en très vite.", "added “très”"),
    ("Buvez 1,5 litre d’eau par jour.", "Buvez 2 litres d’eau.", "1,5 litre → 2 litres; removed “par jour”"),
    ("Un  texte.", "Un texte.", "spacing only"),
    ("a b c d e f g h", "A b C d E f G h", "a → A; c → C; e → E; and 1 more"),
])
def test_word_diff_shows_the_words_that_changed(old, new, diff):
    assert word_diff(old, new) == diff


def rewrap(po: Path, width: int) -> None:
    """Write a catalog again as GNU msgcat would with another line width."""
    subprocess.run(["msgcat", f"--width={width}", "-o", str(po), str(po)], check=True)


def test_a_catalog_wrapped_by_msgcat_is_up_to_date_and_left_alone(config):
    po = config.po_path("en")
    rewrap(po, 50)
    wrapped = po.read_bytes()
    assert outdated_catalogs(config) == []
    assert update_catalogs(config) == [] and po.read_bytes() == wrapped


def test_a_catalog_updated_by_pybabel_is_up_to_date(config):
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), "update", "-i", str(config.pot_path), "-d", str(config.root / "translations"),
                    "-D", "leaflets", "-l", "en"], check=True, capture_output=True)
    assert config.po_path("en").read_bytes().endswith(b"\n\n")  # Babel's blank line at the end
    assert outdated_catalogs(config) == []


def test_one_changed_word_is_shown_and_is_all_that_update_rewrites(config):
    po = config.po_path("en")
    rewrap(po, 60)
    before = po.read_text(encoding="utf-8").splitlines()
    sample = config.root / "leaflets" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace("Premier point clé.", "Premier point essentiel."),
                      encoding="utf-8")
    [template, catalog] = outdated_catalogs(config)
    assert template.changes == ['changed: "Premier point essentiel." (leaflets/sample.yaml:5): clé → essentiel']
    assert catalog.changes == ['changed: "Premier point essentiel." (leaflets/sample.yaml:5): clé → essentiel; '
                               "fuzzy until a translator checks it"]
    assert write_template(config)
    assert update_catalogs(config) == [po]
    after = po.read_text(encoding="utf-8").splitlines()
    removed = [line for line in before if line not in after and "POT-Creation-Date" not in line]
    added = [line for line in after if line not in before and "POT-Creation-Date" not in line]
    assert removed == ['msgid "Premier point clé."']
    assert added == ["#, fuzzy", '#| msgid "Premier point clé."', 'msgid "Premier point essentiel."']

