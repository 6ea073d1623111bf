"""What `leaflets build` shows: a progress bar on a terminal, plain lines in pipes and CI."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from rich.console import Console

from patient_leaflets.building import Outcome
from patient_leaflets.cli.progress import BuildDisplay, TerminalDisplay, is_interactive, make_display
from patient_leaflets.errors import Problem

BUILT = Outcome("sample", "en", "output/en/sample.pdf", "built")
UNCHANGED = Outcome("sample", "fr", "output/fr/sample.pdf", "unchanged")
FAILED = Outcome("other", "fr", "output/fr/other.pdf", "failed",
                 problems=[Problem("leaflets/other.yaml", 2, "", "invalid YAML")])


def test_a_terminal_gets_a_progress_bar_above_which_each_pdf_is_listed():
    screen = io.StringIO()
    display = make_display(terminal=True, console=Console(file=screen, force_terminal=True, width=100))
    assert isinstance(display, TerminalDisplay)
    display.started(planned=3, to_render=2)
    display.finished(UNCHANGED)
    display.finished(BUILT)
    display.finished(FAILED)
    display.close()
    shown = screen.getvalue()
    assert "Rendering" in shown and "2/2" in shown and "\x1b[" in shown
    text = [re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line).rstrip() for line in shown.splitlines()]
    assert [line for line in text if line and "Rendering" not in line] == [
        "unchanged  output/fr/sample.pdf", "built      output/en/sample.pdf", "failed     output/fr/other.pdf",
        "  leaflets/other.yaml:2: invalid YAML"]


def test_pipes_and_ci_get_plain_lines(monkeypatch, capsys):
    display = make_display(terminal=False)
    assert type(display) is BuildDisplay
    display.started(planned=2, to_render=1)
    display.finished(UNCHANGED)
    display.finished(FAILED)
    display.close()
    captured = capsys.readouterr()
    assert captured.out == "unchanged  output/fr/sample.pdf\n"
    assert captured.err == "failed     output/fr/other.pdf\n  leaflets/other.yaml:2: invalid YAML\n"


def test_only_a_terminal_outside_ci_is_interactive(monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert is_interactive()
    monkeypatch.setenv("CI", "true")
    assert not is_interactive()
    monkeypatch.delenv("CI")
    monkeypatch.setenv("TERM", "dumb")
    assert not is_interactive()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert not is_interactive()


def test_with_nothing_to_render_rich_is_not_even_imported():
    script = ("import sys\nfrom patient_leaflets.cli.progress import make_display\n"
              "display = make_display(terminal=True)\ndisplay.started(2, 0)\ndisplay.close()\n"
              "print('rich' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout == "False\n"
