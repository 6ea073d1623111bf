"""Fingerprints of a build's inputs: what a PDF depends on, reduced to checksums the manifest compares.

A PDF's key covers its leaflet file, its language, the shared sections, templates, styles and fonts, the
settings, this package's own code and the versions of the libraries that shape the output. Catalog entries are
fingerprinted one by one, as a render looks them up (``RecordingCatalog``), so that editing one message
rebuilds only the PDFs that show it.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import sys
from dataclasses import asdict
from pathlib import Path

from ..config import Config
from ..errors import LeafletError
from ..files import ASSET, CATALOG, LEAFLET, digest_file
from ..i18n.origin import layout_files

LAYOUT_FILE = "layout-approval.yaml"
"""``approval.layout.FILE``, named here so that an up-to-date build loads nothing of the approvals."""

LIBRARIES = ("weasyprint", "pydyf", "fonttools", "pyphen", "tinycss2", "cssselect2", "tinyhtml5", "jinja2",
             "markupsafe", "babel", "markdown-it-py", "phonenumbers", "pyyaml", "segno")
"""Python distributions whose version can change a PDF's bytes."""

NATIVE_LIBRARIES = {
    "pango": (("libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll"), "pango_version_string"),
    "harfbuzz": (("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"), "hb_version_string"),
}
"""The system libraries WeasyPrint lays out text and subsets fonts with, and how to ask their version."""

ABSENT = "-"
"""The digest of a catalog entry that does not exist."""


def inputs_digest(config: Config) -> str:
    """Return a checksum of what every PDF depends on.

    That is the shared sections, templates (but the library page's, ``templates/site/``), styles and fonts,
    the settings (institution included), this package's own code, and the versions of the libraries that shape
    the output, Pango and HarfBuzz included.
    Build options are left out on purpose: ``--strict`` and ``--html`` never change a PDF's bytes.
    """
    digest = hashlib.sha256()
    files = ([config.shared_path] if config.shared_path.exists() else []) + layout_files(config)
    layout = config.root / LAYOUT_FILE  # approving the layout makes every PDF final: each renders again
    for path in files + ([layout] if layout.exists() else []):
        digest.update(_name(config, path).encode() + b"\0" + _file_digest(config, path))
    # Which languages are built changes no PDF (each job's key has its own language): `leaflets init es` must not
    # render every other language again.
    settings = {k: v for k, v in asdict(config).items() if k not in ("root", "locales")}
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(package_digest().encode())
    for name, version in sorted({**library_versions(LIBRARIES), **native_versions()}.items()):
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()


def job_key(inputs: str, locale: str, leaflet: bytes, fmt: str = "standard") -> str:
    """Return the checksum of one PDF's own inputs: everything shared, its language, format and leaflet file."""
    return hashlib.sha256(f"{inputs}\0{locale}\0{fmt}\0".encode() + leaflet).hexdigest()


PACKAGE = Path(__file__).resolve().parent.parent
"""The folder of this package's source, every subpackage included."""


def package_digest() -> str:
    """Return a checksum of this package's code (an edited checkout renders differently at the same version)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
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


def _file_digest(config: Config, path: Path) -> bytes:
    """Return the SHA-256 of a shared input, or why it is refused: the render then fails and says so."""
    try:
        return bytes.fromhex(digest_file(path, _name(config, path), LEAFLET if path == config.shared_path else ASSET))
    except LeafletError as exc:
        return f"refused: {exc}".encode()


def po_digest(path: Path) -> str:
    """Return the checksum of a catalog file, or an empty string when there is none or it is refused (a link, a
    pipe, over the size limit): reading the catalog then says why."""
    # translations/<locale>/LC_MESSAGES/<domain>.po: a link anywhere in those four is refused.
    try:
        return digest_file(path, Path(*path.parts[-4:]).as_posix(), CATALOG)
    except LeafletError:
        return ""


_RECORD_KEY = re.compile(rb"([A-Za-z0-9][\w.-]*):[ \t]*(#.*)?")


def approval_records(data: bytes) -> dict[str, bytes]:
    """Split a ``translations/<locale>/approvals.yaml`` into each leaflet's record, as text, without YAML.

    A PDF depends on its own leaflet's record only: approving one translation must not render the PDFs of every
    other leaflet again. The file is written by ``leaflets approve``, one top-level key per leaflet; comments
    between records belong to none. Anything else at the top level (a key this reading does not know, a flow
    mapping written by hand) goes under ``""``, which every PDF depends on: in doubt, rebuild.
    """
    records: dict[str, bytes] = {}
    key = None
    for line in data.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t") or not line.strip():
            if key is not None:
                records[key] += line
            continue
        if line.startswith(b"#"):
            key = None
            continue
        match = _RECORD_KEY.fullmatch(line.rstrip(b"\r\n"))
        key = match.group(1).decode() if match else ""
        records[key] = records.get(key, b"") + line
    return records


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

    def __iter__(self):
        return iter(self.catalog)

    def __getattr__(self, name):
        return getattr(self.catalog, name)
