"""Paper cannot be clicked: every link's address is printed where a patient can read it and type it."""

from __future__ import annotations

import re
import subprocess

import pytest


def pdf_lines(path) -> str:
    """Return the text as laid out on the page (pdftotext -layout keeps line ends, where hyphens would show)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_each_link_prints_its_address_whole(built_project, locale):
    text = pdf_lines(built_project / "output" / locale / "sample.pdf")
    assert re.search(r"(lien|link) \(www\.example\.org/info\)", text), "the inline link's address, after its label"
    for address in ("www.example.org/info", "www.example.org/guide", "www.e-cancer.fr"):
        assert address in text, f"{address} printed on one line, without a hyphen"
    assert not re.search(r"www\.[\w.]*-\s*\n", text), "no address broken with a hyphen at a line end"
