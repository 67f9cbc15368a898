"""A synthetic edition shaped like the real one: N documents made from tei/*.xml.

Each copy gets its own id (the root xml:id and the file name agree, as the rules
want), its own title, and its own wording: words of the transcript's paragraphs are
swapped for other words of the same document, deterministically (document i always
reads the same). Dates, names in the header, pointers and notes are left alone, so
every copy stays valid against the schema and the rules.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_WORD = re.compile(r"[A-Za-z]{4,}")
# text inside these stays as it is: the rules compare it with attributes (dates), or it is a label
_KEEP = {TEI + n for n in ("date", "speaker", "num", "title", "idno", "locus", "persName", "placeName")}


def variants(seeds: list[Path], n: int):
    """(file name, bytes) of N synthetic documents, cycling through the seeds."""
    parsed = [(s.stem, etree.parse(str(s))) for s in seeds]
    for i in range(n):
        stem, tree = parsed[i % len(parsed)]
        yield f"{stem}-{i:05d}.xml", vary(tree, f"{stem}-{i:05d}", i)


def vary(tree: etree._ElementTree, doc_id: str, i: int) -> bytes:
    tree = etree.ElementTree(etree.fromstring(etree.tostring(tree)))  # a copy
    root = tree.getroot()
    rng = random.Random(i)
    root.set(XML_ID, doc_id)
    title = root.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}title")
    if title is not None:
        title.text = f"{title.text or ''} (copy {i})"
    body = root.find(f"{TEI}text/{TEI}body")
    if body is None:
        return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    vocabulary = sorted(set(_WORD.findall(" ".join(body.itertext()))))

    def swap(text: str | None) -> str | None:
        if not text or not vocabulary:
            return text
        return _WORD.sub(lambda m: rng.choice(vocabulary) if rng.random() < 0.3 else m.group(0), text)

    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag not in _KEEP and not any(a.tag in _KEEP for a in el.iterancestors()):
            el.text = swap(el.text)
        if el is not body and not any(a.tag in _KEEP for a in el.iterancestors()):
            el.tail = swap(el.tail)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def write(folder: Path, seeds: list[Path], n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in variants(seeds, n):
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths
