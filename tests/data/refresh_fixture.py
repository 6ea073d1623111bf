"""Bring the test project's catalogs up to date with the repository's templates.

Run after changing a template string: .venv/bin/python tests/data/refresh_fixture.py
Then translate any new message in tests/data/project/translations/en/LC_MESSAGES/leaflets.po.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conftest import DATA, make_project  # noqa: E402

from patient_leaflets.i18n.catalogs import update_catalogs, write_template  # noqa: E402
from patient_leaflets.i18n.pofile import read_catalog, write_catalog  # noqa: E402
from patient_leaflets.i18n.stats import catalog_stats  # noqa: E402
from patient_leaflets.config import load_config  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        config = load_config(make_project(Path(tmp) / "project", approved=False))
        write_template(config)
        update_catalogs(config)
        catalog = config.po_path("en")
        # Messages the templates no longer use are dropped, not kept as obsolete, in the fixture.
        messages = read_catalog(catalog, "en")
        messages.obsolete.clear()
        write_catalog(catalog, messages)
        target = DATA / "project" / "translations"
        shutil.copy(config.pot_path, target / "leaflets.pot")
        shutil.copy(catalog, target / "en" / "LC_MESSAGES" / "leaflets.po")
        for row in catalog_stats(config):
            print(f"{row.locale} {row.leaflet}: {row.translated} translated, {row.fuzzy} fuzzy, {row.untranslated} missing")


if __name__ == "__main__":
    main()
