"""Benchmark the clinicians' library (``leaflets site``) and the preview's save-to-new-PDF latency, in one run.

Run: .venv/bin/python benchmarks/bench_site.py            (about three minutes on 2 cores)
     .venv/bin/python benchmarks/bench_site.py --quick    (fewer repetitions)

It measures, each against a baseline taken in the same run:

(a) the real project (leaflets/, translations/, templates/, styles/ copied into a temporary folder and built):
    ``leaflets site`` the first time (every thumbnail made), again with the thumbnails cached (pages rendered
    again), and up to date (nothing written);
(b) 400 PDFs (200 leaflets in French and English; the PDFs are copies of two built ones, each made distinct, so
    that each has its own checksum and thumbnail): the same three times, and checks that a second run makes no
    thumbnail at all;
(c) the preview: time from saving a leaflet to its new PDFs and library page (warm workers), against a cold
    ``leaflets build --leaflet X`` in a new process, and against one render's time.

Targets: (a, b) with cached thumbnails at most half the first run's time, up to date under 0.3 s; (b) no
thumbnail made again; (c) the preview at most 60% of the cold build. Exit code 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import copy_real_project, edit_leaflet, make_project  # noqa: E402

from patient_leaflets.building import build_leaflets  # noqa: E402
from patient_leaflets.building.manifest import FORMAT, MANIFEST_FILE  # noqa: E402
from patient_leaflets.config import load_config  # noqa: E402
from patient_leaflets.site import build_site, thumbnails  # noqa: E402
from patient_leaflets.site.library import STATE_FILE  # noqa: E402
from patient_leaflets.site.preview import Preview  # noqa: E402

BIN = Path(sys.executable).parent


def time_site(config, runs: int) -> dict:
    """Return the seconds of a first ``build_site``, of one with thumbnails cached, and of one up to date."""
    output = config.path("output")
    made = []
    original = thumbnails.render_thumbnail
    thumbnails.render_thumbnail = lambda path, width=thumbnails.WIDTH: made.append(path) or original(path, width)
    try:
        first = _seconds(lambda: build_site(config))
        first_made = len(made)
        cached = []
        for _ in range(runs):
            (output / STATE_FILE).unlink()
            cached.append(_seconds(lambda: build_site(config)))
        up_to_date = [_seconds(lambda: build_site(config)) for _ in range(runs)]
    finally:
        thumbnails.render_thumbnail = original
    return {"first": first, "thumbnails made": first_made, "cached": statistics.median(cached),
            "thumbnails made again": len(made) - first_made, "up to date": statistics.median(up_to_date)}


def _seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def make_400(folder: Path) -> Path:
    """Return a project of 200 leaflets whose 400 PDFs are recorded as built (copies of two real PDFs)."""
    project = make_project(folder, 200, repeat_sections=1)
    config = load_config(project)
    first = "leaflet-001"
    report = build_leaflets(config, leaflets=[first], jobs=2)
    assert not report.failed
    manifest = json.loads((config.path("output") / MANIFEST_FILE).read_text(encoding="utf-8"))
    for number in range(2, 201):
        for locale in ("fr", "en"):
            source = config.path("output") / locale / f"{first}.pdf"
            target = source.with_name(f"leaflet-{number:03d}.pdf")
            data = source.read_bytes() + f"% copy {number}\n".encode()  # a PDF comment: a checksum of its own
            target.write_bytes(data)
            entry = json.loads(json.dumps(manifest["pdfs"][f"{locale}/{first}"]))
            entry["pdf"] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                            "mtime_ns": target.stat().st_mtime_ns}
            manifest["pdfs"][f"{locale}/leaflet-{number:03d}"] = entry
    assert manifest["format"] == FORMAT
    (config.path("output") / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    return project


def time_preview(project: Path, leaflet: str) -> dict:
    """Return the preview's save-to-new-PDF seconds (warm workers) and a cold build's, for ``leaflet``."""
    preview = Preview(project)
    preview.rebuild()
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    preview.watching.wait(timeout=120)
    time.sleep(1)
    latencies = []
    for _ in range(3):
        build_number = preview.status.build
        started = time.perf_counter()
        edit_leaflet(project, leaflet)
        while preview.status.build == build_number or preview.status.running:
            time.sleep(0.01)
        latencies.append(time.perf_counter() - started)
    stop.set()
    watcher.join(timeout=60)
    report = json.loads((project / "output" / "build-report.json").read_text(encoding="utf-8"))
    renders = [item["render_seconds"] for item in report["pdfs"] if item["status"] == "built"]
    cold = []
    for _ in range(3):
        edit_leaflet(project, leaflet)
        cold.append(_seconds(lambda: subprocess.run([str(BIN / "leaflets"), "--project", str(project), "build",
                                                     "--leaflet", leaflet], check=True, capture_output=True)))
    return {"preview": statistics.median(latencies), "cold build": statistics.median(cold),
            "one render": max(renders) if renders else 0.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    runs = 2 if parser.parse_args().quick else 5
    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        real = copy_real_project(Path(tmp) / "real")
        config = load_config(real)
        assert not build_leaflets(config, jobs=2).failed
        a = time_site(config, runs)
        print(f"(a) real project, {len(list(config.path('output').glob('*/*.pdf')))} PDFs: " + _line(a))
        many = make_400(Path(tmp) / "many")
        b = time_site(load_config(many), runs)
        print("(b) 400 PDFs: " + _line(b))
        for name, result in (("a", a), ("b", b)):
            if result["cached"] > result["first"] / 2 or result["up to date"] > 0.3:
                missed.append(f"({name}) cached at most half the first run, up to date under 0.3 s")
        if b["thumbnails made again"] or b["thumbnails made"] != 400:
            missed.append("(b) 400 thumbnails made once, none again")
        c = time_preview(real, "chemotherapy")
        print(f"(c) preview, save to new PDFs of one leaflet (2 PDFs): {c['preview']:.2f} s; cold "
              f"'leaflets build --leaflet chemotherapy': {c['cold build']:.2f} s "
              f"({c['preview'] / c['cold build']:.0%}); one render: {c['one render']:.2f} s")
        if c["preview"] > 0.6 * c["cold build"]:
            missed.append("(c) the preview at most 60% of a cold build")
    for target in missed:
        print(f"missed: {target}")
    return 1 if missed else 0


def _line(result: dict) -> str:
    return (f"first {result['first']:.2f} s ({result['thumbnails made']} thumbnails), thumbnails cached "
            f"{result['cached']:.2f} s ({result['thumbnails made again']} made again), up to date "
            f"{result['up to date']:.3f} s")


if __name__ == "__main__":
    sys.exit(main())
