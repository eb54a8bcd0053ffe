"""The guesses: every module-level constant of the models, the engine, the atlas and the router that its own
comment or docstring labels an ESTIMATE, for ``docs/validation.md`` to set beside the cases that constrain it.

A constant is found by reading the source (no import side effects): a top-level assignment to an UPPER_CASE name
whose trailing comment, or the string just after it (its docstring), says ``ESTIMATE``, or ``estimate`` as a
label (``(estimate``, ``estimate:``, ``estimate (``, ``— estimate``, ``an estimate``).  Its note is the first
sentence of that text that carries the label.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

PACKAGES = ("models", "engine", "atlas", "routing")
"""The subpackages of longwalk whose constants decide what happens to the walkers (validation's own case assumptions
and the user interfaces are not scanned)."""

_LABEL = re.compile(r"\bESTIMATE\b|\(estimate\b|\bestimate[:(]|\bestimate \(|—\s*estimate\b|\ban estimate\b")
_SENTENCE = re.compile(r"(?<=[.])\s+(?=[A-Z(])")


@dataclass(frozen=True)
class Estimate:
    name: str  # dotted path from longwalk, e.g. "engine.phases.HUNGRY_DAYS"
    note: str  # the labelled sentence
    used_by: tuple[str, ...] = ()  # dotted paths of the module's functions that read it by name


def _note(text: str) -> str:
    flat = " ".join(text.split())
    parts = _SENTENCE.split(flat)
    labelled = [p for p in parts if _LABEL.search(p)]
    return (labelled or parts or [""])[0]


def _comments(lines: list[str], first: int, last: int) -> str:
    """The comments on source lines ``first``..``last`` (1-based) and the comment lines that carry them on below (up
    to a blank or code line, or a ``# ---`` section rule), joined."""
    parts = [ln.split("#", 1)[1].strip() for ln in lines[first - 1:last] if "#" in ln]
    k = last
    while parts and k < len(lines) and lines[k].strip().startswith("#") and not lines[k].strip().startswith("# ---"):
        parts.append(lines[k].strip()[1:].strip())
        k += 1
    return " ".join(parts)


def _module_estimates(path: Path, dotted: str) -> list[Estimate]:
    source = path.read_text(encoding="utf-8")
    lines = source.split("\n")
    body = ast.parse(source).body
    readers: dict[str, set[str]] = {}  # constant name -> the module's top-level functions that read it
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and sub.id.isupper():
                    readers.setdefault(sub.id, set()).add(f"{dotted}.{node.name}")
    out = []
    for i, node in enumerate(body):
        if not isinstance(node, (ast.Assign, ast.AnnAssign)):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper()]
        if not names:
            continue
        comment = _comments(lines, node.lineno, node.end_lineno)
        nxt = body[i + 1] if i + 1 < len(body) else None
        doc = (nxt.value.value if isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant)
               and isinstance(nxt.value.value, str) else "")
        for text in (comment, doc):
            if _LABEL.search(text):
                out.append(Estimate(f"{dotted}.{names[0]}", _note(text), tuple(sorted(readers.get(names[0], ())))))
                break
    return out


def estimates(root: Path | None = None) -> list[Estimate]:
    """Every constant labelled ESTIMATE in :data:`PACKAGES`, by module path then source order."""
    root = Path(__file__).resolve().parents[1] if root is None else root
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root).with_suffix("")
            found += _module_estimates(path, ".".join(rel.parts))
    return found
