"""An unknown language or leaflet is said in one wording, with one suggestion, by every command that takes one."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import make_project
from patient_leaflets.cli import cli

LOCALE_COMMANDS = {
    "build": ["build", "--locale", "{}"],
    "site": ["site", "--locale", "{}"],
    "stats": ["stats", "--locale", "{}"],
    "approve": ["approve", "sample", "--locale", "{}", "--translator", "X"],
    "status": ["status", "--locale", "{}"],
    "check": ["check", "--locale", "{}"],
}
LEAFLET_COMMANDS = {
    "build": ["build", "--leaflet", "{}"],
    "approve": ["approve", "{}", "--clinical", "X"],
    "approve --locale": ["approve", "{}", "--locale", "en", "--translator", "X"],
    "status": ["status", "--leaflet", "{}"],
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """One project for the module: every command here refuses before it writes anything."""
    return make_project(tmp_path_factory.mktemp("project"))


def outputs(project, commands: dict[str, list[str]], name: str) -> dict[str, tuple[int, str]]:
    """Return each command's exit code and output, run with ``name`` in the place of ``{}``."""
    results = {command: CliRunner().invoke(cli, ["--project", str(project), *(a.format(name) for a in args)])
               for command, args in commands.items()}
    return {command: (result.exit_code, result.output) for command, result in results.items()}


@pytest.mark.parametrize(("name", "fix"), [
    ("xx", "Configured: fr, en; run 'leaflets init xx' to start its catalog"),
    ("enn", "Did you mean 'en'?"),
])
def test_every_command_words_an_unknown_locale_the_same(project, name, fix):
    said = f"Error: locale {name!r} is not configured. {fix}\n"
    assert outputs(project, LOCALE_COMMANDS, name) == {command: (1, said) for command in LOCALE_COMMANDS}


@pytest.mark.parametrize(("name", "fix"), [("sampel", "Did you mean 'sample'?"), ("surgery", "Known: sample")])
def test_every_command_words_an_unknown_leaflet_the_same(project, name, fix):
    said = f"Error: no leaflet {name!r} in leaflets/. {fix}\n"
    assert outputs(project, LEAFLET_COMMANDS, name) == {command: (1, said) for command in LEAFLET_COMMANDS}


def test_the_source_language_is_no_translation_to_count(project):
    said = "Error: 'fr' is the source language, not a translation. Choose a translation: en\n"
    assert outputs(project, {"stats": LOCALE_COMMANDS["stats"]}, "fr") == {"stats": (1, said)}
