"""Synthetic projects for the benchmark: many leaflets made from the test project's sample, fully translated.

They depend on nothing in ``leaflets/`` (which changes as the content is written): only on the small project in
``tests/data/project`` and on the repository's templates, styles and ``babel.cfg``.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEST_PROJECT = ROOT / "tests" / "data" / "project"
IDS = ("external-radiotherapy", "brachytherapy", "surgery", "chemotherapy", "immunotherapy", "hormone-therapy-breast",
       "hormone-therapy-prostate", "interventional-radiology", "car-t-cell-therapy")
"""The real leaflet ids, used when a project has no more leaflets than there are treatments."""


def leaflet_ids(count: int) -> list[str]:
    """Return ``count`` leaflet ids: the treatments', then numbered ones."""
    return list(IDS[:count]) if count <= len(IDS) else [f"leaflet-{n:03d}" for n in range(1, count + 1)]


def make_project(folder: Path, leaflets: int, repeat_sections: int = 3) -> Path:
    """Create a project of ``leaflets`` leaflets in French, each translated into English, and return it.

    Each leaflet is the test sample with its sections repeated ``repeat_sections`` times (about four A4 pages
    with three) and a title of its own, whose translation is added to the English catalog.
    """
    shutil.copytree(TEST_PROJECT, folder, dirs_exist_ok=True)
    for name in ("templates", "styles"):
        shutil.copytree(ROOT / name, folder / name, dirs_exist_ok=True)
    shutil.copy(ROOT / "babel.cfg", folder / "babel.cfg")
    sample_path = folder / "leaflets" / "sample.yaml"
    sample = yaml.safe_load(sample_path.read_text(encoding="utf-8"))
    sample_path.unlink()
    po = folder / "translations" / "en" / "LC_MESSAGES" / "leaflets.po"
    entries = []
    for number, leaflet_id in enumerate(leaflet_ids(leaflets), start=1):
        data = copy.deepcopy(sample)
        data["title"] = f"{sample['title']} {number}"
        data["sections"] = [copy.deepcopy(s) for _ in range(repeat_sections) for s in sample["sections"]]
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
        (folder / "leaflets" / f"{leaflet_id}.yaml").write_text(text, encoding="utf-8")
        entries.append(f'\nmsgid "{data["title"]}"\nmsgstr "The example treatment {number}"\n')
    with open(po, "a", encoding="utf-8") as handle:
        handle.writelines(entries)
    return folder


def edit_leaflet(folder: Path, leaflet_id: str) -> None:
    """Change one leaflet as a writer would: a new version number (no new text to translate)."""
    path = folder / "leaflets" / f"{leaflet_id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    major, _, minor = str(data["metadata"]["version"]).partition(".")
    data["metadata"]["version"] = f"{major}.{int(minor or 0) + 1}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")


def copy_real_project(folder: Path) -> Path:
    """Copy what the real project's PDFs are made from (not its output) into ``folder``."""
    for name in ("leaflets", "translations", "templates", "styles"):
        shutil.copytree(ROOT / name, folder / name)
    for name in ("pyproject.toml", "babel.cfg"):
        shutil.copy(ROOT / name, folder / name)
    return folder
