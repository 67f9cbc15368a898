"""The draft assembled from what the reader found: the header (title, funder, credits, publication,
source, summary, date, document type, participants), the transcript (dateline, speeches, stage
directions, page breaks, narration) and the back (related documents, what could not be placed,
document information), in the order and with the conventions of the edition's sources."""

from __future__ import annotations

import re

from lxml import etree

from edition.importer.citations import FUNDER, parse_citation, parse_credits, citation_like
from edition.importer.dates import DATE_IN_LINE, dateline_when
from edition.importer.draft import XML_MODEL, Builder, indent, language
from edition.importer.ids import default_id, slug
from edition.importer.layout import PAGE_NUMBER
from edition.importer.notes import link_notes
from edition.importer.regions import DOC_TYPE, Reader
from edition.importer.report import Item, Speaker, shorten
from edition.importer.speakers import (Person, compatible, link_to_register, name_persons, person_for, person_key,
                                      title_case_turn)
from edition.importer.tei import XML_ID, XML_LANG, T, add, append_text
from edition.sources.parse import TEI_NS


def draft_tree(b: Builder, rd: Reader, doc_id: str | None) -> etree._ElementTree:
    """The TEI tree of what the reader found, in the order and with the conventions of tei/*.xml."""
    r = b.report
    root = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    header = add(root, "teiHeader")
    file_desc = add(header, "fileDesc")
    title_stmt = add(file_desc, "titleStmt")

    # ---- title
    title = add(title_stmt, "title")
    if rd.title:
        p = rd.title[0]
        b.inline(title, p, notes=False, where="the title")
        r.title = Item(p.line, "title", p.text)
    else:
        title.text = "Untitled transcript"
        title.set("type", "supplied")
        r.flag(1, "no-title", "", "no title found: the draft says \"Untitled transcript\"; write the document's title")

    # ---- speakers (before the id, which may use them)
    body_div, persons = _transcript(b, rd)

    # ---- funders
    for p in rd.funders:
        m = FUNDER.match(p.text)
        funder = add(title_stmt, "funder")
        b.inline(funder, p, m.start("name"), notes=False, where="the funder line", brackets=False)
        r.recognised.append(Item(p.line, "funder", m.group("name")))
    # ---- credits
    for resp, key, names in rd.credits:
        rs = add(title_stmt, "respStmt")
        add(rs, "resp", resp, key=key)
        for name in names:
            add(rs, "persName", name)

    # ---- publication
    pub = add(file_desc, "publicationStmt")
    if rd.wilson:
        add(pub, "publisher", "Wilson Center Digital Archive")
        add(pub, "authority", "History and Public Policy Program")
    else:
        # said in prose, as TEI allows: the edition prints it as it is (not "Published by Unpublished draft")
        add(pub, "p", "Unpublished draft.")
        r.flag(1, "publication", "", "plain transcript: the publication statement says \"Unpublished draft.\"; "
                                     "name the publisher (<publisher>)")
    if rd.rights and rd.wilson:
        lic = add(add(pub, "availability"), "licence")
        for p in rd.rights:
            b.inline(add(lic, "p"), p, notes=False, where="the rights statement", brackets=False)
    elif rd.rights:  # a statement in prose has no <availability>: the rights follow it, in prose
        for p in rd.rights:
            b.inline(add(pub, "p"), p, notes=False, where="the rights statement", brackets=False)

    # ---- source
    source_desc = add(file_desc, "sourceDesc")
    if rd.citation:
        c = rd.citation
        ms = add(source_desc, "msDesc")
        ident = add(ms, "msIdentifier")
        add(ident, "repository", c.repository)
        for t, v in c.idnos:
            idno = add(ident, "idno", v, type=t)
            if t in c.abbr:  # the source's own abbreviation ("papka 12"), printed back as it was
                idno.set("rend", c.abbr[t])
        if c.sheets:
            locus = add(add(add(ms, "msContents"), "msItem"), "locus", c.sheets)
            m = re.fullmatch(r"(\w+)(?:\s*[-–]\s*(\w+))?", c.sheets)
            if m:
                locus.set("from", m.group(1))
                locus.set("to", m.group(2) or m.group(1))
            if "sheets" in c.abbr:  # "ll. 9-17"
                locus.set("rend", c.abbr["sheets"])
        if c.form:
            add(add(ms, "physDesc"), "objectDesc", form=slug(c.form) or "unknown")
        if c.provenance:
            history = add(ms, "history")
            for prov in c.provenance:
                el = add(history, "provenance")
                if re.search(r"\bcopy\.?$", prov, re.I):
                    el.set("type", "copy")
                    _provenance_names(el, prov, persons)
                else:
                    el.text = prov
    else:
        add(source_desc, "p", f"Transcript imported from the plain text {r.source}.")
        r.flag(1, "no-citation", "", "no archival citation recognised: describe the source (msDesc) by hand")

    # ---- profile
    profile = add(header, "profileDesc")
    if rd.summary:
        abstract = add(profile, "abstract")
        for p in rd.summary:
            b.inline(add(abstract, "p"), p, notes=False, where="the summary")
            r.recognised.append(Item(p.line, "summary", p.text))
        if len(rd.summary) > 1:
            r.flag(rd.summary[0].line, "summary", rd.summary[0].text,
                   f"{len(rd.summary)} paragraphs between the notes and the next section taken as the summary: check")
    iso = None
    if rd.date:
        p, iso = rd.date
        creation = add(profile, "creation")
        if iso:
            add(creation, "date", p.text, when=iso)
            r.date = Item(p.line, "date", p.text, iso)
            if rd.date_from_title:
                r.flag(p.line, "date-from-title", p.text, f"no date line: the document is dated {iso} from its title; check")
        elif (years := re.findall(r"\b(1[0-9]\d\d|20\d\d)\b", p.text)) and "[" not in p.text:
            add(creation, "date", p.text, notBefore=min(years), notAfter=max(years), cert="low")
            r.date = Item(p.line, "date", p.text, f"{min(years)}/{max(years)}")
            r.flag(p.line, "date-unparsed", p.text, f"date {p.text!r} not understood: encoded as the year{'s' if len(set(years)) > 1 else ''} "
                   f"it names (notBefore/notAfter, cert=\"low\"); give the exact date if it is known")
        else:
            b.inline(creation, p, notes=False, where="the date")
            r.date = Item(p.line, "date", p.text, "")
            r.flag(p.line, "date-unparsed", p.text, f"date {p.text!r} not understood: kept as text in <creation> (which the "
                   f"edition does not print); add a <date when=\"YYYY-MM-DD\">")
    doc_types = rd.doc_types
    if not doc_types and rd.title and DOC_TYPE.match(rd.title[0].text):
        doc_types = [rd.title[0]]
        r.recognised.append(Item(rd.title[0].line, "document type", rd.title[0].text, "the title names it"))
    if doc_types:
        kw = add(add(profile, "textClass"), "keywords")
        for p in doc_types:
            b.inline(add(kw, "term", type="documentType"), p, notes=False, where="the document type")
    if persons:
        lp = add(add(profile, "particDesc"), "listPerson")
        for person in persons:
            if person.register:  # in the edition's register: pointed at, not declared again
                add(lp, "person", sameAs=person.register)
                continue
            el = add(lp, "person", xml_id=person.id)
            add(el, "persName", person.name)

    # ---- text
    text_el = add(root, "text")
    body = add(text_el, "body")
    body.append(body_div)
    back_items = []
    if rd.related:
        lb = etree.Element(T + "listBibl", type="related")
        add(lb, "head", rd.related_head.text)  # the first heading; later ones are listed as repeated
        for date_p, d_iso, title_p, summary in rd.related:
            bibl = add(lb, "bibl")
            if d_iso:
                add(bibl, "date", date_p.text, when=d_iso)
            else:
                b.inline(bibl, date_p, notes=False, where="a related document's date")
                append_text(bibl, " ")
            if title_p is not None:
                b.inline(add(bibl, "title"), title_p, notes=False, where="a related document's title")
            if summary:
                note = add(bibl, "note", type="summary")
                if len(summary) == 1:
                    b.inline(note, summary[0], notes=False, where="a related document's summary")
                else:
                    for sp in summary:
                        b.inline(add(note, "p"), sp, notes=False, where="a related document's summary")
        back_items.append(lb)
    elif rd.related_head is not None:
        r.chrome.append(Item(rd.related_head.line, "chrome", rd.related_head.text, "empty section heading"))
    leftovers = [p for region, p in rd.unclassified if region not in ("header", "marking")]
    for p in leftovers:
        if not any(i.line == p.line and i.kind in ("unclassified", "citation-conflict", "note-duplicate", "citation-unparsed")
                   for i in r.review):
            r.flag(p.line, "unclassified", p.text, "not understood: kept as a paragraph at the end of the text")
    if leftovers:
        div = etree.Element(T + "div", type="unclassified")
        for p in leftovers:
            b.inline(add(div, "p"), p, notes=False, where="an unclassified paragraph", brackets=False)
        back_items.append(div)
    if rd.info:
        div = etree.Element(T + "div", type="documentInformation")
        for p in rd.info:
            b.inline(add(div, "p"), p, notes=False, where="the document information", brackets=False)
        back_items.append(div)
    if back_items:
        back = add(text_el, "back")
        for item in back_items:
            back.append(item)

    link_notes(b, rd.note_texts, body_div)

    # ---- identity and language
    if doc_id is None:
        doc_id = b.unique_id(default_id(rd.title[0].text if rd.title else None, iso, [p.id for p in persons]))
    root.set(XML_ID, doc_id)
    lang = language(" ".join(p.text for p in rd.paras))
    if lang:
        root.set(XML_LANG, lang)
    indent(root)
    root.addprevious(etree.ProcessingInstruction("xml-model", XML_MODEL))
    return root.getroottree()


def _provenance_names(el: etree._Element, prov: str, persons: list[Person]) -> None:
    """ "N.S. Khrushchev’ Copy." -> <persName ref="#khrushchev">N.S. Khrushchev</persName>’ Copy. when the name is a speaker."""
    m = re.match(r"^(?P<name>.+?)(?P<rest>(?:’s?|'s?)?\s+[Cc]opy\.?)$", prov)
    if m:
        key = person_key(m.group("name"))
        match = [p for p in persons if compatible(key, p.key)] if key[0] else []
        if len(match) == 1:
            add(el, "persName", m.group("name"), ref=match[0].pointer)
            append_text(el, m.group("rest"))
            return
    el.text = prov


def _transcript(b: Builder, rd: Reader) -> tuple[etree._Element, list[Person]]:
    """The transcript's <div> and the persons who speak in it."""
    r = b.report
    div = etree.Element(T + "div", type="transcript")
    paras = list(rd.transcript)
    # metadata that stands inside the transcript region (credits, rights lines of a plain file) stays where it is
    persons: list[Person] = []
    turns = [rd.turn(p) for p in paras]
    turns_direct = sum(1 for t in turns if t and t.form != "run-in")
    turns_reported = sum(1 for t in turns if t and t.form == "run-in")
    attach = turns_direct >= turns_reported
    # after the last turn: the record's closing narration ("The conversation lasted two hours.") and
    # who recorded it ("Recorded by ..."), which are not the last speaker's words
    last_turn = max((i for i, t in enumerate(turns) if t), default=len(paras))
    closing = {i for i in range(last_turn + 1, len(paras)) if CLOSING.match(paras[i].text) or RECORDED_BY.match(paras[i].text)}
    signed = set()
    for i in range(len(paras) - 1, last_turn, -1):  # "Recorded by" lines that end the transcript sign it
        if not RECORDED_BY.match(paras[i].text):
            break
        signed.add(i)
    closer = None
    current_sp = None
    container = div  # the transcript, or the section of it the last heading opened
    first = True
    for i, (p, turn) in enumerate(zip(paras, turns)):
        t = p.text
        if p.head and turn is None:  # a word processor's heading: a section of the transcript
            container = etree.SubElement(div, T + "div")
            b.inline(add(container, "head"), p)
            r.recognised.append(Item(p.line, "heading", t, f"level {p.head}: <div><head>"))
            current_sp, first = None, False
            continue
        if p.rows is not None:  # a word processor's table
            table = add(container, "table")
            for row in p.rows:
                row_el = add(table, "row")
                for cell in row:
                    b.inline(add(row_el, "cell"), cell)
            r.recognised.append(Item(p.line, "table", shorten(t), f"{len(p.rows)} rows: <table>"))
            current_sp, first = None, False
            continue
        if i in signed:
            closer = closer if closer is not None else etree.Element(T + "closer")
            b.inline(add(closer, "signed"), p)
            r.recognised.append(Item(p.line, "closing", t, "who recorded the conversation: <closer><signed>"))
            continue
        if i in closing:
            current_sp = None
            b.inline(add(container, "p"), p)
            r.recognised.append(Item(p.line, "closing", t, "narration after the last speech, outside it"))
            continue
        if first and turn is None and rd.is_dateline(t):
            opener = add(div, "opener")
            dl = add(opener, "dateline")
            m = DATE_IN_LINE.search(t)
            when = dateline_when(m, rd.date[1][:4] if rd.date and rd.date[1] else None)
            b.inline(dl, p, date=(m.start(), m.end(), when) if when else None)
            r.recognised.append(Item(p.line, "dateline", t))
            first = False
            continue
        first = False
        if turn is None and _credit_or_citation(t):
            if rd.metadata(p, "transcript"):
                continue
        if turn is None and (m := PAGE_NUMBER.match(t)):
            add(current_sp if current_sp is not None else container, "pb", n=m.group(1) or m.group(2))
            r.consumed.append(Item(p.line, "page-number", t, "page number, encoded as <pb n>"))
            continue
        if turn is None and (maybe := title_case_turn(t)) is not None and person_key(maybe.label)[0] in rd.known.uncertain:
            r.flag(p.line, "label-uncertain", maybe.label,
                   f"{maybe.label + '.'!r} at the start of the paragraph may be a speaker's label: kept as text, since "
                   f"nothing else in the document says it names a speaker (not in the title or a list of those "
                   f"present, no other paragraph opens with it); if it is one, make the paragraph a <sp>")
        if turn is None and citation_like(t):
            r.flag(p.line, "citation-unparsed", t, "looks like an archival reference inside the transcript: kept as a paragraph")
        if turn is not None:
            person = person_for(turn, p.line, persons, r, rd.known.aliases)
            if turn.alias:
                r.recognised.append(Item(p.line, "short form", turn.alias, f"defined by {turn.label!r}"))
            if turn.note:
                r.recognised.append(Item(p.line, "stage note in a label", turn.note, f"kept in the label of {turn.label!r}"))
            sp = add(container, "sp")
            person.sps.append(sp)
            speaker = add(sp, "speaker")
            speaker.text = turn.speaker
            if turn.marker:
                note = add(speaker, "note", type="editorial")
                b.markers.append((note, int(turn.marker[1:-1]), p.line))
            if turn.rest:
                b.inline(add(sp, "p"), p, turn.rest_offset)
            current_sp = sp if (turn.form != "run-in" or not turn.rest) else None
            r.turns += 1
            continue
        if re.fullmatch(r"\([^()]{1,200}\)", t):
            target = current_sp if current_sp is not None else container
            b.inline(add(target, "stage"), p)
            r.recognised.append(Item(p.line, "stage direction", t))
            continue
        if current_sp is not None and (attach or len(current_sp) == 1):
            had_speech = current_sp.find(T + "p") is not None
            b.inline(add(current_sp, "p"), p)
            if had_speech:
                r.flag(p.line, "continuation", shorten(t, 40),
                       "paragraph without a speaker label taken as the previous speaker's speech; "
                       "if it is narration, move it out of the <sp>")
            continue
        current_sp = None
        b.inline(add(container, "p"), p)
    if closer is not None:
        div.append(closer)
    # a label with no speech after it ("KHRUSHCHEV:" as the last line) stays as a paragraph
    for sp in [sp for sp in div.iter(T + "sp") if len(sp) == 1]:
        speaker = sp[0]
        para = etree.Element(T + "p")
        para.text = speaker.text
        for c in list(speaker):
            para.append(c)
        sp.getparent().replace(sp, para)
        r.turns -= 1
        r.flag(para.sourceline or _line_of_sp(persons, sp), "label-alone", para.text or "",
               f"speaker label {para.text!r} with no speech after it: kept as a paragraph")
    for person in persons:
        person.lines = [ln for ln, sp in zip(person.lines, person.sps) if sp.getparent() is not None]
        person.sps = [sp for sp in person.sps if sp.getparent() is not None]
    persons[:] = [p for p in persons if p.sps]
    # header paragraphs the importer could not place open the transcript
    for region, p in reversed([u for u in rd.unclassified if u[0] in ("header", "marking")]):
        para = etree.Element(T + "p")
        b.inline(para, p, notes=True)
        div.insert(0 if div.find(T + "opener") is None else 1, para)
        if region == "marking":
            r.recognised.append(Item(p.line, "marking", p.text, "kept at the start of the transcript"))
        else:
            r.flag(p.line, "unclassified", p.text, "paragraph in the page header not understood: kept at the start of the transcript")
    if len(div) == 0 or all(c.tag == T + "opener" for c in div):
        add(div, "gap", reason="no transcript found in the source")
        r.flag(1, "no-transcript", "", "no transcript found: the draft's transcript is empty")
    name_persons(persons, " ".join(p.text for p in rd.paras), b.unique_id, r)
    if b.register:
        link_to_register(persons, b.register, r)
    for person in persons:
        for sp in person.sps:
            sp.set("who", person.pointer)
        r.speakers.append(Speaker(person.id, person.name, person.labels, len(person.sps), person.lines, person.register))
    return div, persons


#: Narration that closes a record of conversation.
CLOSING = re.compile(
    r"^(?:(?:The|This|Our) (?:conversation|meeting|talk|talks|discussion|interview|audience|reception|visit|session|exchange)"
    r"(?: [\w’'-]+){0,4} (?:lasted|ended|was (?:over|concluded|closed)|took|continued|concluded|closed|finished|came to an end)"
    r"|(?:After this|Afterwards|Thereupon|Then|At this point|At the end),? the (?:conversation|discussion|talks?|meeting)"
    r"|End of (?:the )?(?:conversation|record|meeting|talks?|transcript))\b")
#: Who recorded the conversation, at its end.
RECORDED_BY = re.compile(r"^\(?(?:Recorded|Record(?:ed)? (?:made|kept)|Drafted|Written|Minuted|Notes? (?:taken|made)|Taken down"
                         r"|Compiled|Prepared|Transcribed|Translated and recorded) by\b")


def _line_of_sp(persons: list[Person], sp) -> int:
    for person in persons:
        for ln, el in zip(person.lines, person.sps):
            if el is sp:
                return ln
    return 1


def _credit_or_citation(t: str) -> bool:
    return bool(parse_credits(t) or parse_citation(t))

