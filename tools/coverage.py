"""Which TEI elements the edition renders, and how: the element list and the coverage table.

    python tools/coverage.py derive [--schema ../shared/schemas/tei_all.rng]   # writes tools/tei-elements.tsv
    python tools/coverage.py table                                            # writes docs/coverage.md

``derive`` reads the full TEI P5 schema (tei_all.rng; not part of the repository, so the list it
derives is committed: a machine without the schema still has it) and lists every element of the
TEI namespace: its name, whether it can hold text (its content admits text or data), and where it
can stand: the shortest chain of elements from ``body`` (else from ``sourceDoc``, ``teiHeader``, or
``TEI``) that leads to it, as the schema allows.

``table`` builds a probe document from the list (each element that can hold text, with a word of
its own, in its chain), renders it with the edition's stylesheets and writes what each format
made of it: the coverage table in docs/coverage.md. tests/render/test_coverage.py renders the same
probe: every element of the list must have a rule of its own (none may fall to the stylesheets'
last rule), every word must reach both formats, and the table must be the one this script writes.
"""

from __future__ import annotations

import argparse
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LIST = ROOT / "tools" / "tei-elements.tsv"
TABLE = ROOT / "docs" / "coverage.md"
TEI_ALL = ROOT.parent / "shared" / "schemas" / "tei_all.rng"
TEI_NS = "http://www.tei-c.org/ns/1.0"
STARTS = ("body", "sourceDoc", "teiHeader", "TEI")


@dataclass(frozen=True)
class Element:
    name: str
    text: bool  # its content admits text
    context: tuple[str, ...]  # the chain of elements from body (or teiHeader, or TEI) to its parent


def derive(schema: Path) -> list[Element]:
    """Every element of the TEI namespace that ``schema`` defines (module docstring)."""
    from edition.validation import grammar

    g = grammar.load(schema.resolve())
    if g is None:
        raise SystemExit(f"{schema}: not a RelaxNG schema this tool can read")
    defs: dict[str, list[int]] = {}
    for eid, nc in enumerate(g.name_classes):
        if nc.kind == "name" and nc.ns == TEI_NS:
            defs.setdefault(nc.local, []).append(eid)

    def children(name: str) -> list[str]:
        found = set()
        for eid in defs[name]:
            for c in g.summary(eid).children:
                nc = g.name_classes[c]
                if nc.kind == "name" and nc.ns == TEI_NS:
                    found.add(nc.local)
        return sorted(found)

    chains: dict[str, tuple[str, ...]] = {}
    for start in STARTS:
        if start not in defs:
            continue
        paths = {start: (start,)}
        todo = deque([start])
        while todo:
            name = todo.popleft()
            for child in children(name):
                if child not in paths:
                    paths[child] = paths[name] + (child,)
                    todo.append(child)
        for name, path in paths.items():
            chains.setdefault(name, path[:-1])
    return [Element(name, any(g.summary(e).text for e in defs[name]), chains.get(name, ()))
            for name in sorted(defs, key=lambda n: (n.lower(), n))]


def write_list(elements: list[Element], path: Path = LIST) -> None:
    lines = ["# Every element of the TEI namespace in tei_all.rng (tools/coverage.py derive): name, whether it can hold",
             "# text, and the shortest chain of elements that leads to it from body (or sourceDoc, teiHeader, TEI).",
             "# element\ttext\tcontext"]
    lines += [f"{e.name}\t{'text' if e.text else '-'}\t{'/'.join(e.context)}" for e in elements]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_list(path: Path = LIST) -> list[Element]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, text, context = line.split("\t")
        found.append(Element(name, text == "text", tuple(context.split("/")) if context else ()))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("derive", help="derive tools/tei-elements.tsv from tei_all.rng")
    d.add_argument("--schema", type=Path, default=TEI_ALL)
    sub.add_parser("table", help="render the probe document and write docs/coverage.md")
    args = parser.parse_args(argv)
    if args.command == "derive":
        write_list(derive(args.schema))
        print(f"wrote {LIST.relative_to(ROOT)}")
    else:
        from tools import probe

        TABLE.write_text(probe.table(read_list()), encoding="utf-8")
        print(f"wrote {TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
