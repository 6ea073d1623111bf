"""Line breaks on paper: headings never end on one word; addresses, "24 h/24" and "7 j/7" are never split."""

from __future__ import annotations

import re

import weasyprint
from markupsafe import Markup, escape
from weasyprint.formatting_structure import boxes

from conftest import ROOT
from patient_leaflets.i18n.checks.checkers import address_problems
from patient_leaflets.i18n.checks.links import link_problems
from patient_leaflets.pipeline import leaflet_page
from patient_leaflets.render.typography import keep_together, last_words_together, printed_addresses


def test_a_heading_keeps_its_last_two_words_together_even_across_a_hyphen():
    assert last_words_together(Markup("Qu’est-ce que c’est et à quoi sert-elle\u202f?")) == \
        'Qu’est-ce que c’est et à<span class="unbroken"> quoi sert-elle\u202f?</span>', "not at a space, nor a hyphen"
    assert last_words_together(Markup("Les <strong>mots</strong> utilisés")) == \
        "Les <strong>mots</strong>\u00a0utilisés", "words in different elements"
    assert last_words_together(Markup("Contacts")) == "Contacts"
    assert last_words_together(Markup("La radiologie interventionnelle")) == "La radiologie interventionnelle", \
        "two long words would not fit the column of a large-print title together"
    assert last_words_together(Markup("A &amp; B")) == 'A<span class="unbroken"> &amp; B</span>'
    assert last_words_together(Markup("Key points")) == '<span class="unbroken">Key points</span>'


def test_a_long_heading_breaks_at_its_last_possible_space():
    """With its last words in a no-wrap span, WeasyPrint broke this heading of the large-print edition after its
    first word ("Quand" / "devez-vous nous appeler tout" / "de suite ?")."""
    heading = last_words_together(Markup("Quand devez-vous nous appeler tout de suite\u202f?"))
    styles = ROOT / "styles"
    html = weasyprint.HTML(string=f'<html lang="fr"><body><section><h2>{heading}</h2></section></body></html>',
                           base_url=styles.as_uri() + "/")
    pages = html.render(stylesheets=[styles / "leaflet.css", styles / "large-print.css"]).pages
    lines = [line for page in pages for line in _lines(page._page_box) if line.strip()]
    assert lines == ["Quand devez-vous nous appeler", "tout de suite\u202f?"]


def test_round_the_clock_phrases_and_numbers_with_units_are_kept_together():
    assert keep_together(Markup("Ligne joignable 24 h/24, 7 j/7.")) == \
        'Ligne joignable <span class="unbroken">24 h/24</span>, <span class="unbroken">7 j/7</span>.'
    assert keep_together(Markup("sous 36 °C, 5 mg, 12 grammes, de 9 h à 17 h, 24/7")) == \
        "sous 36\u00a0°C, 5\u00a0mg, 12 grammes, de 9 h à 17 h, 24/7"
    assert keep_together(Markup('<a href="https://x.org/24 h/24">x</a>')) == '<a href="https://x.org/24 h/24">x</a>'


def test_what_the_checks_compare_is_what_is_printed_whole():
    """One grammar (content.addresses): each address a translation must keep is the one the page keeps whole."""
    text = ("Voir «https://www.e-cancer.fr/guide», écrire à equipe@e-cancer.fr ou lire e-cancer.fr/aide (p.ex. "
            "www.ligue-cancer.net).")
    whole = [re.sub(r"<[^>]*>", "", m.group()) for m in re.finditer(r'(?:<span class="url-part">[^<]*</span>)+',
                                                                     printed_addresses(escape(text)))]
    assert whole == ["www.e-cancer.fr/guide", "equipe@e-cancer.fr", "e-cancer.fr/aide", "www.ligue-cancer.net"]
    for address in ("https://www.e-cancer.fr/guide", "equipe@e-cancer.fr", "www.ligue-cancer.net"):
        assert address_problems(text, text.replace(address, address + "x")), f"{address} is compared"
    assert link_problems(text, text.replace("e-cancer.fr/aide", "e-cancer.fr.evil.example/aide"))


def test_web_addresses_in_text_break_only_after_a_slash():
    text = Markup('Voir www.e-cancer.fr. <a href="https://x.org">e-cancer.fr/guide</a>, p.ex. 3.5 mg')
    html = printed_addresses(text)
    assert html == ('Voir <span class="url-part">www.e-cancer.fr</span>. <a href="https://x.org"><span '
                    'class="url-part">e-cancer.fr/</span><span class="url-part">guide</span></a>, p.ex. 3.5 mg')
    printed = Markup('<span class="url-part">www.e-cancer.fr</span>')
    assert printed_addresses(printed) == printed, "an address printed by the template is left alone"
    assert printed_addresses(Markup("a?b=1&amp;c=2 www.x.fr/?a=1&amp;b=2")) == \
        'a?b=1&amp;c=2 <span class="url-part">www.x.fr/</span><span class="url-part">?a=1&amp;b=2</span>'


def test_rendered_leaflet_keeps_headings_and_the_day_and_night_line_together(config):
    html = leaflet_page(config, config.root / "leaflets" / "sample.yaml", "fr").rendered.html
    assert '<h2>Qu’est-ce<span class="unbroken"> que c’est\u202f?</span></h2>' in html
    assert 'Ligne joignable <span class="unbroken">24 h/24</span>, <span class="unbroken">7 j/7</span>' in html


def _lines(box) -> list[str]:
    if isinstance(box, boxes.LineBox):
        return ["".join(child.text for child in box.descendants() if isinstance(child, boxes.TextBox))]
    return [line for child in getattr(box, "children", []) for line in _lines(child)]
