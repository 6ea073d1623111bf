"""Line breaks on paper: headings never end on one word; addresses, "24 h/24" and "7 j/7" are never split."""

from __future__ import annotations

from markupsafe import Markup

from patient_leaflets.build.jobs import render_leaflet
from patient_leaflets.render.typography import keep_together, last_words_together, unbroken_addresses


def test_a_heading_keeps_its_last_two_words_together_even_across_a_hyphen():
    assert last_words_together(Markup("Qu’est-ce que c’est et à quoi sert-elle\u202f?")) == \
        'Qu’est-ce que c’est et à <span class="unbroken">quoi sert-elle\u202f?</span>'
    assert last_words_together(Markup("Les <strong>mots</strong> utilisés")) == \
        "Les <strong>mots</strong>\u00a0utilisés", "words in different elements: a no-break space"
    assert last_words_together(Markup("Contacts")) == "Contacts"
    assert last_words_together(Markup("A &amp; B")) == 'A <span class="unbroken">&amp; B</span>'


def test_round_the_clock_phrases_are_bound():
    assert keep_together("Ligne joignable 24 h/24, 7 j/7.") == "Ligne joignable 24\u00a0h/24, 7\u00a0j/7."
    assert keep_together("de 9 h à 17 h, 24/7") == "de 9 h à 17 h, 24/7"


def test_web_addresses_are_kept_on_one_line_but_long_ones_may_break():
    html = unbroken_addresses(Markup('Voir www.e-cancer.fr. <a href="https://x.org">e-cancer.fr/guide</a>, '
                                     'p.ex. 3.5 mg'))
    assert html == ('Voir <span class="unbroken">www.e-cancer.fr</span>. <a href="https://x.org">'
                    '<span class="unbroken">e-cancer.fr/guide</span></a>, p.ex. 3.5 mg')
    long = "https://www.example.org/" + "a-very-long-path/" * 4
    assert unbroken_addresses(Markup(long)) == long


def test_rendered_leaflet_marks_headings_addresses_and_the_day_and_night_line(config):
    html = render_leaflet(config, config.root / "leaflets" / "sample.yaml", "fr").rendered.html
    assert '<h2>Qu’est-ce <span class="unbroken">que c’est\u202f?</span></h2>' in html
    assert "Ligne joignable 24\u00a0h/24, 7\u00a0j/7" in html
    assert '<a href="https://www.e-cancer.fr"><span class="unbroken">www.e-cancer.fr</span></a>' in html
