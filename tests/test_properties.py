"""Property-based tests: whatever a file holds, the loader and the translation checks answer or raise our error.

A crash (any other exception) would stop a whole build on one bad file and show a translator a traceback.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml
from babel.messages.catalog import Catalog
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from conftest import DATA
from patient_leaflets.content.leaflet import Leaflet, parse_leaflet
from patient_leaflets.content.markup import PLACEHOLDERS, render_text, text_problems
from patient_leaflets.content.schema import LEAFLET, Map, OneOf, Seq
from patient_leaflets.errors import CatalogError, ContentError
from patient_leaflets.i18n.checks.checkers import Rules, translation_problems
from patient_leaflets.i18n.pofile import read_catalog
from patient_leaflets.i18n.translate import TemplateTranslations, TranslationReport

SAMPLE = (DATA / "project" / "leaflets" / "sample.yaml").read_text(encoding="utf-8")
CATALOG = (DATA / "project" / "translations" / "en" / "LC_MESSAGES" / "leaflets.po").read_bytes()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def field_names(spec=LEAFLET) -> set[str]:
    """Every field name the schema knows, so that generated mappings reach deep into the validator."""
    if isinstance(spec, Map):
        return set(spec.fields).union(*(field_names(s) for s in spec.fields.values()))
    if isinstance(spec, OneOf):
        return set(spec.kinds).union(*(field_names(s) for s in spec.kinds.values()))
    if isinstance(spec, Seq):
        return field_names(spec.item)
    return set()


NAMES = sorted(field_names())
SCALARS = (st.text(max_size=30) | st.integers() | st.floats(allow_nan=True) | st.booleans() | st.none()
           | st.dates(min_value=dt.date(1, 1, 1)) | st.sampled_from(["draft", "approved", "{phone_24h}", "**x**",
                                                                       "[a](file:///etc/passwd)", "<b>x</b>"]))
DATA_TREES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=6)
                          | st.dictionaries(st.sampled_from(NAMES) | st.text(max_size=8), inner, max_size=8),
                          max_leaves=60)
TEXT = st.text(st.characters(codec="utf-8"), max_size=200) | st.sampled_from(
    ["{phone_24h}", "{{", "}}", "{x", "**", "[", "](", "<img src=x>", "https://a.b/c", "2,5 mg", "{ 7*7 }"])
TEXTS = st.lists(TEXT, max_size=8).map("".join)


def loads_or_refuses(raw: bytes) -> None:
    try:
        assert isinstance(parse_leaflet(raw, "x.yaml", "x"), Leaflet)
    except ContentError as exc:
        assert exc.problems and all(str(problem).startswith("x.yaml") for problem in exc.problems)


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_load_or_raise_content_error(raw):
    loads_or_refuses(raw)


@SETTINGS
@given(st.text(max_size=500))
def test_any_text_loads_or_raises_content_error(text):
    loads_or_refuses(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(DATA_TREES)
def test_any_yaml_data_loads_or_raises_content_error(tree):
    loads_or_refuses(yaml.safe_dump(tree, allow_unicode=True).encode())


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 80), st.sampled_from(["delete", "insert", "indent", "cut"]), TEXT),
                max_size=5))
def test_edited_leaflets_load_or_raise_content_error(edits):
    lines = SAMPLE.splitlines()
    for position, action, text in edits:
        position %= len(lines) or 1
        if action == "delete" and lines:
            del lines[position]
        elif action == "insert":
            lines.insert(position, text)
        elif action == "indent" and lines:
            lines[position] = "  " + lines[position]
        elif action == "cut" and lines:
            lines[position] = lines[position][: len(text)]
    loads_or_refuses("\n".join(lines).encode("utf-8", "surrogatepass"))


@SETTINGS
@given(TEXTS, TEXTS)
def test_translation_checks_answer_any_pair_of_texts(msgid, msgstr):
    for template in (False, True):
        problems = translation_problems(msgid, msgstr, Rules("en_GB", "fr", ("SAMU",)), template)
        assert isinstance(problems, list) and all(isinstance(p, str) and p for p in problems)


VALUES = {name: Markup('<a class="phone" href="tel:+331">01</a>') for name in PLACEHOLDERS}
# A backslash before a line break is markdown's hard break: <br> is harmless, and the only other tag that occurs.
ALLOWED_TAG = re.compile(r'</?strong>|</a>|<a href="(https://|mailto:|tel:)[^"<>]*">|<br>'
                         r'|<a class="phone" href="tel:\+331">')


@SETTINGS
@given(TEXTS)
def test_text_that_passes_the_checks_renders_to_safe_html(text):
    if text_problems(text):
        return
    html = render_text(text, VALUES)
    assert ALLOWED_TAG.sub("", html).count("<") == 0, html


@SETTINGS
@given(TEXTS, TEXTS)
def test_template_strings_come_back_escaped_or_in_the_source_language(msgid, msgstr):
    catalog = Catalog(locale="en")
    catalog.add(msgid, msgstr)
    shown = TemplateTranslations(catalog, "fr", TranslationReport(), "templates/t.j2").gettext(msgid)
    assert isinstance(shown, Markup)
    assert re.sub(r'^<span lang="fr" dir="ltr" class="untranslated">|</span>$', "", str(shown)).count("<") == 0


PO_LINES = st.one_of(
    st.builds(lambda k, t: f'{k} "{t}"', st.sampled_from(["msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr[0]",
                                                          "msgstr[1]", "#| msgid", "msgstr[x]"]), TEXT),
    st.builds(lambda t: f'"{t}"', TEXT),
    st.builds(lambda h, v: f'"{h}: {v}\\n"', st.sampled_from(["Language", "Content-Type", "Plural-Forms",
                                                               "POT-Creation-Date", "PO-Revision-Date"]),
              st.sampled_from(["en", "de", "xx-nope", "", "text/plain; charset=utf-8", "text/plain; charset=CHARSET",
                               "nplurals=x; plural=(n/0);", "nplurals=2; plural=(n != 1);", "garbage",
                               "2026-01-01 10:00+0000"]) | TEXT),
    st.sampled_from(["", "#, fuzzy", "#, python-format", "#: leaflets/x.yaml:1", "#. comment", "#~ msgid \"old\"",
                     'msgid ""', 'msgstr ""']),
)


HEADER_LINES = st.builds(lambda h, v: f'"{h}: {v}\\n"', st.sampled_from(
    ["Language", "Content-Type", "Plural-Forms", "POT-Creation-Date", "PO-Revision-Date", "Project-Id-Version"]),
    st.sampled_from(["en", "de", "xx-nope", "", "text/plain; charset=utf-8", "text/plain; charset=CHARSET",
                     "text/plain; charset=klingon", "nplurals=x; plural=(n/0);", "nplurals=2; plural=(n != 1);",
                     "nplurals=1; plural=n+;", "garbage", "2026-01-01 10:00+0000", "2026-13-45 99:99+9999"]) | TEXT)
CATALOGS = st.one_of(
    st.lists(PO_LINES, max_size=30).map(lambda lines: CATALOG + b"\n" + "\n".join(lines).encode("utf-8", "replace")),
    st.tuples(st.lists(HEADER_LINES, max_size=6), st.lists(PO_LINES, max_size=20)).map(
        lambda parts: "\n".join(['msgid ""', 'msgstr ""', *parts[0], "", *parts[1]]).encode("utf-8", "replace")),
    st.lists(PO_LINES, max_size=30).map(lambda lines: "\n".join(lines).encode("utf-8", "replace")),
)


@SETTINGS
@given(CATALOGS)
def test_any_catalog_reads_or_raises_catalog_error(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "property.po"
    path.write_bytes(data)
    try:
        read_catalog(path, "en")
    except CatalogError as exc:
        assert str(exc).startswith(str(path))


@SETTINGS
@given(st.binary(max_size=1000))
def test_any_bytes_read_as_a_catalog_or_raise_catalog_error(tmp_path_factory, raw):
    path = tmp_path_factory.getbasetemp() / "property.po"
    path.write_bytes(raw)
    try:
        read_catalog(path, "en")
    except CatalogError as exc:
        assert str(exc).startswith(str(path))
