"""Applying a catalog: used when final, refused when missing, fuzzy or broken, never trusted as HTML."""

from __future__ import annotations

from babel.messages.catalog import Catalog

from patient_leaflets.content.leaflet import load_leaflet
from patient_leaflets.i18n.pofile import read_catalog
from patient_leaflets.i18n.translate import SourceText, TemplateTranslations, TranslationReport, translate_leaflet


def sample(config):
    return load_leaflet(config.root / "leaflets" / "sample.yaml", "leaflets/sample.yaml")


def test_complete_catalog_translates_every_text(config):
    leaflet, report = translate_leaflet(sample(config), read_catalog(config.po_path("en"), "en"))
    assert report.is_complete
    assert leaflet.data["title"] == "The example treatment"
    assert leaflet.data["sections"][0]["blocks"][4]["urgent"]["signs"] == [
        "Your temperature is {fever_threshold} or higher.", "You are bleeding."]
    assert leaflet.data["metadata"]["authors"] == ["Test team"]


def test_missing_fuzzy_and_broken_translations_fall_back_to_marked_source(config):
    catalog = read_catalog(config.po_path("en"), "en")
    del catalog["Vous saignez."]
    catalog["Premier élément."].flags.add("fuzzy")
    catalog["Appelez le {phone_switchboard}."].string = "Call {phone_24h}."
    catalog["Second élément."].string = "<b>Second</b> item."
    leaflet, report = translate_leaflet(sample(config), catalog)
    gaps = {gap.msgid: gap for gap in report.gaps}
    assert set(gaps) == {"Vous saignez.", "Premier élément.", "Appelez le {phone_switchboard}.", "Second élément."}
    assert gaps["Vous saignez."].reason == "untranslated"
    assert gaps["Vous saignez."].where == "leaflets/sample.yaml:24 (sections[0].blocks[4].urgent.signs[1])"
    assert gaps["Premier élément."].reason.startswith("fuzzy")
    assert gaps["Appelez le {phone_switchboard}."].reason.startswith("placeholders differ")
    assert gaps["Second élément."].reason == "HTML is not allowed; use **bold** or [text](https://…)"
    fallback = leaflet.data["sections"][0]["blocks"][1]["list"][0]
    assert isinstance(fallback, SourceText) and fallback == "Premier élément."


def test_template_strings_from_catalogs_are_escaped_and_gaps_recorded():
    catalog = Catalog(locale="en")
    catalog.add("Standard", "Switchboard & <b")
    catalog.add("Adresse", "Address", flags=["fuzzy"])
    catalog.add("Site internet", "<img src=x>Website")
    report = TranslationReport()
    translations = TemplateTranslations(catalog, "fr", report, "templates/leaflet.html.j2")
    assert translations.gettext("Standard") == "Switchboard &amp; &lt;b"
    fallback = '<span lang="fr" dir="ltr" class="untranslated">{}</span>'
    assert translations.gettext("Adresse") == fallback.format("Adresse")
    assert translations.gettext("Site internet") == fallback.format("Site internet")
    assert [gap.reason for gap in report.gaps] == [
        "fuzzy (marked as needing work by a translator or a tool; check the translation against msgid, then clear "
        "the fuzzy flag)",
        "HTML is not allowed: the text is shown as written"]
