"""Inline markup and placeholders: the only markup text can carry, and nothing else gets through."""

from __future__ import annotations

from markupsafe import Markup

from patient_leaflets.content.markup import french_spacing, placeholders_in, render_text, text_problems

VALUES = {"phone_24h": Markup('<a class="phone" href="tel:+33-1">01 00</a>')}


def test_bold_links_and_placeholders_render():
    html = render_text("**Appelez** le {phone_24h} ([aide](https://example.org))", VALUES)
    assert html == ('<strong>Appelez</strong> le <a class="phone" href="tel:+33-1">01 00</a> '
                    '(<a href="https://example.org">aide</a> <span class="url">(<span class="url-part">'
                    'example.org</span>)'
                    '</span>)')


def test_paper_shows_the_address_of_a_link_unless_its_label_is_the_address():
    assert render_text("Voir [le site](https://www.e-cancer.fr/patients/).", {}) == (
        'Voir <a href="https://www.e-cancer.fr/patients/">le site</a> <span class="url">(<span class="url-part">'
        'www.e-cancer.fr/</span><span class="url-part">patients</span>)</span>.')
    assert render_text("Écrivez-[nous](mailto:info@exemple.fr).", {}).endswith(
        '<span class="url">(<span class="url-part">info@exemple.fr</span>)</span>.')
    assert "url" not in render_text("Voir [www.e-cancer.fr](https://www.e-cancer.fr).", {})


def test_braces_meant_as_text_get_the_way_to_write_them():
    assert text_problems("Voir {voir page 2}.") == [
        "unknown placeholder {voir page 2}: a placeholder is one word, such as {phone_24h}; to show braces in the "
        "text, double them: {{voir page 2}}"]
    assert text_problems("Voir {{voir page 2}}.") == []


def test_raw_html_and_file_links_are_shown_as_text():
    html = render_text('<img src="file:///etc/passwd"> [x](file:///etc/passwd) [y](javascript:alert(1))', {})
    assert "<img" not in html and "href" not in html
    assert "&lt;img" in html


def test_sentinel_characters_in_text_cannot_reach_placeholder_slots():
    assert render_text("\ue0000\ue001 {phone_24h}", VALUES).count("tel:") == 1


def test_literal_braces_are_written_doubled():
    assert render_text("{{ pas un champ }}", {}) == "{ pas un champ }"
    assert placeholders_in("{{x}} {phone_24h}") == ["phone_24h"]


def test_text_problems_name_the_fix():
    assert text_problems("Appelez le {phone_24h}.") == []
    assert text_problems("{fever_threshold:.1f}") == [
        "placeholder {fever_threshold} cannot have a format; write {fever_threshold}; "
        "write a literal brace as {{ or }}"]


def test_french_spacing_uses_non_breaking_spaces():
    assert french_spacing("Attention : « oui » ?") == "Attention\u00a0: «\u202foui\u202f»\u202f?"
    assert french_spacing("https://example.org") == "https://example.org"
