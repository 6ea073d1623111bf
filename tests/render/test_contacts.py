"""What a leaflet promises about reaching the institution: each number once, under one name, with what to say to
the day-and-night line; a real feedback route; cited sources tagged with their language."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import ROOT, TREATMENTS
from patient_leaflets.config import load_config
from patient_leaflets.errors import ConfigError
from patient_leaflets.pipeline import leaflet_page


class _Contacts(HTMLParser):
    """Collect the label (dt) of every phone number shown in the contacts section."""

    def __init__(self):
        super().__init__()
        self.section, self.inside, self.label = None, None, ""
        self.pairs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.section = attrs.get("class")
        elif self.section == "contacts" and tag == "dt":
            self.label, self.inside = "", "dt"
        elif self.section == "contacts" and tag == "a" and attrs.get("class") == "phone":
            self.inside = "phone"

    def handle_endtag(self, tag):
        if tag in ("dt", "a"):
            self.inside = None

    def handle_data(self, data):
        if self.inside == "dt":
            self.label += data
        elif self.inside == "phone":
            self.pairs.append((re.sub(r"\D", "", data), " ".join(self.label.split())))


def numbers_and_labels(html: str) -> list[tuple[str, str]]:
    """Return ``(digits, label)`` for every phone number printed in the contacts section."""
    parser = _Contacts()
    parser.feed(html)
    return parser.pairs


def numbers_under_two_labels(html: str) -> dict[str, set[str]]:
    labels: dict[str, set[str]] = {}
    for number, label in numbers_and_labels(html):
        labels.setdefault(number, set()).add(label)
    return {number: names for number, names in labels.items() if len(names) > 1}


def html_of(config, locale: str, leaflet: str = "sample") -> str:
    return leaflet_page(config, config.root / "leaflets" / f"{leaflet}.yaml", locale).rendered.html


def set_setting(project, key: str, value: str | None) -> None:
    """Set (or, with None, remove) one institution setting in the test project's pyproject.toml."""
    pyproject = project / "pyproject.toml"
    lines = [line for line in pyproject.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{key} =")]
    if value is not None:
        lines.insert(lines.index("[tool.patient-leaflets.institution]") + 1, f'{key} = "{value}"')
    pyproject.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_separate_24_hour_line_is_shown_beside_the_switchboard_with_what_to_say(config):
    html = html_of(config, "en")
    assert numbers_and_labels(html)[:2] == [("33198765432", "24-hour line, 7 days a week"),
                                            ("33123456789", "Switchboard")]
    assert "ask for the doctor on call" in html
    assert "33198765432" not in numbers_under_two_labels(html)


@pytest.mark.parametrize("night_line", [None, "+33 1 23 45 67 89", "+33123456789"],
                         ids=["not set", "same number", "same number written otherwise"])
def test_without_a_line_of_its_own_the_switchboard_is_shown_once_as_the_day_and_night_number(project, night_line):
    set_setting(project, "phone-24h", night_line)
    config = load_config(project)
    html = html_of(config, "fr")
    shown = [label for number, label in numbers_and_labels(html) if number == "0123456789"]
    assert shown[0] == "Standard, joignable 24 h/24, 7 j/7"
    assert 'joignable <span class="unbroken">24 h/24</span>, <span class="unbroken">7 j/7</span>' in html, \
        "never broken as 24 h/ 24 on paper"
    assert [label for label in shown if "24" in label] == shown[:1], "one day-and-night entry, not two"
    assert "demandez le médecin de garde" in html
    assert "98 76 54 32" not in html, "{phone_24h} in the text shows the switchboard too"


@pytest.mark.slow  # the real leaflets
def test_no_leaflet_of_the_project_shows_a_number_under_two_names():
    config = load_config(ROOT)
    paths = config.leaflet_files()
    assert {path.stem for path in paths} == TREATMENTS and len(config.all_locales) >= 2
    for path in paths:
        for locale in config.all_locales:
            html = html_of(config, locale, path.stem)
            assert numbers_and_labels(html), f"{path.stem} ({locale}) shows no phone number in its contacts"
            assert numbers_under_two_labels(html) == {}, f"{path.stem} ({locale})"


def test_feedback_goes_where_the_settings_say_and_nowhere_invented(project):
    html = html_of(load_config(project), "en")
    assert "patients’ committee (commission des usagers) of Centre Exemple" in html and "mailto:" not in html
    set_setting(project, "feedback", "avis@example.org")
    html = html_of(load_config(project), "en")
    assert 'Write to us: <a href="mailto:avis@example.org">avis@example.org</a>' in html
    set_setting(project, "feedback", "http://example.org/avis")
    with pytest.raises(ConfigError, match="feedback: 'http://example.org/avis' is neither an https:// address nor"):
        load_config(project)


def test_sources_are_tagged_with_their_language_and_marked_for_readers_of_another(project):
    sample = project / "leaflets" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace("  sources:\n", (
        "  sources:\n    - title: An English guide\n      publisher: Example Trust\n      year: 2025\n"
        "      language: en\n"), 1), encoding="utf-8")
    config = load_config(project)
    english, french = html_of(config, "en"), html_of(config, "fr")
    # The citation is one run in its language and direction, its year included (it reads as one in Arabic too).
    assert '<li><span lang="en" dir="ltr">Example Trust. An English guide, 2025.</span></li>' in english
    assert '<span lang="fr" dir="ltr">Institut Exemple. Guide de test, 2024.</span> (in French)' in english
    assert '<span lang="en" dir="ltr">Example Trust. An English guide, 2025.</span> (en anglais)' in french
    assert '<span lang="fr" dir="ltr">Institut Exemple. Guide de test, 2024.</span> <a' in french


def test_a_source_language_that_is_not_a_language_code_is_refused(project):
    from patient_leaflets.content.leaflet import load_leaflet
    from patient_leaflets.errors import ContentError

    sample = project / "leaflets" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace(
        "      year: 2024\n", "      year: 2024\n      language: anglais\n", 1), encoding="utf-8")
    with pytest.raises(ContentError, match=r"metadata.sources\[0\].language: 'anglais' is not a language code"):
        load_leaflet(sample, "leaflets/sample.yaml")
