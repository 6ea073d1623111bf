"""Benchmark the formats: render time and size of each, the write-in rule's cost, and the size of a PDF against
Chromium's print of the same HTML, in one run, on this machine.

Run: .venv/bin/python benchmarks/bench_formats.py          (about three minutes on 2 cores)
     .venv/bin/python benchmarks/bench_formats.py --real   (the real leaflets: about five minutes)

On a synthetic project of 4 leaflets in French and English (see synthetic.py; it does not depend on the content of
leaflets/), or with ``--real`` on a copy of this project's own leaflets, it measures, rendering in this process with
one worker:

(a) for each format (standard, large-print, proof): pages, bytes and render seconds per PDF (medians; the proof
    exists for English only);
(b) what two choices cost, in bytes of the standard PDFs (the same project built again with the stylesheet
    changed): the dotted rule under each question drawn before, against the dashed rule now; the care team's
    boxes as PDF form fields, against the same boxes without fields;
(c) Chromium's ``--print-to-pdf`` of the HTML each standard PDF is made from, with the same stylesheet: bytes,
    and the ratio of ours to Chromium's. Skipped, with the reason, when Debian's ``chromium`` is not installed.

Targets: standard PDFs of 4 pages, at most 50 KB on average in Latin script (mean; the median and each script's
mean are shown too: a Chinese or Arabic PDF embeds glyphs a Latin one does not); at most 0.5 ×
Chromium's bytes (mean of the ratios). Exit code 1 if one is missed.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import copy_real_project, make_project  # noqa: E402

FORMATS = ("standard", "large-print", "proof")
TARGET_KB = 50
TARGET_RATIO = 0.5


def build_format(project: Path, fmt: str, html: bool = False) -> list:
    """Build every PDF of ``fmt`` again, in this process; return the outcomes."""
    from patient_leaflets.building import build_leaflets
    from patient_leaflets.config import load_config

    report = build_leaflets(load_config(project), formats=[fmt], force=True, jobs=1, keep_html=html)
    assert not report.failed, report.failed
    return report.outcomes


def per_format(project: Path) -> dict[str, dict]:
    """Return, per format, the median pages, bytes and render seconds of its PDFs."""
    build_format(project, "standard")  # warm up: stylesheets, fonts and hyphenation loaded once, as in a worker
    rows = {}
    for fmt in FORMATS:
        outcomes = build_format(project, fmt, html=fmt == "standard")
        rows[fmt] = {"pdfs": len(outcomes), "pages": statistics.median(o.pages for o in outcomes),
                     "bytes": statistics.median(o.bytes for o in outcomes),
                     "mean": statistics.mean(o.bytes for o in outcomes),
                     "max pages": max(o.pages for o in outcomes),
                     "seconds": statistics.median(o.seconds for o in outcomes),
                     "by script": by_script(outcomes)}
    return rows


def by_script(outcomes) -> dict[str, float]:
    """Return the mean bytes of the PDFs of each script (``Latn``, ``Arab``, ``Hans``…), from CLDR's likely script
    of each locale. A PDF embeds the glyphs it uses: a Chinese one carries hundreds of CJK glyphs a Latin one does
    not, so the size target is judged on the Latin-script leaflets it was set for, and the others are shown."""
    from babel.core import get_global

    likely = get_global("likely_subtags")
    groups: dict[str, list[int]] = {}
    for outcome in outcomes:
        language = outcome.locale.split("_")[0]
        script = outcome.locale.split("_")[1] if "_" in outcome.locale else likely.get(language, "_Latn").split("_")[1]
        groups.setdefault(script, []).append(outcome.bytes)
    return {script: statistics.mean(sizes) for script, sizes in sorted(groups.items())}


def variants(project: Path, folder: Path) -> dict:
    """Return the median bytes of the standard PDFs as built now and with the stylesheet changed two ways.

    ``dotted``: the dotted rule under each question of before; ``no fields``: the care team's boxes drawn but
    not made PDF form fields (WeasyPrint embeds a field's font whole, so that any letter typed in it shows).
    """
    rule = ".write-in { border-bottom: 0.3mm dashed"
    changes = {"dotted": (rule, rule.replace("dashed", "dotted")),
               "no fields": ("  appearance: auto;\n", "  appearance: none;\n")}
    sizes = {"now": statistics.median(o.bytes for o in build_format(project, "standard"))}
    for name, (old, new) in changes.items():
        copy = folder / name.replace(" ", "-")
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns("output"))
        css = copy / "styles" / "leaflet.css"
        text = css.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in leaflet.css any more: update this benchmark"
        css.write_text(text.replace(old, new), encoding="utf-8")
        sizes[name] = statistics.median(o.bytes for o in build_format(copy, "standard"))
    return sizes


def chromium_sizes(project: Path) -> tuple[list[tuple[str, int, int]], str]:
    """Print each standard PDF's HTML with Chromium; return (name, our bytes, Chromium's bytes), or why not."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return [], "Chromium is not installed (Debian's chromium package; bash .ci/setup installs it)"
    rows = []
    for page in sorted((project / "output").glob("*/*.html")):
        if page.name.count(".") > 1:
            continue  # the standard edition only: chemotherapy.html, not chemotherapy.large-print.html
        # The same HTML, with the stylesheet WeasyPrint is given linked in, beside it so that fonts resolve.
        copy = project / "styles" / f"chromium-{page.parent.name}-{page.name}"
        copy.write_text(page.read_text(encoding="utf-8").replace(
            "<head>", '<head>\n<link rel="stylesheet" href="leaflet.css">', 1), encoding="utf-8")
        printed = copy.with_suffix(".pdf")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={printed}", copy.as_uri()], check=True, capture_output=True, timeout=120)
        ours = page.with_suffix(".pdf")
        rows.append((f"{page.parent.name}/{ours.name}", ours.stat().st_size, printed.stat().st_size))
    return rows, ""


def report(rows: dict, rule: dict, chromium: list, reason: str) -> bool:
    """Print the results as Markdown; return whether every target is met."""
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}\n")
    print("| format | PDFs | pages (median, max) | KB (median) | KB (mean) | render s / PDF |\n"
          "|---|---:|---:|---:|---:|---:|")
    for fmt, row in rows.items():
        print(f"| {fmt} | {row['pdfs']} | {row['pages']:g}, {row['max pages']} | {row['bytes'] / 1000:.1f} | "
              f"{row['mean'] / 1000:.1f} | {row['seconds']:.3f} |")
    print(f"\nquestions' rule: dotted {rule['dotted'] / 1000:.1f} KB, dashed {rule['now'] / 1000:.1f} KB "
          f"({rule['now'] / rule['dotted']:.2f} ×); without form fields {rule['no fields'] / 1000:.1f} KB")
    standard = rows["standard"]
    latin = standard["by script"].get("Latn", standard["mean"])
    ok = latin <= TARGET_KB * 1000 and standard["max pages"] <= 4
    print(f"standard, at most {standard['max pages']} pages: {latin / 1000:.1f} KB on average in Latin script "
          f"(target ≤ {TARGET_KB} KB, 4 pages): {'met' if ok else 'MISSED'}; by script: "
          + ", ".join(f"{script} {size / 1000:.1f} KB" for script, size in standard["by script"].items()))
    if not chromium:
        print(f"Chromium: skipped: {reason}")
        return ok
    ratio = statistics.mean(ours / theirs for _, ours, theirs in chromium)
    chromium_bytes = statistics.median(theirs for _, _, theirs in chromium)
    print(f"without form fields the ratio would be {rule['no fields'] / chromium_bytes:.2f}")
    print("\n| PDF | ours KB | Chromium KB | ratio |\n|---|---:|---:|---:|")
    for name, ours, theirs in chromium:
        print(f"| {name} | {ours / 1000:.1f} | {theirs / 1000:.1f} | {ours / theirs:.2f} |")
    print(f"\nmean ratio {ratio:.2f} (target ≤ {TARGET_RATIO}): {'met' if ratio <= TARGET_RATIO else 'MISSED'}")
    return ok and ratio <= TARGET_RATIO


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true", help="measure this project's own leaflets")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "project"
        project = copy_real_project(folder) if arguments.real else make_project(folder, 4)
        rows = per_format(project)
        rule = variants(project, Path(tmp))
        build_format(project, "standard", html=True)
        chromium, reason = chromium_sizes(project)
        return 0 if report(rows, rule, chromium, reason) else 1


if __name__ == "__main__":
    sys.exit(main())
