"""Cost and output equivalence of the per-document step's stylesheets.

    python bench/xslt_profile.py time [--n 500] [--repeat 3] [--corpus DIR] [--only html.xsl,...] [--compare DIR] [--cpu]
    python bench/xslt_profile.py render OUT_FOLDER [--n 200] [--corpus DIR]
    python bench/xslt_profile.py diff BEFORE_FOLDER AFTER_FOLDER

``time`` prints the milliseconds per document of the run the build makes for each document
(``edition/render/document.py`` ``render``: ``document.xsl``, every format, the index entry and
the persons data in one run, through ``saxon.render_parsed``, its results read back into Python),
and beside it each stylesheet alone (the formats' stylesheets, then ``persons-data.xsl``, as the
build ran them before the single run), over a synthetic edition of N documents (bench/synth.py)
and over each play of the shakedracor corpus (its largest and smallest, and the corpus's mean).
Each source goes through the hardened door (``edition.sources.parse.from_bytes``) and is
re-serialised as the build does; Saxon parses it once (``parse_xml``, timed apart), and each
stylesheet is then applied with the parameters the build passes (``document-id`` and the
registry's links), through the compiled stylesheets of ``edition.render.saxon``. The best of
--repeat runs.

``render`` writes every output of every stylesheet for (a) the seed ``tei/*.xml`` (also
with ``edition-url`` set), (b) N synthetic documents, (c) every play of the corpus
(skipped, with a message, when it is absent), (d) every fixture under ``tests/fixtures``
that parses, (e) variants of the seed that reach rarer branches (``edges``: special
characters, long words, odd speeches, ids, notes, signs), through ``transform.render_document``
exactly as the build calls it (one file per stylesheet: the formats' and persons-data.xsl's
outputs), into OUT_FOLDER: run it before and after a change to a stylesheet and ``diff`` the
two folders; a change that only makes things faster leaves every byte alone.

Not a test: nothing is asserted but the diff. Figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402
from lxml import etree  # noqa: E402

from edition.render import saxon as transform  # noqa: E402
from edition.render.formats import DOCUMENT, FORMATS, PERSONS_DATA, RENDERED, links  # noqa: E402
from edition.sources import parse  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "shakedracor"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpora/shakedracor")
#: the per-document stylesheets, alone: the formats', then persons-data.xsl (render's file names)
STYLESHEETS = [fmt.stylesheet for fmt in FORMATS.values() if fmt.stylesheet] + [PERSONS_DATA]
#: the one run the build makes
ENTRY = DOCUMENT


def serialised(path: Path) -> tuple[str, str] | None:
    """(document id, the XML ``process`` hands Saxon) for a source, or None when it does not parse."""
    source, _ = parse.from_bytes(path.read_bytes(), path, path.name)
    if source is None:
        return None
    return source.doc_id or path.stem, etree.tostring(source.tree, encoding="unicode")


def synthetic(folder: Path, n: int) -> list[Path]:
    return synth.write(folder, sorted((ROOT / "tei").glob("*.xml")), n)


def corpus(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        print(f"corpus {folder}: absent, skipped")
        return []
    return sorted(folder.glob("*.xml"))


# ------------------------------------------------------------------ timing

def time_documents(docs: list[tuple[str, str]], stylesheets: list[str], repeat: int,
                   compare: Path | None = None, clock=time.perf_counter) -> dict[str, list[float]]:
    """Seconds per document for Saxon's parse and each stylesheet: the best of ``repeat`` runs, per document.
    ``document.xsl`` (ENTRY) runs as the build runs it; the others alone, each with its own run. Each
    document goes through every stylesheet in turn (the order alternating from one document to the
    next), so that all of them see the same load.

    With ``compare`` (a folder of other versions of the stylesheets, e.g. ``git archive REV xslt``),
    each of those is timed too, beside the edition's own (``NAME (compare)``). ``clock``: wall time
    (perf_counter), or this process's CPU time (process_time: steadier when others load the machine)."""
    proc = transform.processor()
    executables = {}
    for s in stylesheets:
        executables[s] = transform.compiled(s)
        if compare is not None and (compare / s).exists():
            executables[f"{s} (compare)"] = proc.new_xslt30_processor().compile_stylesheet(
                stylesheet_file=str(compare / s))
    nodes = [proc.parse_xml(xml_text=xml) for _, xml in docs]
    best: dict[str, list[float]] = {"parse_xml": [float("inf")] * len(docs)}
    best.update({s: [float("inf")] * len(docs) for s in executables})
    names = list(executables)
    for round_ in range(repeat):
        for i, (doc_id, xml) in enumerate(docs):
            t = clock()
            proc.parse_xml(xml_text=xml)
            best["parse_xml"][i] = min(best["parse_xml"][i], clock() - t)
            params = {**links(doc_id), "document-id": doc_id}
            for s in names if (round_ + i) % 2 == 0 else names[::-1]:
                executable = executables[s]
                t = clock()
                if s == ENTRY:
                    transform.render_parsed(nodes[i], RENDERED, params)
                else:
                    executable.clear_parameters()
                    for name, value in params.items():
                        executable.set_parameter(name, transform._value(value))
                    executable.transform_to_string(xdm_node=nodes[i])
                best[s][i] = min(best[s][i], clock() - t)
    return best


def lxml_parse(paths: list[Path], repeat: int) -> float:
    """Seconds per document of a bare lxml parse (the yardstick of issue 6)."""
    datas = [p.read_bytes() for p in paths]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for d in datas:
            etree.fromstring(d)
        best = min(best, time.perf_counter() - t)
    return best / max(len(datas), 1)


def cmd_time(args) -> None:
    stylesheets = args.only.split(",") if args.only else [ENTRY, *STYLESHEETS]
    alone = [s for s in stylesheets if s != ENTRY]
    clock, kind = (time.process_time, "CPU") if args.cpu else (time.perf_counter, "wall")
    with tempfile.TemporaryDirectory() as tmp:
        paths = synthetic(Path(tmp), args.n)
        docs = [serialised(p) for p in paths]
        warm = docs[: min(20, len(docs))]
        time_documents(warm, stylesheets, 1, args.compare)  # compile, caches
        best = time_documents(docs, stylesheets, args.repeat, args.compare, clock)
        print(f"synthetic edition, N={args.n} (best of {args.repeat}; ms/document, {kind} time)")
        print(f"  {'lxml parse':<26} {1000 * lxml_parse(paths, args.repeat):8.3f}")
        for name, secs in best.items():
            print(f"  {name:<26} {1000 * sum(secs) / len(secs):8.3f}")
        if alone:
            print(f"  {'each alone, together':<26} {1000 * sum(sum(best[s]) for s in alone) / len(docs):8.3f}")
        if args.compare is not None and all(f"{s} (compare)" in best for s in alone) and alone:
            print(f"  {'alone (compare)':<26} {1000 * sum(sum(best[f'{s} (compare)']) for s in alone) / len(docs):8.3f}")
    plays = corpus(args.corpus)
    if not plays:
        return
    docs = [serialised(p) for p in plays]
    best = time_documents(docs, stylesheets, args.repeat, args.compare, clock)
    sizes = [len(xml) for _, xml in docs]
    largest = max(range(len(docs)), key=sizes.__getitem__)
    smallest = min(range(len(docs)), key=sizes.__getitem__)
    print(f"\ncorpus {args.corpus}: {len(docs)} plays (best of {args.repeat}; ms/document, {kind} time)")
    print(f"  {'':<26} {'mean':>8} {'largest':>9} {'smallest':>9}")
    print(f"  {'(document)':<26} {'':>8} {plays[largest].stem[:9]:>9} {plays[smallest].stem[:9]:>9}")
    print(f"  {'lxml parse':<26} {1000 * lxml_parse(plays, args.repeat):8.3f}")
    for name, secs in best.items():
        print(f"  {name:<26} {1000 * sum(secs) / len(secs):8.2f} {1000 * secs[largest]:9.2f} {1000 * secs[smallest]:9.2f}")
    for label, names in (("each alone, together", alone), ("alone (compare)", [f"{s} (compare)" for s in alone])):
        if not names or any(n not in best for n in names):
            continue
        total = [sum(best[s][i] for s in names) for i in range(len(docs))]
        print(f"  {label:<26} {1000 * sum(total) / len(total):8.2f} {1000 * total[largest]:9.2f} {1000 * total[smallest]:9.2f}")


# ------------------------------------------------------------------ equivalence

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: characters JSON, BibTeX and wrapping treat specially, in a title, names and notes
SPECIALS = 'A "quoted" \\back\\slash {braces} $ & % # _ ^ ~ tab\there,\nline\r\nend – ünïcødé 中文'


def edges(folder: Path, seed: Path) -> list[Path]:
    """Variants of a seed that reach the rarer branches of the stylesheets (not all valid TEI:
    the stylesheets render them anyway): special characters in every string the citation
    formats escape, words longer than a line and lines of exactly the width, speeches
    without @who, with several or with non-ASCII ids, ids that collide with generated anchors,
    many and nested notes, every editorial sign, names pointing to persons and elsewhere."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    base = etree.parse(str(seed))

    def variant(name, change):
        tree = etree.ElementTree(etree.fromstring(etree.tostring(base)))
        root = tree.getroot()
        root.set(XML_ID, name)
        change(root)
        path = folder / f"{name}.xml"
        path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
        out.append(path)

    def el(tag, text=None, **attrs):
        e = etree.Element(TEI + tag, {(XML_ID if k == "xml_id" else k): v for k, v in attrs.items()})
        e.text = text
        return e

    def body(root):
        return root.find(f"{TEI}text/{TEI}body/{TEI}div")

    def specials(root):
        for t in root.iter(TEI + "title", TEI + "publisher", TEI + "resp", TEI + "repository", TEI + "surname",
                           TEI + "forename", TEI + "funder"):
            t.text = (t.text or "") + " " + SPECIALS
        for n in root.iter(TEI + "note", TEI + "p", TEI + "term", TEI + "date", TEI + "placeName"):
            n.text = (n.text or "") + SPECIALS
    variant("edge-specials", specials)

    def wrapping(root):
        div = body(root)
        long = "x" * 100
        texts = [long, f"{long} a b", f"a {long} b", f"a b {long}", f"{long} {long}", "y" * 72, "z" * 73,
                 " ".join(["w" * 71] * 3), " ".join(["abc"] * 60), "a  b\t\tc\n\nd " * 30, " ".join("q" * k for k in range(1, 80)),
                 "   ", "", "{ [ ( ) ] } " * 20]
        for i, t in enumerate(texts):
            div.append(el("p", t))
            sp = el("sp", who="#mao")
            sp.append(el("speaker", "MAO"))
            sp.append(el("p", t))
            div.append(sp)
        for person in root.iter(TEI + "person"):
            person.append(el("occupation", "a very long occupation " * 8 + long))
    variant("edge-wrapping", wrapping)

    def speeches(root):
        div = body(root)
        whos = [None, "", "#mao #deng", "mao", "#ßtraße", "#a:b", "#mao  #khrushchev", "#sp-mao-1", "#", " #deng "]
        for k in range(3):
            for i, who in enumerate(whos):
                sp = el("sp") if who is None else el("sp", who=who)
                sp.append(el("speaker", f"S{i}"))
                sp.append(el("p", f"speech {k} {i}"))
                sp.append(el("p", f"second paragraph {k} {i}"))
                div.append(sp)
        div.append(el("p", "pinned", xml_id="p-3"))
        div.append(el("p", "collides with a speech anchor", xml_id="sp-mao-2"))
        sp = el("sp", who="#mao", xml_id="sp-pinned")
        sp.append(el("speaker", "MAO"))
        sp.append(el("l", "a verse line"))
        sp.append(el("l", "another verse line"))
        sp.append(el("stage", "He leaves."))
        div.append(sp)
        sp = el("sp", who="#deng")
        sp.append(el("speaker", "DENG"))
        lg = el("lg")
        lg.append(el("l", "in a group"))
        sp.append(lg)
        div.append(sp)
    variant("edge-speeches", speeches)

    def notes(root):
        div = body(root)
        for i in range(40):
            p = el("p", f"paragraph {i} ")
            note = el("note", f"note {i} ", type="editorial", xml_id=f"n{i}")
            if i % 5 == 0:
                note.append(el("note", f"nested {i}", type="editorial"))
            if i % 7 == 0:
                note.append(el("persName", "Mao", ref="#mao"))
            p.append(note)
            if i % 3 == 0:
                p.append(el("ref", "back", target=f"#n{i}"))
                p.append(el("ref", "to a speech", target="#sp-pinned"))
                p.append(el("ref", "unsafe", target="javascript:alert(1)"))
                p.append(el("ref", "web", target="https://example.org/a?b=c&d"))
            div.append(p)
        div.append(el("note", "not editorial", type="summary"))
        sp = el("sp", who="#mao", xml_id="sp-pinned")
        sp.append(el("speaker", "MAO"))
        sp.append(el("p", "pinned speech"))
        div.append(sp)
    variant("edge-notes", notes)

    def signs(root):
        div = body(root)
        p = el("p", "signs: ")
        for tag, kids in (("choice", [("abbr", "Cdes."), ("expan", "Comrades")]),
                          ("choice", [("sic", "teh"), ("corr", "the")]),
                          ("choice", [("orig", "colour"), ("reg", "color")])):
            c = el(tag)
            for k, t in kids:
                c.append(el(k, t))
            p.append(c)
        for tag, attrs in (("supplied", {}), ("unclear", {}), ("gap", {"reason": "illegible", "quantity": "2", "unit": "words"}),
                           ("gap", {"extent": "a line"}), ("foreign", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-Latn"}),
                           ("foreign", {"{http://www.w3.org/XML/1998/namespace}lang": "xx"}), ("add", {}), ("del", {}),
                           ("pb", {"n": "44"}), ("pb", {}), ("lb", {}), ("q", {}), ("hi", {"rend": "italic"}),
                           ("hi", {"rend": "sup"}), ("hi", {}), ("emph", {}), ("title", {}), ("date", {"when": "1958-08-01"}),
                           ("persName", {"ref": "#mao #deng"}), ("persName", {"ref": "https://example.org/p"}),
                           ("rs", {"ref": "#nobody"}), ("orgName", {}), ("name", {"ref": "#beijing-airport"}),
                           ("anchor", {XML_ID: "here"}), ("ref", {"target": "#here"}), ("unknownThing", {})):
            e = etree.SubElement(p, TEI + tag, attrs)
            if tag not in ("gap", "pb", "lb", "anchor"):
                e.text = f"{tag} text"
            e.tail = " and "
        div.append(p)
        div.append(el("pb", n="45"))
        div.append(el("gap", reason="missing"))
        div.append(el("head", "A heading of the division"))
        closer = el("closer")
        closer.append(el("signed", "Signed"))
        closer.append(el("salute", "Regards"))
        div.append(closer)
    variant("edge-signs", signs)

    def question(root):  # a title that ends a sentence, and no date: the citation's punctuation
        for t in root.iter(TEI + "title"):
            t.text = (t.text or "") + "?"
        for d in root.iter(TEI + "creation"):
            for date in d.findall(TEI + "date"):
                d.remove(date)
        for r in root.iter(TEI + "repository"):
            r.text = "Archive."
    variant("edge-question", question)

    def quoted(root):  # a title that ends in a full stop, with a date
        for t in root.iter(TEI + "title"):
            t.text = (t.text or "") + " Part 2."
    variant("edge-quoted", quoted)
    return out

def render_into(out: Path, group: str, paths: list[Path], extra: dict | None = None) -> int:
    """Every stylesheet's output for each source, as ``process`` renders it. Returns files written."""
    written = 0
    folder = out / group
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        found = serialised(path)
        if found is None:
            continue
        doc_id, xml = found
        params = {**links(doc_id), **(extra or {}), "document-id": doc_id}
        try:
            rendered = transform.render_document(xml, FORMATS, params)
            results = [rendered.outputs[name] for name in FORMATS] + [rendered.persons]
        except transform.TransformError as exc:  # the same documents must fail the same way
            results = [f"RENDER FAILED: {str(exc).splitlines()[0] if str(exc) else ''}"] * len(STYLESHEETS)
        for stylesheet, text in zip(STYLESHEETS, results):
            (folder / f"{path.stem}.{stylesheet}.out").write_text(text, encoding="utf-8")
            written += 1
    return written


def cmd_render(args) -> None:
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    seeds = sorted((ROOT / "tei").glob("*.xml"))
    counts = {
        "seed": render_into(out, "seed", seeds),
        "seed-url": render_into(out, "seed-url", seeds, {"edition-url": "https://example.org/edition with space/"}),
    }
    with tempfile.TemporaryDirectory() as tmp:
        counts["synthetic"] = render_into(out, "synthetic", synthetic(Path(tmp), args.n))
        counts["edges"] = render_into(out, "edges", edges(Path(tmp) / "edges", seeds[0]))
    counts["corpus"] = render_into(out, "corpus", corpus(args.corpus))
    fixtures = sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*.xml"))
    for group in sorted({p.parent.relative_to(ROOT / "tests" / "fixtures") for p in fixtures}):
        counts[f"fixtures/{group}"] = render_into(out, f"fixtures/{group}",
                                                  [p for p in fixtures if p.parent == ROOT / "tests" / "fixtures" / group])
    for group, n in counts.items():
        print(f"  {group:<30} {n:6d} files")
    print(f"  {'total':<30} {sum(counts.values()):6d} files in {out}")


def cmd_diff(args) -> None:
    before = {p.relative_to(args.before): p for p in args.before.rglob("*") if p.is_file()}
    after = {p.relative_to(args.after): p for p in args.after.rglob("*") if p.is_file()}
    problems = [f"only in {args.before}: {k}" for k in sorted(before.keys() - after.keys())]
    problems += [f"only in {args.after}: {k}" for k in sorted(after.keys() - before.keys())]
    same = 0
    for k in sorted(before.keys() & after.keys()):
        if before[k].read_bytes() == after[k].read_bytes():
            same += 1
        else:
            problems.append(f"differs: {k}")
    for p in problems:
        print(p)
    print(f"{same} files byte-identical, {len(problems)} problems")
    sys.exit(1 if problems else 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("time")
    t.add_argument("--n", type=int, default=500)
    t.add_argument("--repeat", type=int, default=3)
    t.add_argument("--corpus", type=Path, default=CORPUS)
    t.add_argument("--only", default="")
    t.add_argument("--cpu", action="store_true", help="this process's CPU time, not wall time (steadier on a loaded machine)")
    t.add_argument("--compare", type=Path, default=None,
                   help="a folder of other versions of the stylesheets to time beside these (git archive REV xslt)")
    r = sub.add_parser("render")
    r.add_argument("out", type=Path)
    r.add_argument("--n", type=int, default=200)
    r.add_argument("--corpus", type=Path, default=CORPUS)
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    args = ap.parse_args()
    {"time": cmd_time, "render": cmd_render, "diff": cmd_diff}[args.cmd](args)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
