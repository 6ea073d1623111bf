"""The build manifest: what each PDF was built from, so that a build renders only what changed.

``output/.build-manifest.json`` holds one entry per ``<locale>/<leaflet>``:

- ``key``: a checksum of the files and settings the PDF depends on (see ``inputs_digest`` and ``job_key``);
- ``catalog`` and ``messages``: the checksum of the locale's ``.po`` file, and one per catalog entry the render
  looked up (missing ones included), so that editing one message rebuilds only the PDFs that use it;
- ``pdf`` (and ``html``): size, modification time and checksum of the file written, to notice an output that
  was changed or removed behind the build's back;
- ``report``: what ``build-report.json`` says about the PDF, for the builds that do not render it again.

Each finished PDF is appended to ``output/.build-journal.jsonl`` as soon as it is written, so that a build
stopped by Ctrl-C or ``kill`` loses nothing: the next build folds the journal into the manifest and goes on
from there. Modification times only say when a checksum must be computed again, as git's index does; they
never decide alone that a file is unchanged.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Iterator

from .config import Config
from .errors import LeafletError
from .files import write_atomic

MANIFEST_FILE = ".build-manifest.json"
JOURNAL_FILE = ".build-journal.jsonl"
LOCK_FILE = ".build.lock"
LEGACY_CACHE_FILE = ".build-cache.json"
"""What earlier versions kept instead of the manifest."""
FORMAT = 1
"""Bumped whenever entries change shape; a manifest of another format is ignored (everything is rebuilt)."""

LIBRARIES = ("weasyprint", "pydyf", "fonttools", "pyphen", "tinycss2", "cssselect2", "tinyhtml5", "jinja2",
             "markupsafe", "babel", "markdown-it-py", "phonenumbers", "pyyaml")
"""Python distributions whose version can change a PDF's bytes."""

NATIVE_LIBRARIES = {
    "pango": (("libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll"), "pango_version_string"),
    "harfbuzz": (("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"), "hb_version_string"),
}
"""The system libraries WeasyPrint lays out text and subsets fonts with, and how to ask their version."""

ABSENT = "-"
"""The digest of a catalog entry that does not exist."""


class Manifest:
    """The entries of ``output/.build-manifest.json``, with the journal of the build in progress."""

    def __init__(self, folder: Path, entries: dict[str, dict]):
        self.folder = folder
        self.entries = entries
        self.changed = False
        self._journal = None

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """Read the manifest of an output folder, then the journal a stopped build left behind."""
        try:
            data = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
            entries = data["pdfs"] if data.get("format") == FORMAT else {}
        except (OSError, ValueError, KeyError, AttributeError):
            entries = {}
        manifest = cls(folder, entries)
        for name, entry in _journal_lines(folder / JOURNAL_FILE):
            manifest.entries[name] = entry
            manifest.changed = True
        return manifest

    def get(self, name: str) -> dict | None:
        """Return the entry of ``<locale>/<leaflet>``, or None if it was never built."""
        entry = self.entries.get(name)
        return entry if isinstance(entry, dict) else None

    def record(self, name: str, entry: dict) -> None:
        """Store the entry of a PDF just written, durably: it survives the build being killed next."""
        self.entries[name] = entry
        self.changed = True
        if self._journal is None:
            self._journal = open(self.folder / JOURNAL_FILE, "a", encoding="utf-8")
        self._journal.write(json.dumps({"name": name, "entry": entry}, ensure_ascii=False) + "\n")
        self._journal.flush()
        os.fsync(self._journal.fileno())

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
        data = {"format": FORMAT, "pdfs": self.entries}
        write_atomic(self.folder / MANIFEST_FILE, json.dumps(data, ensure_ascii=False, sort_keys=True).encode())
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.folder / JOURNAL_FILE)
        self.changed = False

    def is_intact(self, entry: dict, kind: str, path: Path) -> bool:
        """Tell whether the file written for ``entry`` (``pdf`` or ``html``) is still there, unchanged."""
        stamp = entry.get(kind)
        if not isinstance(stamp, dict):
            return False
        try:
            stat = path.stat()
        except OSError:
            return False
        if stat.st_size != stamp.get("bytes"):
            return False
        if stat.st_mtime_ns == stamp.get("mtime_ns"):
            return True
        if file_digest(path) != stamp.get("sha256"):
            return False
        stamp["mtime_ns"] = stat.st_mtime_ns  # same bytes, touched: no need to read it again next time
        self.changed = True
        return True


def _journal_lines(path: Path) -> Iterator[tuple[str, dict]]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return
    for line in lines:
        try:
            record = json.loads(line)
            name, entry = record["name"], record["entry"]
        except (ValueError, KeyError, TypeError):
            continue  # the last line of a killed build may be cut short: that PDF is built again
        if isinstance(name, str) and isinstance(entry, dict):
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
    with open(folder / LOCK_FILE, "a+b") as handle:
        # A POSIX record lock, not flock(): worker processes do not inherit it, so a worker left running by a
        # killed build never blocks the next build.
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise LeafletError(f"{display}: another build is writing to this folder. Wait until it ends, "
                               "or stop it") from None
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


def stamp(path: Path, data: bytes) -> dict:
    """Return what the manifest records about a file just written with ``data``."""
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(), "mtime_ns": path.stat().st_mtime_ns}


def file_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def inputs_digest(config: Config) -> str:
    """Return a checksum of what every PDF depends on.

    That is the shared sections, templates, styles and fonts, the settings (institution included), this
    package's own code, and the versions of the libraries that shape the output, Pango and HarfBuzz included.
    Build options are left out on purpose: ``--strict`` and ``--html`` never change a PDF's bytes.
    """
    digest = hashlib.sha256()
    files = [config.shared_path] if config.shared_path.exists() else []
    for folder in (config.path("templates"), config.path("styles")):
        files += sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    for path in files:
        digest.update(_name(config, path).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    settings = {k: v for k, v in asdict(config).items() if k != "root"}
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(package_digest().encode())
    for name, version in sorted({**library_versions(LIBRARIES), **native_versions()}.items()):
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()


def job_key(inputs: str, locale: str, leaflet: bytes) -> str:
    """Return the checksum of one PDF's own inputs: everything shared, its language and its leaflet file."""
    return hashlib.sha256(f"{inputs}\0{locale}\0".encode() + leaflet).hexdigest()


def package_digest() -> str:
    """Return a checksum of this package's code (an edited checkout renders differently at the same version)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def library_versions(names: tuple[str, ...]) -> dict[str, str]:
    """Return the installed version of each distribution, ``?`` when it is not installed.

    Read from the ``<name>-<version>.dist-info`` folder names, as installers write them: importing
    ``importlib.metadata`` and asking it would cost more than the rest of an up-to-date build.
    """
    wanted = {_canonical(name): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in listing:
            if folder.endswith(".dist-info"):
                dist, _, version = folder[: -len(".dist-info")].partition("-")
                if version and _canonical(dist) in wanted:
                    found.setdefault(wanted[_canonical(dist)], version)
    return {name: found.get(name) or _metadata_version(name) for name in names}


def _metadata_version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def native_versions() -> dict[str, str]:
    """Return the versions of Pango and HarfBuzz, as the loaded libraries report them (``?`` if not found)."""
    versions = {}
    for name, (files, function) in NATIVE_LIBRARIES.items():
        versions[name] = "?"
        for file in files:
            try:
                library = ctypes.CDLL(file)
            except OSError:
                continue
            call = getattr(library, function)
            call.restype = ctypes.c_char_p
            versions[name] = call().decode()
            break
    return versions


def _canonical(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _name(config: Config, path: Path) -> str:
    return path.relative_to(config.root).as_posix()


def po_digest(path: Path) -> str:
    """Return the checksum of a catalog file, or an empty string when there is none."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def msgid_digest(msgid, context=None) -> str:
    """Return the short name the manifest gives a catalog entry."""
    return hashlib.sha256(repr((context, msgid)).encode()).hexdigest()[:16]


def message_digest(message) -> str:
    """Return a checksum of what a render takes from a catalog entry: its translation and its flags."""
    if message is None:
        return ABSENT
    return hashlib.sha256(repr((message.string, sorted(message.flags))).encode()).hexdigest()[:16]


def message_table(catalog) -> dict[str, str]:
    """Return the digest of every entry of a catalog, by ``msgid_digest``."""
    # Catalog.get finds a plural entry by its singular msgid.
    return {msgid_digest(m.id[0] if isinstance(m.id, (list, tuple)) else m.id, m.context): message_digest(m)
            for m in catalog if m.id}


class RecordingCatalog:
    """A catalog that remembers the digest of every entry looked up, for the manifest."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.used: dict[str, str] = {}

    def get(self, id, context=None):
        """Return the entry as ``Catalog.get`` does, and remember it (or its absence)."""
        message = self.catalog.get(id, context)
        self.used[msgid_digest(id, context)] = message_digest(message)
        return message

    def __getattr__(self, name):
        return getattr(self.catalog, name)
