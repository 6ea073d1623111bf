"""Web and e-mail addresses read as a browser reads them, so that a translation cannot point somewhere else.

Each address is parsed (``urllib.parse``), in link targets, in link labels and in the text: a user name part
(``https://www.e-cancer.fr"@evil.example`` leads to evil.example), a ``mailto:`` with a query (``?bcc=``), a
label that shows one address while the link goes to another, and a bare domain that is not one of the source's
(``e-cancer.fr.evil.example``, told apart from ``e.g.`` with the public suffix list that tldextract bundles,
offline) are refused.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ...content.addresses import DOMAIN, SCHEMED, either, is_domain

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_ADDRESS = either(SCHEMED, DOMAIN)


def link_problems(msgid: str, msgstr: str) -> list[str]:
    """Return what is wrong with the addresses of a translation: malformed, disguised or not the source's."""
    problems = []
    for label, target in _LINK.findall(msgstr):
        problems += _target_problems(target)
        shown = [a for a in _addresses(label) if _is_address(a)]
        if shown and any(_host_path(a) != _host_path(target) for a in shown):
            problems.append(f"the link's label shows {shown[0]!r} but it leads to {target!r}: a label that looks "
                            "like an address must be that address")
    text = _LINK.sub(lambda m: f" {m.group(1)} ", msgstr)
    known = {_host(a) for a in _addresses(msgid) + [t for _, t in _LINK.findall(msgid)]} - {""}
    for address in _addresses(text):
        problems += _target_problems(address) if "://" in address or ":" in address else []
        host = _host(address)
        bare = ":" not in address  # an address with a scheme is compared exactly by checkers.address_problems
        if bare and host and host not in known and _is_address(address):
            problems.append(f"{address!r} is not an address of msgid ({_listed(sorted(known))}). Copy addresses "
                            "exactly as in msgid")
    return list(dict.fromkeys(problems))


def _target_problems(target: str) -> list[str]:
    try:
        parts = urlsplit(target)
    except ValueError:
        return [f"{target!r} is not a valid address"]
    if parts.scheme == "mailto" and parts.query:
        return [f"{target!r} adds {parts.query!r} to the e-mail: write mailto:name@domain alone"]
    if parts.scheme in ("http", "https"):
        if "@" in parts.netloc or not re.fullmatch(r"[\w.-]+(?::\d+)?", parts.netloc):
            return [f"{target!r} does not lead to the site it shows: it goes to {_real_host(parts.netloc)!r}. "
                    "Copy addresses exactly as in msgid"]
    return []


def _real_host(netloc: str) -> str:
    return netloc.rpartition("@")[2].split(":")[0] or netloc


def _addresses(text: str) -> list[str]:
    return [m.group() for m in _ADDRESS.finditer(text)]


def _host(address: str) -> str:
    """Return the host an address leads to (``www.e-cancer.fr``), or '' for ``tel:`` and other non-web ones."""
    if address.lower().startswith("mailto:"):
        return address.partition("@")[2].split("?")[0].lower()
    if address.lower().startswith("tel:"):
        return ""
    parts = urlsplit(address if "://" in address else f"https://{address}")
    return _real_host(parts.netloc).lower().removeprefix("www.")


def _host_path(address: str) -> tuple[str, str]:
    parts = urlsplit(address if "://" in address else f"https://{address}")
    return _host(address), parts.path.rstrip("/")


def _is_address(token: str) -> bool:
    """Tell a web address or domain (``e-cancer.fr``) from an abbreviation or a number (``e.g.``, ``1.5``)."""
    return "://" in token or token.lower().startswith(("mailto:", "www.")) or is_domain(token)


def _listed(items: list[str]) -> str:
    return ", ".join(items) or "none"
