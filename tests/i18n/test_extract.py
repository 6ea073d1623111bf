"""Extraction: the Babel extractor, `leaflets extract`, and `pybabel extract -F babel.cfg` agree."""

from __future__ import annotations

import io

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from patient_leaflets.i18n.catalogs import extract_messages, write_template
from patient_leaflets.i18n.extract import extract_leaflet


def test_extractor_yields_one_message_per_text_with_line_and_comments(project):
    path = project / "leaflets" / "sample.yaml"
    with open(path, "rb") as fh:
        found = list(extract_leaflet(fh, {}, [], {}))
    assert found[0] == (1, None, "Le traitement exemple", ["sample: title"])
    summary = found[2]
    assert summary[2] == "Un message principal, avec le {phone_24h}."
    assert summary[3] == ["sample: summary", "Keep {phone_24h} exactly as written: the build fills in the value."]
    assert "Vous saignez." in [m for _, _, m, _ in found]


def test_catalog_has_leaflet_and_template_messages_with_references(config):
    catalog = extract_messages(config)
    title = catalog.get("Le traitement exemple")
    assert title.locations == [("leaflets/sample.yaml", 1)]
    assert title.auto_comments == ["sample: title"]
    page = catalog.get("Page %(page)s sur %(pages)s")
    assert page.locations[0][0] == "templates/leaflet.html.j2"
    assert page.auto_comments[0].startswith("running footer")
    assert "python-brace-format" in catalog.get("Vous avez {fever_threshold} ou plus.").flags


def test_pybabel_extract_gives_the_same_messages(config, project, monkeypatch):
    write_template(config)
    monkeypatch.chdir(project)
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-o", "pybabel.pot", "."])
    ours = read_po(io.BytesIO(config.pot_path.read_bytes()))
    theirs = read_po(io.BytesIO((project / "pybabel.pot").read_bytes()))
    def entries(catalog):
        return sorted((m.id, tuple(m.locations)) for m in catalog if m.id)
    assert entries(ours) == entries(theirs)
    assert len(entries(ours)) > 50


def test_extract_rewrites_the_template_only_when_messages_change(config, project):
    config.pot_path.unlink()
    assert write_template(config) is True
    before = config.pot_path.read_bytes()
    assert write_template(config) is False
    assert config.pot_path.read_bytes() == before
    sample = project / "leaflets" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace("Vous saignez.", "Vous saignez du nez."),
                      encoding="utf-8")
    assert write_template(config) is True
    assert b'msgid "Vous saignez du nez."' in config.pot_path.read_bytes()


def test_every_template_string_has_a_translator_comment(config):
    bare = [message.id for message in extract_messages(config) if message.id and not message.auto_comments
            and any(path.startswith("templates/") for path, _ in message.locations)]
    assert bare == [], "add a {# Translators: … #} comment on the line before each _() call"
