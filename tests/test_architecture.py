"""The house rules, checked: layers and library boundaries (import-linter), lint (ruff), no import cycle, small
modules and functions, and a public API whose every name resolves."""

from __future__ import annotations

import ast
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PACKAGE = "patient_leaflets"
SRC = ROOT / "src" / PACKAGE
BIN = Path(sys.executable).parent
MAX_MODULE_LINES = 350
MAX_MEDIAN_FUNCTION_LINES = 10
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
DOORS = [("render/typography.py", "weasyprint"), ("render/proof.py", "jinja2"), ("site/page.py", "click")]
"""A module that must not import a library, and the library: each probe of the protected contracts adds one."""


def run_tool(*command: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / command[0]), *command[1:]], cwd=cwd, env=env, capture_output=True, text=True)


def test_layers_and_library_boundaries_hold():
    """The contracts in pyproject.toml: cli > site > building | check > pipeline > approval > render > i18n >
    content > base, and click, rich, Jinja2 and WeasyPrint each used only where they belong."""
    result = run_tool("lint-imports", "--no-cache")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in result.stdout


@pytest.mark.parametrize(("module", "library"), DOORS, ids=[library for _, library in DOORS])
def test_a_library_imported_past_its_door_breaks_its_contract(tmp_path, module, library):
    """The probe of issue 20: in a copy of the package, one module imports a library kept behind one door. Its
    contract must break, although no contract names that module (a list of forbidden modules let such imports
    through)."""
    copy = shutil.copytree(SRC, tmp_path / "src" / PACKAGE)
    with open(copy / module, "a", encoding="utf-8") as handle:
        handle.write(f"\nimport {library}  # the probe\n")
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    start = text.index("[tool.importlinter]")
    end = text.find("\n[tool.", text.rindex("[[tool.importlinter.contracts]]"))
    (tmp_path / "importlinter.toml").write_text(text[start:end if end >= 0 else None], encoding="utf-8")
    # The copy first on the path, before the package installed in development mode; lines as wide as names.
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src"), "COLUMNS": "400"}
    result = run_tool("lint-imports", "--no-cache", "--no-logo", "importlinter.toml", cwd=tmp_path, env=env)
    assert f"Contracts: {len(CONTRACTS) - 1} kept, 1 broken." in result.stdout, result.stdout[-3000:] + result.stderr
    door = next(contract["name"] for contract in CONTRACTS if library in contract.get("protected_modules", []))
    assert f"{door} BROKEN" in result.stdout, result.stdout[-3000:]
    importer = f"{PACKAGE}.{module.removesuffix('.py').replace('/', '.')}"
    assert f"{importer} -> {library}" in result.stdout, result.stdout[-3000:]


def test_ruff_finds_nothing():
    result = run_tool("ruff", "check", "--no-cache", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def _cycles(graph, modules: set[str]) -> list[list[str]]:
    """Return the strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module) & modules:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while component[-1:] != [module]:
                component.append(stack.pop())
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle():
    graph = grimp.build_graph(PACKAGE)
    modules = {m for m in graph.modules if m.startswith(PACKAGE)}
    assert len(modules) > 30
    assert _cycles(graph, modules) == []


def test_cycle_finder_finds_a_cycle():
    class Graph:
        imports = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

        def find_modules_directly_imported_by(self, module):
            return self.imports[module]

    assert _cycles(Graph(), {"a", "b", "c", "d"}) == [["a", "b", "c"]]


def test_modules_and_functions_stay_small():
    lengths, large = [], []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            large.append(f"{path.relative_to(ROOT)}: {len(text.splitlines())} lines")
        lengths += [node.end_lineno - node.lineno + 1 for node in ast.walk(ast.parse(text))
                    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    assert large == [], f"split modules over {MAX_MODULE_LINES} lines"
    assert statistics.median(lengths) <= MAX_MEDIAN_FUNCTION_LINES


def test_every_public_name_resolves_and_import_stays_cheap():
    script = ("import sys, patient_leaflets as p\n"
              "heavy = [m for m in ('weasyprint', 'jinja2', 'yaml', 'babel.messages', 'click') if m in sys.modules]\n"
              "print(heavy)\n"
              "print(all(getattr(p, name) is not None for name in p.__all__), callable(p.build_leaflets))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["[]", "True True"]


READS = {"open", "read_bytes", "read_text"}
"""Calls that open or read a file: ``open()``, ``os.open``, ``Path.open``, ``Path.read_bytes``, ``Path.read_text``."""
READS_ELSEWHERE = {
    ("building/fingerprint.py", "package_digest"): "this package's own code, not a project file: trusted as the "
                                                   "interpreter is, and a link there is how some systems install it",
}
"""The reads outside ``files.py`` that are not of a project file, each with why."""


def test_every_file_is_read_through_files_py():
    """``files.py`` is the one door: a link, a pipe or a device is refused there, and no file read past its limit."""
    found = set()
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).as_posix()
        if module != "files.py":
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found |= {(module, function) for function in _functions_reading(tree)}
    assert found == set(READS_ELSEWHERE), "read these through files.read_file or files.digest_file"


def _functions_reading(tree: ast.Module) -> set[str]:
    """Return the name of each function (``<module>`` outside any) that opens or reads a file itself."""
    owner = {}
    for node in ast.walk(tree):  # outer functions first: an inner function's calls end up its own
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            owner |= {id(call): node.name for call in ast.walk(node)}
    return {owner.get(id(call), "<module>") for call in ast.walk(tree) if isinstance(call, ast.Call)
            and (getattr(call.func, "id", None) == "open" or getattr(call.func, "attr", None) in READS)}
