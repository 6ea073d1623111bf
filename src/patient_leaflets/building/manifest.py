"""The build manifest: what each PDF was built from, so that a build renders only what changed.

``output/.build-manifest.json`` holds one entry per PDF (``records.ManifestEntry``), named ``<locale>/<leaflet>``
(the standard format) or ``<locale>/<leaflet>/<format>`` (``large-print``, ``proof``), with its ``format`` and
``output`` (the file, relative to the output folder):

- ``key``: a checksum of the files and settings the PDF depends on (see ``inputs_digest`` and ``job_key``);
- ``catalog`` and ``messages``: the checksum of the locale's ``.po`` file, and one per catalog entry the render
  looked up (missing ones included), so that editing one message rebuilds only the PDFs that use it;
- ``pdf`` (and ``html``): size, modification time and checksum of the file written, to notice an output that
  was changed or removed behind the build's back;
- ``report``: what the PDF is (``records.PdfRecord``: version, pages, draft and why, gaps, approval), for the
  builds that do not render it again and for the library.

Each finished PDF is appended to ``output/.build-journal.jsonl`` as soon as it is written, so that a build
stopped by Ctrl-C or ``kill`` loses nothing: the next build folds the journal into the manifest and goes on
from there. Modification times only say when a checksum must be computed again, as git's index does; they
never decide alone that a file is unchanged.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import BuildError, LeafletError, Problem
from ..files import OUTPUT, digest_file, open_append, read_file, write_atomic
from .fingerprint import ABSENT
from .records import FileStamp, ManifestEntry

MANIFEST_FILE = ".build-manifest.json"
JOURNAL_FILE = ".build-journal.jsonl"
LOCK_FILE = ".build.lock"
LEGACY_CACHE_FILE = ".build-cache.json"
"""What earlier versions kept instead of the manifest."""
FORMAT = 3
"""Bumped whenever entries change shape; a manifest of another format is ignored (everything is rebuilt).
2: each gap is recorded as its fields (``msgid``, ``reason``, ``where``, ``po``), not as a line of text.
3: the approval has the layout's verdict (``layout``)."""


class Manifest:
    """The entries of ``output/.build-manifest.json``, with the journal of the build in progress."""

    def __init__(self, folder: Path, entries: dict[str, ManifestEntry]):
        self.folder = folder
        self.entries = entries
        self.changed = False
        self._journal = None
        self.journal_error: OSError | None = None
        """Why the journal could not be written (a full disk, say); the entries are still kept in memory."""

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """Read the manifest of an output folder, then the journal a stopped build left behind."""
        try:  # a manifest that is not a regular file (a link) is no manifest: everything is built again
            data = json.loads(read_file(folder / MANIFEST_FILE, MANIFEST_FILE, OUTPUT))
            pdfs = data["pdfs"].items() if data.get("format") == FORMAT else []
        except (LeafletError, ValueError, KeyError, AttributeError):
            pdfs = []
        entries = {name: entry for name, data in pdfs if (entry := _entry(data)) is not None}
        manifest = cls(folder, entries)
        for name, entry in _journal_lines(folder / JOURNAL_FILE):
            manifest.entries[name] = entry
            manifest.changed = True
        return manifest

    def get(self, name: str) -> ManifestEntry | None:
        """Return the entry of ``<locale>/<leaflet>``, or None if it was never built."""
        return self.entries.get(name)

    def record(self, name: str, entry: ManifestEntry) -> None:
        """Store the entry of a PDF just written, durably: it survives the build being killed next."""
        self.entries[name] = entry
        self.changed = True
        if self.journal_error is not None:
            return
        try:
            if self._journal is None:
                self._journal = open_append(self.folder / JOURNAL_FILE)
            self._journal.write(json.dumps({"name": name, "entry": entry.to_json()}, ensure_ascii=False) + "\n")
            self._journal.flush()
            os.fsync(self._journal.fileno())
        except OSError as exc:  # the build goes on; save() tries again and the build then says what failed
            self.journal_error = OSError(exc.errno, exc.strerror, str(self.folder / JOURNAL_FILE))
            with contextlib.suppress(OSError):
                self.close_journal()

    def keep_only(self, names: set[str]) -> None:
        """Forget the entries of leaflets and locales that no longer exist."""
        for name in set(self.entries) - names:
            del self.entries[name]
            self.changed = True

    def close_journal(self) -> None:
        """Close the journal, leaving it on disk (as a killed build does)."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def save(self) -> None:
        """Write the manifest atomically, then drop the journal it now contains."""
        self.close_journal()
        if not self.changed:
            return
        data = {"format": FORMAT, "pdfs": {name: entry.to_json() for name, entry in self.entries.items()}}
        write_atomic(self.folder / MANIFEST_FILE, json.dumps(data, ensure_ascii=False, sort_keys=True).encode())
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.folder / JOURNAL_FILE)
        self.changed = False

    def is_up_to_date(self, name: str, key: str, catalog: str, table: Callable[[], dict[str, str] | None],
                      pdf: Path, html: Path | None = None) -> bool:
        """Tell whether the files of ``name`` were built from these inputs and are still there, unchanged.

        ``key`` fingerprints the PDF's own inputs and ``catalog`` its language's whole catalog file. When only
        the catalog changed, the PDF is still up to date if every entry its render used is the same:
        ``table()`` gives the digest of every current entry (None when the catalog cannot be read).
        The ``pdf`` (and ``html``, when one is to be kept) must be intact.
        """
        entry = self.get(name)
        if entry is None or entry.key != key:
            return False
        if entry.catalog != catalog:
            current = table()
            if current is None or any(current.get(k, ABSENT) != v for k, v in entry.messages.items()):
                return False
            entry.catalog = catalog
            self.changed = True
        return self._is_intact(entry.pdf, pdf) and (html is None or self._is_intact(entry.html, html))

    def _is_intact(self, stamp: FileStamp | None, path: Path) -> bool:
        """Tell whether the file ``stamp`` describes is still at ``path``, unchanged."""
        if stamp is None:
            return False
        try:
            stat = path.lstat()  # a link in the PDF's place is not the PDF written
        except OSError:
            return False
        if stat.st_size != stamp.bytes:
            return False
        if stat.st_mtime_ns == stamp.mtime_ns:
            return True
        if file_digest(path) != stamp.sha256:
            return False
        stamp.mtime_ns = stat.st_mtime_ns  # same bytes, touched: no need to read it again next time
        self.changed = True
        return True


def _entry(data) -> ManifestEntry | None:
    return ManifestEntry.from_json(data) if isinstance(data, dict) else None


def _journal_lines(path: Path) -> Iterator[tuple[str, ManifestEntry]]:
    try:
        lines = read_file(path, path.name, OUTPUT).decode("utf-8", errors="replace").splitlines()
    except LeafletError:
        return
    for line in lines:
        try:
            record = json.loads(line)
            name, entry = record["name"], _entry(record["entry"])
        except (ValueError, KeyError, TypeError):
            continue  # the last line of a killed build may be cut short: that PDF is built again
        if isinstance(name, str) and entry is not None:
            yield name, entry


@contextlib.contextmanager
def build_lock(folder: Path, display: str) -> Iterator[None]:
    """Hold the output folder for one build at a time; refuse when another build holds it."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks, builds must not overlap
        yield
        return
    with open_append(folder / LOCK_FILE, encoding=None) as handle:
        # A POSIX record lock, not flock(): worker processes do not inherit it, so a worker left running by a
        # killed build never blocks the next build.
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BuildError([Problem(display, None, "", "another build is writing to this folder",
                                      "Wait until it ends, or stop it")]) from None
        try:
            yield
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN)


def remove_leftovers(folder: Path) -> None:
    """Delete the temporary files a killed build may have left (never a finished PDF), and the old cache."""
    for pattern in (".build-*.tmp", "*/.*.pdf.*.tmp", "*/.*.html.*.tmp", LEGACY_CACHE_FILE):
        for path in folder.glob(pattern):
            with contextlib.suppress(OSError):
                path.unlink()


def file_digest(path: Path) -> str:
    """Return the SHA-256 of a file the build wrote (a PDF), or '' when it cannot be read as one (gone, a link):
    never the checksum the manifest recorded."""
    try:
        return digest_file(path, path.name, OUTPUT)
    except LeafletError:
        return ""


