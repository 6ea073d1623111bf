"""``leaflets preview``: the library served on this computer only, built again each time a file is saved.

A save starts an incremental build (only the PDFs whose inputs changed are rendered) on worker processes kept
warm between builds, then refreshes the library. The page polls a small status address and reloads itself
when a build has finished; the errors of the last build are shown on the page and told to the terminal, each
with its ``file:line``. Standard library HTTP server, bound to 127.0.0.1: nothing is reachable from elsewhere.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from ..building import build_leaflets
from ..building.fingerprint import LAYOUT_FILE as LAYOUT_APPROVAL
from ..building.report import BuildListener
from ..building.workers import keep_workers
from ..config import Config, load_config
from ..errors import BuildError, LeafletError, Problem
from ..files import OUTPUT, output_links, read_file
from .library import build_site

HOST = "127.0.0.1"
STATUS = "/__preview__"
"""The address the page polls: the number of the last build, whether one is running, and its errors."""
_RELOAD = """<script>
(function () {
  var seen = null;
  function show(errors) {
    var box = document.getElementById("preview-errors");
    if (!errors.length) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("section");
      box.id = "preview-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset-inline:0;bottom:0;max-height:45vh;overflow:auto;margin:0;" +
        "padding:1rem;background:#a3001b;color:#fff;font:0.9rem/1.4 monospace;white-space:pre-wrap;z-index:99";
      document.body.appendChild(box);
    }
    box.textContent = errors.join("\\n");
  }
  function poll() {
    fetch("STATUS", { cache: "no-store" }).then(function (response) { return response.json(); })
      .then(function (status) {
        if (seen !== null && status.build !== seen) { window.location.reload(); return; }
        seen = status.build;
        show(status.errors);
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 500); });
  }
  poll();
}());
</script>
""".replace("STATUS", STATUS)


class Status:
    """What the page and the terminal are told: the number of the last build and its errors."""

    def __init__(self):
        self.build = 0
        self.running = False
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"build": self.build, "running": self.running, "errors": self.errors}).encode()


class Preview:
    """The preview of one project: builds on demand, serves the output folder, watches the sources."""

    def __init__(self, root: Path | str | None, locales: list[str] | None = None,
                 listener: BuildListener | None = None, jobs: int | None = None):
        self.root = load_config(root).root
        self.locales = locales
        self.listener = listener or BuildListener()
        self.jobs = jobs or os.cpu_count() or 1
        self.status = Status()
        self.watching = threading.Event()
        """Set once the files are watched and what was saved before is built: every later save is a change."""

    @property
    def config(self) -> Config:
        """The settings, read again at each build: ``pyproject.toml`` is watched too."""
        return load_config(self.root)

    def rebuild(self, catch_up: bool = False) -> list[str] | None:
        """Build what changed and refresh the library; return the errors, each with its ``file:line``.

        With ``catch_up`` (the build that covers saves made before the files were watched), return None and tell
        the page nothing when there was nothing to build and the errors are the same.
        """
        with self.status.lock:
            self.status.running = True
            before = self.status.errors
        try:
            errors, changed = _build_errors(self.config, self.locales, self.listener)
        finally:
            with self.status.lock:
                self.status.running = False
        if catch_up and not changed and errors == before:
            return None
        with self.status.lock:
            self.status.build += 1
            self.status.errors = errors
        return errors

    def serve(self, port: int) -> http.server.ThreadingHTTPServer:
        """Return a server for the output folder on ``127.0.0.1:port`` (0: any free port); call ``serve_forever``.

        Raise a ``BuildError`` when the output folder is a symbolic link, or when the port is taken.
        """
        config = self.config
        output = config.path("output")
        linked = output_links(output, config.root)
        if linked:
            raise BuildError(linked)
        handler = functools.partial(_Handler, self.status, config.root, directory=str(output))
        try:
            return http.server.ThreadingHTTPServer((HOST, port), handler)
        except OSError as exc:
            raise BuildError([Problem.general(f"cannot serve on {HOST}:{port}: {exc.strerror or exc}",
                                              "Choose another port: leaflets preview --port 8001 (or --port 0 for "
                                              "any free one)")]) from None

    def watched(self) -> list[Path]:
        """Return the folders and files whose changes start a build."""
        config = self.config
        paths = [config.path(name) for name in ("leaflets", "translations", "templates", "styles")]
        paths.append(config.root / LAYOUT_APPROVAL)  # approving the layout makes the PDFs final
        return [path for path in paths if path.exists()] + [config.root / "pyproject.toml"]

    def watch(self, stop: threading.Event, changed: Callable[[set], None] = lambda changes: None,
              built: Callable[[list[str]], None] = lambda errors: None) -> None:
        """Build again after each save until ``stop`` is set, on workers kept warm for the whole preview;
        ``changed`` is told the files saved, ``built`` the errors of the build that follows."""
        import watchfiles

        from ..building.jobs import warm_up

        config = self.config
        if stop.is_set():
            return
        changes = watchfiles.watch(*self.watched(), stop_event=stop, debounce=200, step=30, yield_on_timeout=True,
                                   rust_timeout=500, raise_interrupt=False)
        first = next(changes, None)  # the files are watched from here on; this waits at most rust_timeout
        warm_up(config)  # this process renders a build of one PDF itself
        with keep_workers(self.jobs, functools.partial(warm_up, config)):
            # A file saved during the first build, or before the watch began, was never seen as a change: build
            # what is out of date now (nothing, mostly: an up-to-date build takes a fraction of a second).
            if first:
                changed(first)
            errors = self.rebuild(catch_up=not first)
            if errors is not None:
                built(errors)
            self.watching.set()
            for change in changes:
                if change:
                    changed(change)
                    built(self.rebuild())


def _build_errors(config: Config, locales: list[str] | None, listener: BuildListener) -> tuple[list[str], bool]:
    """Build and write the library; return the errors, and whether any PDF or page was written."""
    try:
        report = build_leaflets(config, locales=locales, listener=listener)
    except LeafletError as exc:
        return [str(problem) for problem in exc.problems], True
    failed: dict[str, list[str]] = {}
    for outcome in report.failed:  # a broken catalog fails every PDF of its language: one error, not twenty
        failed.setdefault(outcome.error, []).append(outcome.output)
    errors = [f"{outputs[0]}{_others(outputs)}: {error}" for error, outputs in failed.items()]
    changed = any(outcome.status != "unchanged" for outcome in report.outcomes)
    try:
        changed = not build_site(config, locales).up_to_date or changed
    except LeafletError as exc:
        errors += [str(problem) for problem in exc.problems]
    return errors, changed


def _others(outputs: list[str]) -> str:
    return f" (and {len(outputs) - 1} other PDF(s))" if len(outputs) > 1 else ""


def _page(path: Path) -> str:
    """Return a library page the site wrote, or an empty page while there is none (or it is not a regular file)."""
    try:
        return read_file(path, path.name, OUTPUT).decode("utf-8", errors="replace")
    except LeafletError:
        return '<!DOCTYPE html><html lang="en"><title>leaflets preview</title><body></body></html>'


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The output folder, never cached; the library pages with the script that reloads them; the status."""

    def __init__(self, status: Status, root: Path, *args, **kwargs):
        self.status = status
        self.root = root
        super().__init__(*args, **kwargs)

    def do_HEAD(self):
        if self._refused():
            return None
        return super().do_HEAD()

    def do_GET(self):
        if self._refused():
            return None
        path = self.path.split("?")[0].split("#")[0]
        if path == STATUS:
            return self._send(self.status.as_json(), "application/json")
        if path == "/favicon.ico":  # the page has none: say so without an error in the browser's console
            self.send_response(204)
            self.end_headers()
            return None
        if path == "/" or (path.startswith("/index") and path.endswith(".html") and "/" not in path[1:]):
            page = Path(self.directory) / ("index.html" if path == "/" else path[1:])
            html = _page(page)
            return self._send(html.replace("</body>", _RELOAD + "</body>").encode(), "text/html; charset=utf-8")
        return super().do_GET()

    def _refused(self) -> bool:
        """Answer 403 and return True unless the request is for this server by its loopback address, names no dot
        file, and leads to no symbolic link: a page elsewhere in the browser must not read drafts through DNS
        rebinding, nor anything outside the output folder."""
        port = self.server.server_address[1]
        if self.headers.get("Host", "") not in (f"{HOST}:{port}", f"localhost:{port}"):
            return self._forbid(f"this preview answers only http://{HOST}:{port}/")
        parts = urllib.parse.unquote(self.path.split("?")[0].split("#")[0]).split("/")
        if any(part.startswith(".") for part in parts if part):
            return self._forbid("hidden files are not served")
        path = Path(self.translate_path(self.path))
        if any(p.is_symlink() for p in (path, *path.parents) if p.is_relative_to(self.root) and p != self.root):
            return self._forbid("symbolic links are not served")
        return False

    def _forbid(self, why: str) -> bool:
        self.send_error(403, why)
        return True

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # the terminal tells builds, not requests
        pass
