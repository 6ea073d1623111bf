"""The placeholder registry: what validation accepts is what rendering fills in, and what the README documents."""

from __future__ import annotations

import re
from dataclasses import replace

from conftest import ROOT
from patient_leaflets.content.markup import render_text, text_problems
from patient_leaflets.content.placeholders import PLACEHOLDERS, Reader, placeholder_values


def test_the_readme_documents_exactly_the_registered_placeholders():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `\{(\w+)\}` \|", readme, flags=re.M)
    assert sorted(documented) == sorted(PLACEHOLDERS)


def test_every_valid_placeholder_renders_for_every_reader(config):
    for name in PLACEHOLDERS:
        assert text_problems(f"Appelez le {{{name}}}.") == []
    institution = replace(config.institution, feedback="avis@example.org")
    for reader in (Reader("fr", national=True), Reader("en_GB", national=False)):
        values = placeholder_values(institution, reader)
        assert set(values) == set(PLACEHOLDERS)
        assert all(str(render_text(f"{{{name}}}", values)).strip() for name in PLACEHOLDERS)
    assert text_problems("Appelez le {phone_night}.")[0].startswith("unknown placeholder {phone_night}")


def test_emergency_numbers_come_from_the_settings(config):
    institution = replace(config.institution, phone_samu="144", phone_emergency="+41 44 123 45 67")
    values = placeholder_values(institution, Reader("fr", national=True))
    assert values["phone_samu"] == '<a class="phone" href="tel:144">144</a>'
    assert values["phone_emergency"] == '<a class="phone" href="tel:+41-44-123-45-67">+41 44 123 45 67</a>'
