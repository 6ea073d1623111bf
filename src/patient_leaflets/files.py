"""Files on disk: project-relative names, bounded reads, UTF-8 decoding and atomic writes, in one place."""

from __future__ import annotations

import codecs
import errno
import os
import tempfile
from pathlib import Path

from .errors import LeafletError, Problem

_BOMS = {codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32", codecs.BOM_UTF16_LE: "UTF-16",
         codecs.BOM_UTF16_BE: "UTF-16"}


def display_path(path: Path, root: Path) -> str:
    """Return ``path`` as messages show it: relative to the project folder ``root`` when it lies inside."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def read_limited(path: Path, limit: int, display: str, what: str, error: type[LeafletError]) -> bytes:
    """Return the bytes of a file of at most ``limit`` bytes; raise ``error`` naming ``display`` otherwise.

    One byte past the limit is read rather than trusting the size on disk (a device, a growing file), so a
    huge or endless file is never read whole. ``what`` names the file in the message (``a catalog``).
    """
    linked = linked_part(Path(path), display)
    if linked:  # a link may lead anywhere on the machine (translations/de/…/leaflets.po → /etc/passwd)
        raise error([Problem(linked, None, "", "is a symbolic link; the project's files are read only as "
                             "themselves", "Replace the link with a copy of the file")])
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
            if len(raw) > limit:
                fh.seek(0, 2)
                raise error([size_problem(max(fh.tell(), len(raw)), limit, display, what)])
    except OSError as exc:
        raise error([Problem(display, None, "", f"cannot read ({exc.strerror})")]) from None
    return raw


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


def symlink_problems(folder: Path, display) -> list[Problem]:
    """Return a problem for each symbolic link under ``folder``: the build reads the project's files as themselves.

    ``display`` names a path as messages show it.
    """
    return [Problem(display(path), None, "", "is a symbolic link; the project's files are read only as themselves",
                    "Replace the link with a copy of the file") for path in sorted(Path(folder).rglob("*"))
            if path.is_symlink()]
