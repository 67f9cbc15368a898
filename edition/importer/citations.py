"""Archival citations, credit lines and the funder line: recognised only where the edition prints
them back exactly as the source printed them.

``source_line``, ``archival_citation``, ``names_line`` and ``credit_line`` mirror what
xslt/common/common.xsl and text.xsl print from the header's structure; a citation or a credit
is structured only when its mirror gives back the printed text, else it stays a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from edition.importer.speakers import INITIALS, match_turn, name_token_kind
from edition.sources.parse import TEI_NS

_CITATION_LIKE = re.compile(r"\b(?:f|op|d|l|ll|p)\.\s?\d|\b(?:Collection|Fond|Opis|Delo|Inventory|File|Sheets?|Folder|Box|Listy?)\s+\d", re.I)


def citation_like(text: str) -> bool:
    """An archival reference the importer cannot structure exactly ("AVPRF, f. 0128, op. 9, p. 41, d. 7, ll. 3-5.")."""
    return len(text) <= 250 and len(_CITATION_LIKE.findall(text)) >= 2 and match_turn(text) is None


_LEVEL_LABEL = {"fond": "Collection", "opis": "Inventory", "papka": "Folder", "delo": "File"}
_LEVEL_ABBR = {"fond": "f.", "opis": "op.", "papka": "p.", "delo": "d.", "sheets": "l."}
_FORMS = {"typescript", "manuscript", "original", "print", "photocopy", "carbon copy", "handwritten", "copy"}


@dataclass
class Citation:
    """An archival citation: repository, identifiers (fond, opis, papka, delo), sheets, form, provenance;
    ``abbr``: the abbreviations the source printed where they are not the edition's ("papka" for "p.",
    "ll." for "l."), by level (encoded as the idno's or the locus's @rend)."""

    repository: str
    idnos: list[tuple[str, str]]
    sheets: str | None = None
    form: str | None = None
    provenance: list[str] = field(default_factory=list)
    abbr: dict[str, str] = field(default_factory=dict)


def _dot(s: str) -> str:
    return s if re.search(r"[.!?]$", s) else s + "."


def source_line(c: Citation) -> str:
    """As common.xsl's e:source-line prints it: "RGANI. Collection 52. Inventory 1. File 498. Sheets 43. Typescript. ..."."""
    parts = [c.repository] + [f"{_LEVEL_LABEL[t]} {v}" if t in _LEVEL_LABEL else v for t, v in c.idnos]
    if c.sheets:
        parts.append(f"Sheets {c.sheets}")
    if c.form:
        parts.append(c.form[:1].upper() + c.form[1:])
    parts += c.provenance
    return " ".join(_dot(p) for p in parts if p)


def archival_citation(c: Citation) -> str:
    """As common.xsl's e:archival-citation prints it: "RGANI, f. 52, op. 1, d. 498, l. 43.",
    "AVPRF, f. 0100, op. 46, papka 12, d. 5, ll. 9-17.", "..., l. 9 ob." (no second full stop)."""
    parts = [c.repository] + [f"{c.abbr.get(t, _LEVEL_ABBR[t])} {v}" if t in _LEVEL_ABBR else v for t, v in c.idnos]
    if c.sheets:
        parts.append(f"{c.abbr.get('sheets', _LEVEL_ABBR['sheets'])} {c.sheets}")
    return _dot(", ".join(p for p in parts if p))


_V = r"[\w\-/–]+"
_LONG_CITATION = re.compile(rf"^(?P<repo>[^.,\[\]]{{2,80}}?)\. Collection (?P<fond>{_V})\. Inventory (?P<opis>{_V})\. File (?P<delo>{_V})\."
                            rf"(?: Sheets (?P<sheets>[\w\-–]+(?:, ?[\w\-–]+)*)\.)?(?P<rest>(?: [^\[\]]*)?)$")
# the Russian conventions: "papka" (or "p.") between opis and delo, "l." for a sheet and "ll." for
# several, "ob." (oborot) for a sheet's back: "AVPRF, f. 0100, op. 46, papka 12, d. 5, ll. 9-17, 18 ob."
_SHEET = r"[\w\-–]+(?: ob\.)?(?:\s?[-–]\s?[\w]+(?: ob\.)?)?"
_SHORT_CITATION = re.compile(rf"^(?P<repo>[^.,\[\]]{{2,80}}?), f\. (?P<fond>{_V}), op\. (?P<opis>{_V})"
                             rf"(?:, (?P<papka_abbr>p\.|papka) (?P<papka>{_V}))?, d\. (?P<delo>{_V})"
                             rf"(?:, (?P<sheets_abbr>ll?\.) (?P<sheets>{_SHEET}(?:, ?{_SHEET})*))?\.?(?: (?P<rest>.*))?$")


def parse_citation(text: str) -> tuple[Citation, str, str] | None:
    """(citation, form printed: "long" or "short", what follows a short citation) if ``text`` opens with one."""
    m = _LONG_CITATION.match(text)
    if m:
        c = Citation(m.group("repo"), [("fond", m.group("fond")), ("opis", m.group("opis")), ("delo", m.group("delo"))],
                     m.group("sheets"))
        rest = m.group("rest").strip()
        # sentences; "N.S." inside "N.S. Khrushchev’ Copy." is initials, not the end of one
        merged: list[str] = []
        cur: list[str] = []
        for tok in rest.split():
            cur.append(tok)
            if re.search(r"[.!?]$", tok) and not INITIALS.match(tok):
                merged.append(" ".join(cur))
                cur = []
        if cur:
            merged.append(" ".join(cur))
        if merged and merged[0].rstrip(".").lower() in _FORMS:
            c.form = merged.pop(0).rstrip(".").lower()
        c.provenance = merged
        if source_line(c) == text:
            return c, "long", ""
        return None
    m = _SHORT_CITATION.match(text)
    if m:
        c = Citation(m.group("repo"), [("fond", m.group("fond")), ("opis", m.group("opis"))]
                     + ([("papka", m.group("papka"))] if m.group("papka") else []) + [("delo", m.group("delo"))],
                     m.group("sheets"))
        for level in ("papka", "sheets"):
            if m.group(level) and m.group(f"{level}_abbr") != _LEVEL_ABBR[level]:
                c.abbr[level] = m.group(f"{level}_abbr")
        printed = text[: len(text) - len(m.group("rest") or "")].rstrip()
        if archival_citation(c) == printed:
            return c, "short", (m.group("rest") or "").strip()
    return None


_CREDIT = re.compile(
    r"^(?P<r1>Contributed by|Obtained by|Translated by|Obtained and contributed by|Obtained and translated by|Edited by)"
    r" (?P<n1>.+?)(?: and (?P<r2>translated by|contributed by|edited by) (?P<n2>.+?))?(?P<dot>\.)?$")
_RESP_KEY = {"contributed": "ctb", "obtained": "ctb", "translated": "trl", "edited": "edt"}


def names_line(names: list[str]) -> str:
    """As common.xsl's e:names joins names: "A and B", "A, B, and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _split_names(s: str) -> list[str] | None:
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", s)]
    if not all(parts) or names_line(parts) != s:
        return None
    return parts


def parse_credits(text: str) -> tuple[list[tuple[str, str, list[str]]], list[str]] | None:
    """([(resp as printed, key, names)], connecting words consumed) if ``text`` is a credit line."""
    m = _CREDIT.match(text)
    if not m:
        return None
    out, consumed = [], []
    for r, n in (("r1", "n1"), ("r2", "n2")):
        if not m.group(r):
            continue
        names = _split_names(m.group(n))
        if names is None or any(name_token_kind(t) is None and not re.match(r"^[\w.’'\-]+$", t) for nm in names for t in nm.split()):
            return None
        resp = m.group(r)[:1].upper() + m.group(r)[1:]
        out.append((resp, _RESP_KEY[resp.split()[0].lower()] if resp.split()[0].lower() in _RESP_KEY else
                    _RESP_KEY[resp.split()[-2].lower()], names))
    if m.group("r2"):
        consumed.append("and")
    if m.group("dot"):
        consumed.append(".")
    return out, consumed


def credit_line(resp: str, names: list[str]) -> str:
    """As text.xsl prints a respStmt."""
    return f"{resp} {names_line(names)}"


#: The funder line of a Wilson Center page, as text.xsl prints a <funder>.
FUNDER_LABEL = "This document was made possible with support from"
FUNDER = re.compile(r"^This document was made possible with support from (?P<name>\S.*)$")


def derived_texts(tree: etree._ElementTree) -> list[str]:
    """What the stylesheets print from the header's structure (citations, credits, funder), as the mirrors compute it."""
    ns = {"t": TEI_NS}
    root = tree.getroot()
    out = []
    for ms in root.iterfind(".//t:sourceDesc/t:msDesc", ns):
        loci = list(ms.iterfind("t:msContents/t:msItem/t:locus", ns))
        c = Citation(ms.findtext("t:msIdentifier/t:repository", namespaces=ns) or "",
                     [(i.get("type"), i.text or "") for i in ms.iterfind("t:msIdentifier/t:idno", ns)],
                     ", ".join(" ".join(l.itertext()) for l in loci) or None,
                     next((o.get("form") for o in ms.iterfind("t:physDesc/t:objectDesc", ns)), None),
                     [" ".join("".join(p.itertext()).split()) for p in ms.iterfind("t:history/t:provenance", ns)],
                     {i.get("type"): i.get("rend") for i in ms.iterfind("t:msIdentifier/t:idno[@rend]", ns)})
        if loci and loci[0].get("rend"):
            c.abbr["sheets"] = loci[0].get("rend")
        out += [source_line(c), archival_citation(c)]
    for rs in root.iterfind(".//t:titleStmt/t:respStmt", ns):
        out.append(credit_line(rs.findtext("t:resp", namespaces=ns) or "",
                               [" ".join("".join(n.itertext()).split()) for n in rs if etree.QName(n).localname != "resp"]))
    for f in root.iterfind(".//t:titleStmt/t:funder", ns):
        out.append(FUNDER_LABEL + " " + " ".join("".join(f.itertext()).split()))
    return out
