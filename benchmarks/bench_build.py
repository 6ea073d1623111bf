"""Build performance as ratios against baselines measured in the same run (these machines are noisy).

Run: .venv/bin/python benchmarks/bench_build.py
Goals (from the design):
- an up-to-date `leaflets build` costs at most 10x a bare `python -c pass` start (it never imports WeasyPrint);
- rendering N leaflets in one process costs less than N separate `leaflets build --leaflet X` runs (one
  WeasyPrint import, font setup and parsed stylesheet for the batch, ~0.8 s saved per leaflet after the first;
  layout of a 12-page leaflet, ~0.8 s warm, dominates): goal ratio <= 0.9 with two leaflets, lower with more;
- two workers on two cores make a cold build of all PDFs at least 1.3x faster than one worker.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEAFLETS = Path(sys.executable).parent / "leaflets"


def timed(command: list[str], cwd: Path, repeat: int = 3) -> float:
    """Return the median wall time of a command, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "output", "__pycache__"))
        ids = sorted(p.stem for p in (project / "leaflets").glob("*.yaml"))
        results = []

        python = timed([sys.executable, "-c", "pass"], project, repeat=5)
        subprocess.run([str(LEAFLETS), "build", "--jobs", "1"], cwd=project, check=True, capture_output=True)
        noop = timed([str(LEAFLETS), "build"], project, repeat=5)
        results.append(("up-to-date build / python start", noop / python, 10.0, "<="))

        separate = timed([str(LEAFLETS), "build", "--force", "--jobs", "1", "-l", "fr"], project, repeat=1)
        each = sum(timed([str(LEAFLETS), "build", "--force", "--jobs", "1", "-l", "fr", "--leaflet", i], project,
                         repeat=1) for i in ids)
        results.append((f"{len(ids)} leaflets in one process / one process each", separate / each, 0.9, "<="))

        one = timed([str(LEAFLETS), "build", "--force", "--jobs", "1"], project, repeat=1)
        two = timed([str(LEAFLETS), "build", "--force", "--jobs", "2"], project, repeat=1)
        results.append(("cold build speed-up, 2 workers vs 1", one / two, 1.3, ">="))

    failed = False
    for name, ratio, goal, sense in results:
        ok = ratio <= goal if sense == "<=" else ratio >= goal
        failed |= not ok
        print(f"{'ok  ' if ok else 'MISS'} {name}: {ratio:.2f} (goal {sense} {goal})")
    print(f"baselines: python start {python * 1000:.0f} ms, up-to-date build {noop * 1000:.0f} ms, "
          f"cold build {one:.2f} s with 1 worker, {two:.2f} s with 2")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
