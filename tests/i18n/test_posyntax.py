"""Catalog parsing agrees with GNU gettext: what msgfmt refuses is refused, what it reads as fuzzy is fuzzy."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

from patient_leaflets.errors import CatalogError
from patient_leaflets.i18n.pofile import read_catalog

HEADER = ('msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')
FIX_SYNTAX = "Keep one msgstr (a string may go on over several quoted lines) and delete the other"

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is installed by .ci/setup")


def msgfmt(path: Path, *options: str) -> subprocess.CompletedProcess:
    """Run GNU msgfmt --check on a catalog, writing the .mo beside it."""
    return subprocess.run(["msgfmt", "--check", *options, "-o", str(path.with_suffix(".mo")), str(path)],
                          capture_output=True, text=True, check=False)


def problems_of(path: Path, locale: str = "en") -> list[str]:
    try:
        read_catalog(path, locale, "leaflets.po")
    except CatalogError as exc:
        return [str(p) for p in exc.problems]
    return []


# Each case: the catalog's body (after the header), what we say, and whether msgfmt --check accepts it.
CASES = {
    "second-msgstr": ('msgid "Vous saignez."\nmsgstr "You are bleeding."\nmsgstr "You are fine."\n',
                      ["leaflets.po:9: a second msgstr in one entry; gettext's msgfmt refuses the catalog. "
                       + FIX_SYNTAX], False),
    "plural-with-plain-msgstr": ('msgid "Vous saignez."\nmsgid_plural "Vous saignez."\nmsgstr "You bleed."\n',
                                 ["leaflets.po:7: msgid_plural goes with msgstr[0], msgstr[1]…, and msgid alone "
                                  "with msgstr. Write the entry as the template (leaflets.pot) has it"], False),
    "indexed-msgstr-without-plural": ('msgid "Vous saignez."\nmsgstr[0] "You bleed."\n',
                                      ["leaflets.po:7: msgid_plural goes with msgstr[0], msgstr[1]…, and msgid alone "
                                       "with msgstr. Write the entry as the template (leaflets.pot) has it"], False),
    "plural-entry": ('msgid "Vous saignez."\nmsgid_plural "Vous saignez."\nmsgstr[0] "You bleed."\n'
                     'msgstr[1] "You bleed."\n', [], True),
    "second-header": ('msgid "Vous saignez."\nmsgstr "You are bleeding."\n\nmsgid ""\nmsgstr ""\n'
                      '"Content-Type: text/plain; charset=ISO-8859-1\\n"\n',
                      ['leaflets.po:10: a second header entry (msgid ""), after the one on line 1: two catalogs joined '
                       "into one file, and it declares charset 'ISO-8859-1'; gettext's msgfmt refuses it. Delete this "
                       'entry (its msgid "" and msgstr lines), keep the first header, and save the catalog as UTF-8'],
                      False),
    "spaced-flags": ('#, fuzzy python-brace-format\nmsgid "Vous saignez."\nmsgstr "You are fine."\n', [], True),
}


@needs_msgfmt
@pytest.mark.parametrize("name", CASES)
def test_catalog_syntax_agrees_with_msgfmt(tmp_path, name):
    body, expected, accepted = CASES[name]
    path = tmp_path / "leaflets.po"
    path.write_text(HEADER + "\n" + body, encoding="utf-8")
    assert problems_of(path) == expected
    assert (msgfmt(path).returncode == 0) == accepted == (expected == [])


@needs_msgfmt
def test_flags_separated_by_spaces_are_read_as_gettext_reads_them(tmp_path):
    path = tmp_path / "leaflets.po"
    path.write_text(HEADER + "\n" + CASES["spaced-flags"][0], encoding="utf-8")
    message = read_catalog(path, "en").get("Vous saignez.")
    assert message.fuzzy and message.flags == {"fuzzy", "python-brace-format"}
    assert "1 fuzzy translation" in msgfmt(path, "--statistics").stderr


@needs_msgfmt
def test_a_byte_order_mark_gets_its_own_fix(tmp_path):
    path = tmp_path / "leaflets.po"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + '\nmsgid "A"\nmsgstr "B"\n').encode())
    assert problems_of(path) == [
        "leaflets.po:1: the file starts with a byte order mark (BOM), which gettext's msgfmt refuses. Save the "
        "catalog as UTF-8 without BOM (in most editors: encoding 'UTF-8', not 'UTF-8 with BOM')"]
    assert msgfmt(path).returncode != 0


@needs_msgfmt
@pytest.mark.parametrize("header, expected", [
    ('"Language: "\n"de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
     "leaflets.po:3: Language: the catalog says it is in 'de', but it is the catalog for 'en'. Move it to the "
     "folder of its language, or set Language: en"),
    ('"Language: en\\n"\n"Content-Type: text/plain; charset="\n"latin1\\n"\n',
     "leaflets.po:4: Content-Type: charset 'latin1'; catalogs are UTF-8. Save the catalog as UTF-8 with "
     '"Content-Type: text/plain; charset=UTF-8\\n"'),
    ('"Language: e"\n"s\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
     "leaflets.po:3: Language: the catalog says it is in 'es', but it is the catalog for 'en'. Move it to the "
     "folder of its language, or set Language: en"),
])
def test_header_fields_continued_on_the_next_line_are_read_whole(tmp_path, header, expected):
    path = tmp_path / "leaflets.po"
    path.write_text(f'msgid ""\nmsgstr ""\n{header}\nmsgid "A"\nmsgstr "B"\n', encoding="utf-8")
    assert problems_of(path) == [expected]
    msgfmt(path)  # gettext reads the same values
    with open(path.with_suffix(".mo"), "rb") as mo:
        info = gettext.GNUTranslations(mo).info()
    field, value = expected.split(": ", 2)[1], expected.split("'")[1]
    assert value in info[field.lower()]


def test_a_file_that_is_no_catalog_is_quoted_five_lines_at_most(tmp_path):
    path = tmp_path / "leaflets.po"
    path.write_text("".join(f"user{n}:x:{n}:{n}::/home/user{n}:/bin/sh\n" for n in range(40)), encoding="utf-8")
    problems = problems_of(path)
    assert len(problems) == 6
    assert problems[0] == ("leaflets.po:1: not valid gettext syntax: 'user0:x:0:0::/home/user0:/bin/sh'. Put every "
                           'string in double quotes and write a quote inside it as \\"')
    assert problems[-1] == ("leaflets.po: 35 more lines are not valid gettext syntax. Check that the file is a "
                            "gettext catalog (.po)")
