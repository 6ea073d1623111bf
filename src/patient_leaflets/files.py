"""Files on disk: project-relative names, bounded reads, UTF-8 decoding and atomic writes, in one place.

Every file the tool reads goes through here (``read_file``, ``digest_file``), so that one rule holds for all:
a symbolic link anywhere inside the project is refused unread, and so is anything that is not a regular file
(a named pipe would block the read forever, ``/dev/zero`` would never end), and no file is read past the limit
of its kind.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import BuildError, CatalogError, ConfigError, ContentError, LeafletError, Problem, RenderError

_BOMS = {codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32", codecs.BOM_UTF16_LE: "UTF-16",
         codecs.BOM_UTF16_BE: "UTF-16"}


@dataclass(frozen=True)
class FileKind:
    """What a file is to the tool: how messages name it, the most it may hold, and the error its refusal raises."""

    what: str
    """The kind of file in a message: ``more than the 10 MB a catalog may have``."""
    limit: int
    """The most bytes it may hold; nothing past them is read."""
    error: type[LeafletError]


LEAFLET = FileKind("a leaflet file", 256 * 1024, ContentError)
"""A leaflet, ``_shared.yaml`` or ``approvals.yaml``: a leaflet of a few pages is about 20 KB of YAML."""
CATALOG = FileKind("a catalog", 10 * 1024 ** 2, CatalogError)
"""A .po or .pot file: one language for every leaflet is well under 1 MB."""
SETTINGS = FileKind("a settings file", 1024 ** 2, ConfigError)
"""``pyproject.toml``: a few KB."""
MAPPING = FileKind("an extraction mapping", 1024 ** 2, CatalogError)
"""``babel.cfg``: a few lines."""
ASSET = FileKind("a template or style file", 64 * 1024 ** 2, RenderError)
"""A file under ``templates/`` or ``styles/``: a template, a stylesheet, a picture, a font (a few MB at most)."""
OUTPUT = FileKind("a file the build wrote", 1024 ** 3, BuildError)
"""What the tool itself writes in the output folder: a PDF, the manifest and its journal, the report."""

_SPECIAL = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
            (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_SAFE_FLAGS = getattr(os, "O_NOFOLLOW", 0) | _NONBLOCK | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
"""Opening never follows a link put there since the check, nor waits for a pipe's other end."""
_CHUNK = 1 << 20


def display_path(path: Path, root: Path) -> str:
    """Return ``path`` as messages show it: relative to the project folder ``root`` when it lies inside."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def read_file(path: Path, display: str, kind: FileKind) -> bytes:
    """Return the bytes of a file of ``kind`` (``LEAFLET``, ``CATALOG``…); raise its error naming ``display``."""
    return read_limited(path, kind.limit, display, kind.what, kind.error)


def read_limited(path: Path, limit: int, display: str, what: str, error: type[LeafletError]) -> bytes:
    """Return the bytes of a regular file of at most ``limit`` bytes; raise ``error`` naming ``display`` otherwise.

    One byte past the limit is read rather than trusting the size on disk (a growing file), so a huge file is
    never read whole. ``what`` names the file in the message (``a catalog``).
    """
    with _reading(Path(path), display, error) as handle:
        raw = handle.read(limit + 1)
        if len(raw) > limit:
            raise error([size_problem(max(os.fstat(handle.fileno()).st_size, len(raw)), limit, display, what)])
    return raw


def digest_file(path: Path, display: str, kind: FileKind) -> str:
    """Return the SHA-256 of a file's bytes, read as ``read_file`` reads it, in chunks; raise ``kind``'s error."""
    digest, size = hashlib.sha256(), 0
    with _reading(Path(path), display, kind.error) as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            size += len(chunk)
            if size > kind.limit:
                size = max(os.fstat(handle.fileno()).st_size, size)
                raise kind.error([size_problem(size, kind.limit, display, kind.what)])
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def _reading(path: Path, display: str, error: type[LeafletError]) -> Iterator[BinaryIO]:
    problem = refusal(path, display)
    if problem:
        raise error([problem])
    try:
        with _open_regular(path, os.O_RDONLY, "rb") as handle:
            yield handle
    except OSError as exc:
        raise error([Problem(display, None, "", f"cannot read ({exc.strerror})")]) from None


def _open_regular(path: Path, flags: int, mode: str, encoding: str | None = None):
    """Open a regular file; raise OSError for anything else (a link or a pipe put there since the check)."""
    fd = os.open(path, flags | _SAFE_FLAGS, 0o644)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if _NONBLOCK:
            os.set_blocking(fd, True)
        return os.fdopen(fd, mode, encoding=encoding)
    except BaseException:
        os.close(fd)
        raise


def refusal(path: Path, display: str, kind: FileKind | None = None) -> Problem | None:
    """Return why a file is not read, found without opening it, or None.

    That is a symbolic link anywhere inside the project (``display`` names the path relative to it), anything
    but a regular file, and with ``kind``, a file over its limit (for a reader that opens files itself, Babel's).
    """
    linked = linked_part(Path(path), display)
    if linked:  # a link may lead anywhere on the machine (translations/de/…/leaflets.po → /etc/passwd)
        return _link_problem(linked)
    try:
        info = os.lstat(path)
    except OSError:
        return None  # opening it says why: no such file, permission denied
    special = _special_problem(info.st_mode, display)
    return special or (size_problem(info.st_size, kind.limit, display, kind.what) if kind else None)


def special_file_problems(folder: Path, display) -> list[Problem]:
    """Return a problem for each symbolic link, named pipe, device or socket under ``folder``: none is ever read.

    ``display`` names a path as messages show it.
    """
    problems = []
    for path in sorted(Path(folder).rglob("*")):
        with contextlib.suppress(OSError):  # gone since it was listed
            mode = path.lstat().st_mode
            problem = _link_problem(display(path)) if stat.S_ISLNK(mode) else (
                None if stat.S_ISDIR(mode) else _special_problem(mode, display(path)))
            problems += [problem] if problem else []
    return problems


def _link_problem(display: str) -> Problem:
    return Problem(display, None, "", "is a symbolic link; the project's files are read only as themselves",
                   "Replace the link with a copy of the file")


def _special_problem(mode: int, display: str) -> Problem | None:
    kind = next((name for is_kind, name in _SPECIAL if is_kind(mode)), None)
    if kind is None:
        return None
    return Problem(display, None, "", f"is {kind}, not a file; only regular files are read",
                   "Replace it with a regular file")


def linked_part(path: Path, display: str) -> str:
    """Return the part of ``path`` inside the project (as ``display`` names it) that is a symbolic link, or ''.

    ``display`` is the path relative to the project: the folders above the project may be links, its own not.
    """
    inside = Path(display).parts
    if Path(display).is_absolute() or len(inside) > len(path.parts) or path.parts[-len(inside):] != inside:
        return display if os.path.islink(path) else ""
    root = Path(*path.parts[:len(path.parts) - len(inside)])
    for depth in range(1, len(inside) + 1):
        if root.joinpath(*inside[:depth]).is_symlink():
            return Path(*inside[:depth]).as_posix()
    return ""


def utf8_problem(raw: bytes, display: str, fix: str) -> Problem | None:
    """Return the problem with a file that is not UTF-8 (naming the first bad byte's line and column), or None."""
    for bom, name in _BOMS.items():
        if raw.startswith(bom):
            return Problem(display, None, "", f"the file is {name} text, not UTF-8", fix)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        return Problem(display, line, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", fix, column)
    return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def open_append(path: Path, encoding: str | None = "utf-8"):
    """Open a file the tool keeps in its output folder (a journal, a lock) to append to, creating it if needed.

    A link or anything but a regular file in its place raises OSError, without waiting for a pipe's reader.
    Text with ``encoding``, bytes with None.
    """
    text = "a" if encoding else "ab"
    return _open_regular(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, text, encoding)


def size_problem(size: int, limit: int, display: str, what: str) -> Problem | None:
    """Return the problem with a file of ``size`` bytes when it is over ``limit``, else None."""
    if size <= limit:
        return None
    shown = f"{limit // 1024 ** 2} MB" if limit >= 1024 ** 2 else f"{limit / 1024:,.0f} KB"
    return Problem(display, None, "", f"the file is {size / 1024:,.0f} KB, more than the {shown} {what} may have",
                   "Check that nothing was pasted into it by mistake")


_OS_REASONS = {
    errno.EACCES: ("permission denied", "Give the user running the build the right to write there"),
    errno.EPERM: ("permission denied", "Give the user running the build the right to write there"),
    errno.EROFS: ("the file system is read-only", "Build into a writable folder (output-dir in pyproject.toml)"),
    errno.ENOSPC: ("no space left on the disk", "Free some space, then build again"),
    errno.EDQUOT: ("disk quota exceeded", "Free some space, then build again"),
    errno.EEXIST: ("a file is in the way of a folder", "Remove or rename the file"),
    errno.ENOTDIR: ("a file is in the way of a folder", "Remove or rename the file"),
    errno.EISDIR: ("a folder is in the way of a file", "Remove or rename the folder"),
}


def os_problem(exc: OSError, display: str) -> Problem:
    """Return a failed read or write as one line for a person: what is wrong with the file, and the fix."""
    reason, fix = _OS_REASONS.get(exc.errno, (exc.strerror or type(exc).__name__, ""))
    return Problem(display, None, "", f"cannot write: {reason}", fix)


def failed_path(exc: OSError) -> Path | None:
    """Return the file an OSError is about (the target of a rename), or None."""
    name = exc.filename2 or exc.filename
    return Path(os.fsdecode(name)) if name else None


def output_links(output: Path, root: Path) -> list[Problem]:
    """Return a problem for a symbolic link at the output folder, above it inside the project, or anywhere under it.

    The build writes through such a link, and ``preview`` would serve what it points to (``/etc`` included): the
    tool writes and serves only inside the project, so ``build``, ``site`` and ``preview`` refuse it.
    """
    found = [path for path in (output, *output.parents) if path.is_relative_to(root) and path != root
             and path.is_symlink()]
    if not found and output.is_dir():
        found = _links_under(output)
    return [Problem(display_path(path, root), None, "", f"is a symbolic link (to {os.readlink(path)}): the tool "
                    "writes and serves only inside the project",
                    "Remove the link: the build makes what it needs there itself") for path in found[:1]]


def _links_under(folder: Path) -> list[Path]:
    links, folders = [], [folder]
    while folders and not links:
        with contextlib.suppress(OSError), os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    links.append(Path(entry.path))
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
    return sorted(links)
