"""Benchmark the build engine against the naive way, in one run, on this machine.

Run: .venv/bin/python benchmarks/bench_build.py            (about two minutes on 2 cores)
     .venv/bin/python benchmarks/bench_build.py --quick    (smaller scale run)

On a synthetic project of 8 leaflets in French and English (16 PDFs of four A4 pages, see synthetic.py; it does
not depend on the content of leaflets/), it measures:

(a) the naive baseline: the ``weasyprint`` command once per leaflet, on the HTML the build hands WeasyPrint;
(b) ``leaflets build --force``: every PDF rendered by one worker per core;
(c) ``leaflets build`` with everything up to date, and checks that it does not import WeasyPrint;
(d) ``leaflets build`` after editing one leaflet, and checks that it renders exactly that leaflet's two PDFs.

Targets: (b) at least 6 times faster than (a); (c) under 0.2 s; (d) 2 PDFs rendered.
Then a scale run builds synthetic projects of growing size (at least 200 PDFs) in fresh processes: time should
grow linearly with the number of PDFs and the peak memory of a worker should stay flat.
Wall times are medians of several runs, (a) and (b) taken in turns (these machines are shared and noisy).
Exit code 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import edit_leaflet, leaflet_ids, make_project  # noqa: E402

BIN = Path(sys.executable).parent
LEAFLETS = [sys.executable, "-m", "patient_leaflets"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""Python as users run it: with its bytecode cache (without it, every run compiles the package again)."""


def timed(command: list[str], cwd: Path, repeat: int = 1) -> tuple[float, str]:
    """Return the median wall time of a command, in seconds, and the output of its last run."""
    times, output = run_times(command, cwd, repeat)
    return statistics.median(times), output


def run_times(command: list[str], cwd: Path, repeat: int) -> tuple[list[float], str]:
    """Return the wall time of each run of a command, and the output of the last one."""
    times, output = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=ENV, text=True)
        times.append(time.perf_counter() - start)
        output = result.stdout
    return times, output


def rendered(output: str) -> list[str]:
    """Return the PDFs a ``leaflets build`` output says it built."""
    return sorted(line.split()[1] for line in output.splitlines() if line.startswith("built "))


def html_files(project: Path, folder: Path) -> list[Path]:
    """Return a copy of the HTML each PDF is made from, as ``leaflets build --html`` hands it to WeasyPrint."""
    subprocess.run([*LEAFLETS, "build", "--force", "--html"], cwd=project, check=True, capture_output=True,
                   env=ENV)
    folder.mkdir()
    for page in sorted((project / "output").glob("*/*.html")):  # a copy: a build without --html removes them
        shutil.copy(page, folder / f"{page.parent.name}-{page.name}")
    return sorted(folder.glob("*.html"))


def naive(project: Path, pages: list[Path]) -> float:
    """Time the ``weasyprint`` command run once per HTML file, as a shell loop would."""
    start = time.perf_counter()
    for page in pages:
        subprocess.run([str(BIN / "weasyprint"), "--pdf-variant", "pdf/ua-1", "-s",
                        str(project / "styles" / "leaflet.css"), str(page), str(page.with_suffix(".pdf"))],
                       check=True, capture_output=True, env=ENV)
    return time.perf_counter() - start


def children_cpu() -> float:
    """Return the processor time, in seconds, used so far by the processes this one started and waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def naive_and_force(project: Path, pages: list[Path], rounds: int) -> dict:
    """Time (a) and (b) in turns, so that both see the same load; return medians of wall and processor time."""
    times: dict[str, list[float]] = {"naive": [], "naive_cpu": [], "force": [], "force_cpu": []}
    output = ""
    for turn in range(2 * rounds + 1):
        cpu = children_cpu()
        if turn % 2:
            times["naive"].append(naive(project, pages))
        else:
            seconds, output = timed([*LEAFLETS, "build", "--force"], project)
            times["force"].append(seconds)
        times["naive_cpu" if turn % 2 else "force_cpu"].append(children_cpu() - cpu)
    return {**{name: statistics.median(values) for name, values in times.items()}, "output": output}


def imports_weasyprint(project: Path) -> bool:
    """Tell whether an up-to-date ``leaflets build`` imports WeasyPrint (``python -X importtime``)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "patient_leaflets", "build"], cwd=project,
                            check=True, capture_output=True, env=ENV, text=True)
    return bool(re.search(r"\|\s+weasyprint\b", result.stderr))


def measure_build(project: Path) -> dict:
    """Build every PDF of a project in this process; return seconds and peak memory (parent, largest worker)."""
    from patient_leaflets.building import build_leaflets
    from patient_leaflets.config import load_config

    start = time.perf_counter()
    report = build_leaflets(load_config(project), force=True)
    seconds = time.perf_counter() - start
    assert not report.failed, report.failed
    kib = 1 if sys.platform != "darwin" else 1 / 1024  # ru_maxrss is in KiB on Linux, in bytes on macOS
    return {"pdfs": len(report.outcomes), "seconds": seconds,
            "parent_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 1024,
            "worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * kib / 1024}


def scale_run(root: Path, sizes: list[int]) -> list[dict]:
    """Build synthetic projects of each size (PDFs, two languages) in a fresh process each."""
    rows = []
    for size in sizes:
        project = make_project(root / f"scale-{size}", size // 2)
        result = subprocess.run([sys.executable, __file__, "--measure", str(project)], check=True,
                                capture_output=True, env=ENV, text=True)
        rows.append(json.loads(result.stdout.splitlines()[-1]))
        shutil.rmtree(project)
    return rows


def linear_fit(rows: list[dict]) -> tuple[float, float, float]:
    """Return slope (s per PDF), intercept (s) and R² of time against the number of PDFs."""
    xs, ys = [r["pdfs"] for r in rows], [r["seconds"] for r in rows]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    intercept = my - slope * mx
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    total = sum((y - my) ** 2 for y in ys)
    return slope, intercept, 1 - residual / total if total else 1.0


def machine() -> list[str]:
    """Describe the machine and the libraries the numbers depend on."""
    from patient_leaflets.building.fingerprint import library_versions, native_versions

    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") if os.path.exists("/proc/cpuinfo") else open(os.devnull) as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    if os.path.exists("/proc/meminfo"):
        with open("/proc/meminfo", encoding="utf-8") as fh:
            memory = f", {int(fh.readline().split()[1]) / 1024 ** 2:.0f} GiB RAM"
    versions = {**library_versions(("weasyprint", "pydyf")), **native_versions()}
    return [f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}",
            f"Python {platform.python_version()}; " + ", ".join(f"{k} {v}" for k, v in versions.items()),
            f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="scale run on 50, 100 and 200 PDFs only")
    parser.add_argument("--sizes", help="scale run sizes in PDFs, comma-separated (default 50,100,200,400)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of (a), in turns with (b) (default 2)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_build(args.measure)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [50, 100, 200] if args.quick else [
        50, 100, 200, 400]
    for line in machine():
        print(line)
    started = time.perf_counter()
    checks = []
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project", 8)
        pages = html_files(project, Path(tmp) / "naive")
        turns = naive_and_force(project, pages, args.rounds)
        naive_seconds, force, output = turns["naive"], turns["force"], turns["output"]
        files = len(pages)
        assert len(rendered(output)) == files == 16, output
        one_worker, _ = timed([*LEAFLETS, "build", "--force", "--jobs", "1"], project, repeat=1)
        python, _ = timed([sys.executable, "-c", "pass"], project, repeat=7)
        noops, output = run_times([*LEAFLETS, "build"], project, repeat=9)
        noop = statistics.median(noops)
        assert output.splitlines()[-1].startswith("0 built, 16 unchanged, 0 failed"), output
        weasyprint_imported = imports_weasyprint(project)
        edited = leaflet_ids(8)[3]
        edit_leaflet(project, edited)
        after_edit, output = timed([*LEAFLETS, "build"], project)
        changed = rendered(output)

        print(f"\n(a) naive, `weasyprint` once per leaflet: {naive_seconds:6.2f} s for {files} PDFs "
              f"({naive_seconds / files:.2f} s each; processor time {turns['naive_cpu']:.2f} s)")
        print(f"(b) leaflets build --force:               {force:6.2f} s ({os.cpu_count()} workers; "
              f"processor time {turns['force_cpu']:.2f} s; {one_worker:.2f} s with --jobs 1)")
        print(f"(c) leaflets build, up to date:           {noop:6.3f} s (fastest {min(noops):.3f} s; python -c pass: "
              f"{python:.3f} s); imports WeasyPrint: {'yes' if weasyprint_imported else 'no'}")
        print(f"(d) leaflets build after editing {edited}: {after_edit:6.2f} s, rendered {len(changed)}: "
              f"{', '.join(changed)}")
        checks += [
            ("(a) / (b), naive over leaflets build --force", naive_seconds / force, ">=", 6.0),
            ("(c) up-to-date build, seconds", noop, "<", 0.2),
            ("(c) up-to-date build imports WeasyPrint", float(weasyprint_imported), "==", 0.0),
            ("(d) PDFs rendered after editing one leaflet", float(len(changed)), "==", 2.0),
        ]
        if changed != [f"output/en/{edited}.pdf", f"output/fr/{edited}.pdf"]:
            checks.append(("(d) rendered the edited leaflet's PDFs", 0.0, "==", 1.0))

        print(f"\nScale run ({os.cpu_count()} workers, fresh process each):")
        print(f"{'PDFs':>6} {'seconds':>8} {'s/PDF':>7} {'worker peak MiB':>16} {'parent peak MiB':>16}")
        rows = scale_run(Path(tmp), sizes)
        for row in rows:
            print(f"{row['pdfs']:>6} {row['seconds']:>8.2f} {row['seconds'] / row['pdfs']:>7.3f} "
                  f"{row['worker_mib']:>16.0f} {row['parent_mib']:>16.0f}")
    slope, intercept, r2 = linear_fit(rows)
    growth = rows[-1]["worker_mib"] / rows[0]["worker_mib"]
    print(f"time = {intercept:.2f} s + {slope:.3f} s × PDFs (R² = {r2:.4f}); worker peak memory from "
          f"{rows[0]['pdfs']} to {rows[-1]['pdfs']} PDFs: × {growth:.2f}")
    checks += [
        ("scale: at least 200 PDFs", float(rows[-1]["pdfs"]), ">=", 200.0),
        ("scale: time linear in PDFs, R²", r2, ">=", 0.98),
        ("scale: worker peak memory, largest / smallest run", growth, "<=", 1.10),
    ]
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"the benchmark took {time.perf_counter() - started:.0f} s")
    return report(checks)


def report(checks: list[tuple[str, float, str, float]]) -> int:
    """Print each check against its target; return the exit code."""
    print()
    failed = False
    for name, value, sense, goal in checks:
        ok = {">=": value >= goal, "<": value < goal, "<=": value <= goal, "==": value == goal}[sense]
        failed |= not ok
        print(f"{'ok  ' if ok else 'MISS'} {name}: {value:.3g} (target {sense} {goal:g})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
