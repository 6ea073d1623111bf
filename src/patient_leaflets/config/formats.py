"""The formats a leaflet is built in: each a name, the end of its file name, and what it is laid out with.

One registry, read by the settings (which names exist), the build (file names, what to build by default), the
renderer (template and stylesheets) and the command line (``--format``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One kind of PDF made from every leaflet in every language."""

    name: str
    suffix: str
    """What comes between the leaflet id and ``.pdf`` in the file name: ``""`` or ``".large-print"``."""
    description: str
    template: str = "leaflet.html.j2"
    stylesheets: tuple[str, ...] = ("leaflet.css",)
    """Files of ``styles/``, in cascade order: a format's own layer comes after the common stylesheet."""
    handout: bool = True
    """Given to patients; False for the review proof, which only reviewers see."""
    translations_only: bool = False
    """Made only for the target languages (a review proof compares a translation with its source)."""

    def file_name(self, leaflet: str) -> str:
        """Return the PDF's file name in ``output/<locale>/``: ``chemotherapy.large-print.pdf``."""
        return f"{leaflet}{self.suffix}.pdf"


STANDARD = "standard"
LARGE_PRINT = "large-print"
PROOF = "proof"

FORMATS = {
    f.name: f
    for f in (
        Format(STANDARD, "", "the A4 hand-out"),
        Format(LARGE_PRINT, ".large-print", "the same text in large print (RNIB clear print: 16 pt and more)",
               stylesheets=("leaflet.css", "large-print.css")),
        Format(PROOF, ".proof", "the bilingual review proof: source and translation side by side, not for patients",
               template="proof.html.j2", stylesheets=("leaflet.css", "proof.css"), handout=False,
               translations_only=True),
    )
}
"""Every format, by name, in the order builds list them."""

DEFAULT_FORMATS = (STANDARD, LARGE_PRINT)
"""What ``leaflets build`` makes when neither the ``formats`` setting nor ``--format`` says otherwise."""


def format_of(file_name: str) -> tuple[str, Format] | None:
    """Return the leaflet id and format a PDF's file name stands for, or None when it is no leaflet's PDF."""
    if not file_name.endswith(".pdf"):
        return None
    stem = file_name[: -len(".pdf")]
    for fmt in sorted(FORMATS.values(), key=lambda f: -len(f.suffix)):
        if stem.endswith(fmt.suffix) and stem[: len(stem) - len(fmt.suffix)]:
            return stem[: len(stem) - len(fmt.suffix)], fmt
    return None


def formats_problems(names: tuple[str, ...]) -> list[str]:
    """Return what is wrong with the ``formats`` setting, each with its fix; an empty list when it is right."""
    if not names:
        return [f"no format to build; list at least one, e.g. formats = {list(DEFAULT_FORMATS)!r}".replace("'", '"')]
    problems = []
    for name in names:
        if name == PROOF:
            problems.append("the review proof is never built by default, so it cannot be listed here; "
                            "build it when a reviewer needs it: leaflets build --format proof")
        elif name not in FORMATS:
            known = ", ".join(n for n, f in FORMATS.items() if n != PROOF)
            problems.append(f"unknown format {name!r}; known formats: {known}")
    return problems


URL_FIELDS = ("locale", "id", "file")
"""What an ``online-url`` pattern may use: the language, the leaflet id, the PDF's file name."""


def online_url_problem(pattern: str) -> str:
    """Return what is wrong with an ``online-url`` pattern, or an empty string."""
    import string

    if not pattern.startswith("https://"):
        return "expected an https:// address, e.g. \"https://www.example.org/leaflets/{locale}/{file}\""
    try:
        fields = {field for _, field, spec, _ in string.Formatter().parse(pattern) if field is not None}
    except ValueError as exc:
        return f"invalid pattern ({exc}); write a literal brace as {{{{ or }}}}"
    unknown = sorted(fields - set(URL_FIELDS))
    if unknown:
        return f"unknown field {{{unknown[0]}}}; a pattern may use {', '.join(f'{{{f}}}' for f in URL_FIELDS)}"
    if not fields & {"id", "file"}:
        return "the pattern names no leaflet: every leaflet would point to the same address; use {id} or {file}"
    return ""


def online_url(pattern: str, locale: str, leaflet: str, fmt: Format) -> str:
    """Return the address of a PDF's online copy, from the ``online-url`` setting (empty: none)."""
    return pattern.format(locale=locale, id=leaflet, file=fmt.file_name(leaflet)) if pattern else ""
