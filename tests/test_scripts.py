"""No script left behind: a translator starting a language in any script Babel knows gets through every command.

For a locale of each script, direction and numbering system (and the shipped ones): ``init``, one translated
message, ``check``, ``approve``, ``status``, ``build``, ``site`` and ``preview`` end with a result or a clear
``Error:``, never a traceback. A script the bundled fonts draw prints the translation; any other is refused by
``check`` with its characters named, and the PDF shows the French instead of empty boxes.
"""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import make_project
from patient_leaflets.cli import cli
from patient_leaflets.site.preview import Preview

TITLE = "Le traitement exemple"
"""The sample leaflet's title: the one message each language translates."""

TITLES = {
    # Drawn by the bundled fonts: Latin, Arabic (Arabic, Persian, Urdu), Hebrew (Hebrew, Yiddish), Chinese (GB 2312).
    "es": "El tratamiento de ejemplo", "ar": "العلاج المثال", "zh_Hans": "示例治疗", "he": "הטיפול לדוגמה",
    "fa": "درمان نمونه", "ur": "مثالی علاج", "yi": "דער ביישפיל באהאנדלונג",
    # No bundled font: refused, named, the French shown.
    "hi": "उदाहरण उपचार", "bn": "উদাহরণ চিকিৎসা", "th": "การรักษาตัวอย่าง", "ta": "எடுத்துக்காட்டு சிகிச்சை",
    "el": "Η θεραπεία παράδειγμα", "ru": "Пример лечения", "uk": "Приклад лікування", "ja": "治療の例",
    "ko": "치료 예시", "zh_Hant": "治療範例", "am": "የምሳሌ ሕክምና", "ti": "ኣብነት ሕክምና", "hy": "Օրինակ բուժում",
    "ka": "მაგალითი მკურნალობა", "my": "ဥပမာ ကုသမှု",
}
DRAWN = {"es", "ar", "zh_Hans", "he", "fa", "ur", "yi"}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The test project, approved in French, with its French PDF built once for every language's test."""
    folder = make_project(tmp_path_factory.mktemp("scripts") / "project")
    assert run(folder, "build", "--jobs", "1", "-l", "fr").exit_code == 0
    return folder


def run(project, *args: str):
    result = CliRunner().invoke(cli, ["--project", str(project), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code == 0 or "Error:" in result.output or "error:" in result.output, result.output
    return result


def translate(project, locale: str, text: str) -> None:
    po = project / "translations" / locale / "LC_MESSAGES" / "leaflets.po"
    content = po.read_text(encoding="utf-8")
    entry = f'msgid "{TITLE}"\nmsgstr ""\n'
    assert entry in content
    po.write_text(content.replace(entry, f'msgid "{TITLE}"\nmsgstr "{text}"\n'), encoding="utf-8")


def pdf_text(path) -> str:
    """The PDF's text as copied, without the direction marks extractors add and without line breaks."""
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+", " ", text)


@pytest.mark.parametrize("locale", sorted(TITLES))
def test_every_command_works_in_every_script(base, tmp_path, locale):
    project = shutil.copytree(base, tmp_path / "project")
    assert run(project, "init", locale).exit_code == 0
    translate(project, locale, TITLES[locale])

    check = run(project, "check", "-l", locale)
    refused = [line for line in check.output.splitlines() if "no bundled font draws" in line]
    if locale in DRAWN:
        assert not refused and check.exit_code == 0, check.output
    else:
        assert len(refused) == 1 and f'"{TITLE}"' in refused[0] and "TRANSLATING.md, Fonts" in refused[0]
        assert check.exit_code == 1

    approve = run(project, "approve", "sample", "--locale", locale, "--translator", "Une Traductrice",
                  "--reviewer", "Un Relecteur")
    assert approve.exit_code == 1 and "untranslated" in approve.output  # one message is not a translation
    assert locale in run(project, "status", "-l", locale).output

    build = run(project, "build", "--jobs", "1", "-l", locale)
    assert build.exit_code == 0 and f"output/{locale}/sample.pdf (DRAFT" in build.output
    printed = pdf_text(project / "output" / locale / "sample.pdf")
    assert (TITLES[locale] in printed) == (locale in DRAWN), printed[:300]
    assert TITLE in printed or locale in DRAWN, "a title no font draws is shown in French"

    assert run(project, "site", "-l", locale).exit_code == 0
    assert (project / "output" / f"index.{locale}.html").is_file()
    assert Preview(project, locales=[locale], jobs=1).rebuild() == []
