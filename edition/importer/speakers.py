"""Speakers: turn labels (``MAO ZEDONG. Text``, ``N.S. Khrushchev: Text``, ``KHRUSHCHEV N.S. proposes ...``),
the key of a person's name (its words without titles, and its initials), and one person for all the
spellings a document uses of one speaker."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from edition.importer.ids import fold, slug
from edition.importer.report import Report

INITIALS = re.compile(r"^(?:[^\W\d_]\.){1,3}$")
_TITLES = {"comrade", "comrades", "cde", "cdes", "tov", "mr", "mrs", "ms", "dr", "sir", "herr", "frau", "monsieur",
           "madame", "ambassador", "chairman", "premier", "president", "general", "marshal", "minister", "secretary",
           "prime", "first", "deputy", "foreign", "vice", "chancellor", "senator", "admiral", "colonel", "professor",
           "prof", "the", "comrade.", "gen", "amb", "col", "mister"}
_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "el", "ibn", "dos", "y"}
_NOT_NAMES = {
    # header labels of memoranda, not speakers
    "note", "notes", "nb", "present", "participants", "participating", "subject", "topic", "place", "time", "date",
    "location", "source", "sources", "translator", "translators", "interpreter", "interpreters", "recorded",
    "record", "copy", "copies", "attachment", "attachments", "distribution", "also", "top", "secret",
    "confidential", "memorandum", "re", "cc", "from", "to", "agenda", "summary", "annex", "appendix", "enclosure",
    "classification", "drafted", "approved", "sheets", "file", "collection", "inventory", "fond", "opis", "delo",
    "page", "tel", "telegram", "cable", "item", "ps", "p.s", "contributed", "translated", "type", "language",
    "theme", "keywords", "funding", "rights", "citation", "original", "minutes", "transcript", "urgent",
    # words that open sentences, not names
    "in", "on", "at", "a", "an", "as", "for", "of", "and", "but", "if", "when", "then", "this", "that", "it",
    "we", "i", "you", "he", "she", "they", "there", "here", "yes", "no", "so", "now", "well", "however", "thus",
    "therefore", "second", "third", "finally", "moreover", "after", "before", "during", "with", "by", "all",
    "what", "why", "how", "who", "our", "my", "his", "her", "their", "these", "those", "one", "two", "three",
    "ok", "okay", "dear", "please", "thank", "thanks", "question", "answer", "reply", "moscow", "beijing",
    "peking", "washington", "london", "paris", "berlin", "ussr", "usa", "prc", "gdr", "frg", "un", "nato",
    "cpsu", "ccp", "cc", "tass", "pravda",
    # archives, whose citations open with their names: "RGANI. Collection 52. ..."
    "rgani", "garf", "rgaspi", "avprf", "avp", "rgae", "rgva", "rgali", "tskhsd", "aprf", "sapmo", "bstu", "nara",
    "mfa", "amae", "pa", "sta", "avpr",
}
#: what follows an archive's name at the start of a citation, not a speaker's words
_ARCHIVAL = re.compile(r"^(?:Collection|Fonds?|f\.|Record Group|RG|Inventory|Opis|op\.)\s?\d", re.I)
_REPORTING_VERBS = {
    "proposes", "proposed", "suggests", "suggested", "says", "said", "notes", "noted", "states", "stated",
    "declares", "declared", "replies", "replied", "answers", "answered", "asks", "asked", "remarks", "remarked",
    "agrees", "agreed", "accepts", "accepted", "expresses", "expressed", "emphasizes", "emphasized",
    "emphasises", "emphasised", "stresses", "stressed", "informs", "informed", "reports", "reported",
    "explains", "explained", "observes", "observed", "continues", "continued", "adds", "added", "thanks",
    "thanked", "objects", "objected", "responds", "responded", "recalls", "recalled", "points", "pointed",
    "considers", "considered", "believes", "believed", "thinks", "thought", "confirms", "confirmed",
    "raises", "raised", "underlines", "underlined", "announces", "announced", "insists", "insisted",
}
_WORD = re.compile(r"^[^\W\d_][^\W\d_'’\-]*(?:[-'’][^\W\d_]+)*\.?$")


def _tokens(label: str) -> list[str]:
    return label.replace("\u00a0", " ").split()


def name_token_kind(tok: str) -> str | None:
    """initials, caps, cap (capitalised), particle, or None."""
    if INITIALS.match(tok):
        return "initials"
    # "N.S.Khrushchev": initials run into the name
    m = re.match(r"^((?:[^\W\d_]\.){1,3})([^\W\d_].*)$", tok)
    if m and name_token_kind(m.group(2)) in ("caps", "cap"):
        return name_token_kind(m.group(2))
    if tok.lower() in _PARTICLES:
        return "particle"
    if not _WORD.match(tok):
        return None
    letters = [c for c in tok if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "caps"
    if letters and letters[0].isupper() and any(c.islower() for c in letters):
        return "cap"
    return None


def _name_ok(tokens: list[str], caps_only: bool) -> bool:
    if not 1 <= len(tokens) <= 6:
        return False
    if not caps_only and len(tokens) == 1 and re.fullmatch(r"[^\W\d_]", tokens[0]) and tokens[0].isupper():
        return True  # "Q:", "A:" in an interview
    kinds = [name_token_kind(t) for t in tokens]
    if any(k is None for k in kinds) or kinds[0] == "particle" or sum(k == "particle" for k in kinds) > 2:
        return False
    words = [t.rstrip(".").lower() for t, k in zip(tokens, kinds) if k in ("caps", "cap")]
    if not words or any(w in _NOT_NAMES for w in words):
        return False
    if caps_only and any(k == "cap" for k in kinds):
        return False
    return True


_COLON_TURN = re.compile(r"^(?P<label>[^:\[\]]{1,60}?)\s*(?P<marker>\[\d{1,3}\])?\s*(?P<punct>:)(?:\s+(?P<rest>\S.*))?$")
# a label with a parenthesis before its colon: "Prime Minister Pham (hereafter, Pham):",
# "N.S. Khrushchev (after the translation ended):"
_PAREN_TURN = re.compile(r"^(?P<label>[^:\[\]()]{1,60}?)\s*\((?P<paren>[^()\[\]]{1,80})\)\s*(?P<marker>\[\d{1,3}\])?\s*"
                         r"(?P<punct>:)(?:\s+(?P<rest>\S.*))?$")
_ALIAS = re.compile(r"^(?:hereafter|hereinafter|henceforth|below|further)[,:]?\s+(?:referred to as\s+|called\s+|as\s+)?"
                    r"(?P<alias>[^,;:]{1,40}?)\.?$", re.I)
_CAPS = r"[^\W\d_a-z][^\W\d_a-z'’\-]+"
_LEADING_INITIALS = r"(?:(?:[^\W\d_]\.){1,3}\s?)*"
_TRAILING_INITIALS = r"(?:\s+(?:[^\W\d_]\.){1,3})"
_STOP_TURN = re.compile(rf"^(?P<label>{_LEADING_INITIALS}{_CAPS}(?:\s+{_CAPS}){{0,4}})"
                        r"(?P<marker>\[\d{1,3}\])?(?P<punct>\.)\s+(?P<rest>\S.*)$")
# "KHRUSHCHEV N.S. We agree.": the initials' full stop ends the label
_STOP_INITIALS_TURN = re.compile(rf"^(?P<label>{_CAPS}(?:\s+{_CAPS}){{0,4}}{_TRAILING_INITIALS})"
                                 r"(?P<marker>\[\d{1,3}\])?\s+(?P<rest>[^\W\d_a-z].*)$")
_RUNIN_TURN = re.compile(rf"^(?P<label>{_LEADING_INITIALS}{_CAPS}(?:\s+{_CAPS}){{0,4}}{_TRAILING_INITIALS}?)"
                         r"(?P<marker>\[\d{1,3}\])?\s+(?P<rest>(?P<verb>[^\W\d_A-Z]+)\b.*)$")
# a label in title case: "Stalin. Text", "W. Ulbricht. Text" (taken only where the document shows it names a speaker)
_TITLE_WORD = r"[^\W\d_][^\W\d_'’\-]*"
_TITLE_STOP_TURN = re.compile(rf"^(?P<label>{_LEADING_INITIALS}{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,3}})"
                              r"(?P<marker>\[\d{1,3}\])?(?P<punct>\.)\s+(?P<rest>[^\W\d_a-z\s].*)$")
#: words that open sentences in title case and are never speakers' names
_NOT_TITLE_NAMES = {
    "agreed", "correct", "good", "right", "true", "indeed", "certainly", "exactly", "fine", "excellent", "very",
    "next", "later", "meanwhile", "also", "again", "first", "last", "afterwards", "otherwise", "besides",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "st", "mt", "no", "nos", "vol", "ch", "art", "fig", "ibid", "cf", "etc", "viz", "op", "cit",
}


@dataclass
class Turn:
    """A speaker turn that opens a paragraph."""

    label: str  # the name as printed, without punctuation
    speaker: str  # the label as printed, with its punctuation
    marker: str | None
    rest: str  # the speech
    rest_offset: int
    form: str  # "colon", "stop" (MAO ZEDONG. ...), "run-in" (MAO ZEDONG proposes ...), "alone" (label only)
    alias: str | None = None  # the short form the label defines: "(hereafter, Pham)" -> "Pham"
    note: str | None = None  # a stage note in the label: "(after the translation ended)"


@dataclass
class Known:
    """What the whole document shows about its speakers, for labels that do not prove themselves.

    ``keys``: the name keys (``person_key(label)[0]``) of labels that open turns in a strong form
    (``NAME:``, ``NAME.`` in capitals), and of title-case labels the document vouches for (see
    ``known_speakers``); ``aliases``: the short forms labels define ("(hereafter, the Ambassador)"),
    each with the key of the full name; ``uncertain``: title-case labels it does not vouch for
    (label, paragraph index), kept as text and listed for review."""

    keys: set = field(default_factory=set)
    aliases: dict = field(default_factory=dict)
    uncertain: dict = field(default_factory=dict)

    def __contains__(self, key: frozenset) -> bool:
        return key in self.keys


def match_turn(text: str, known: Known | None = None) -> Turn | None:
    """The speaker turn that opens ``text``, if one does. Labels that need the document's word
    (a title-case ``Name.``, a single word in capitals running into speech, a defined short form)
    count only when ``known`` vouches for them."""
    m = _PAREN_TURN.match(text)
    if m and not re.search(r"\d", m.group("label")):
        label = m.group("label").strip()
        if _name_ok(_tokens(label), caps_only=False):
            alias = _ALIAS.match(m.group("paren").strip())
            rest = m.group("rest") or ""
            return Turn(label, text[: m.end("punct")].replace(m.group("marker") or "\x00", ""), m.group("marker"),
                        rest, m.start("rest") if rest else len(text), "colon" if rest else "alone",
                        alias=alias.group("alias").strip() if alias else None,
                        note=None if alias else f"({m.group('paren')})")
    m = _COLON_TURN.match(text)
    if m and not re.search(r"\d", m.group("label")):
        label = m.group("label").strip()
        if _name_ok(_tokens(label), caps_only=False) or (known is not None and person_key(label)[0] in known.aliases):
            rest = m.group("rest") or ""
            return Turn(label, text[: m.end("punct")].replace(m.group("marker") or "\x00", ""), m.group("marker"),
                        rest, m.start("rest") if rest else len(text), "colon" if rest else "alone")
    m = _STOP_TURN.match(text)
    if m and _name_ok(_tokens(m.group("label")), caps_only=True) and not _ARCHIVAL.match(m.group("rest")):
        label = m.group("label")
        # "N.S." at the end of the label is initials, not the full stop
        return Turn(label, label + ".", m.group("marker"), m.group("rest"), m.start("rest"), "stop")
    m = _STOP_INITIALS_TURN.match(text)
    if m and _name_ok(_tokens(m.group("label")), caps_only=True):
        return Turn(m.group("label"), m.group("label"), m.group("marker"), m.group("rest"), m.start("rest"), "stop")
    m = _RUNIN_TURN.match(text)
    if m and _name_ok(_tokens(m.group("label")), caps_only=True) and m.group("verb").islower():
        label = m.group("label")
        toks = _tokens(label)
        strong = len(toks) >= 2 or m.group("verb") in _REPORTING_VERBS or (known is not None and person_key(label)[0] in known)
        if strong:
            return Turn(label, label, m.group("marker"), m.group("rest"), m.start("rest"), "run-in")
    if known is not None:
        turn = title_case_turn(text)
        if turn is not None and person_key(turn.label)[0] in known:
            return turn
    return None


def title_case_turn(text: str) -> Turn | None:
    """A label in title case followed by a full stop ("Stalin. Text", "W. Ulbricht. Text"), by its
    shape alone: whether it names a speaker is for the document to say (``known_speakers``)."""
    m = _TITLE_STOP_TURN.match(text)
    if not m:
        return None
    label = m.group("label")
    toks = _tokens(label)
    if not _name_ok(toks, caps_only=False) or any(t.rstrip(".").lower() in _NOT_TITLE_NAMES for t in toks):
        return None
    key = person_key(label)[0]
    if not key or all(w in _TITLES for w in key) or (len(toks) == 1 and len(toks[0]) < 3):
        return None  # "Mr. Smith arrived", "St. Petersburg is..."
    return Turn(label, label + ".", m.group("marker"), m.group("rest"), m.start("rest"), "stop")


def label_turn(text: str, length: int) -> Turn | None:
    """The turn whose label a word processor marks (in bold or capitals): ``text[:length]``, with
    its colon or full stop ("Orlov:", "Orlov."), when it is a name and speech follows."""
    raw = text[:length].rstrip()
    label = raw.rstrip(":.").strip()
    m = re.match(r"\s*", text[length:])
    rest_offset = length + (m.end() if m else 0)
    if not label or not text[rest_offset:] or not (_name_ok(_tokens(label), caps_only=False) or _PAREN_TURN.match(raw + ":")):
        return None
    return Turn(label, raw, None, text[rest_offset:], rest_offset, "colon" if raw.endswith(":") else "stop")


_OPENING_PARAGRAPHS = 6
_PARTICIPANTS = re.compile(r"^(?:present|participants|participating|attending|those present)\b", re.I)


def known_speakers(texts: list[str]) -> Known:
    """What the document (its paragraphs' texts, in order) shows about its speakers.

    A label in a strong form is known. A title-case ``Name.`` label is taken as a speaker when
    the document vouches for it: its name is a strong label's, or is named in the document's
    opening paragraphs (title, participants) or in a "Present:" line, or the same label opens
    two paragraphs or more and its words are never written in lower case in the document (a
    name, not "Agreed." or "Good."). The others are ``uncertain``."""
    known = Known()
    for t in texts:
        turn = match_turn(t)
        if turn and turn.form != "run-in":
            key = person_key(turn.label)
            known.keys.add(key[0])
            if turn.alias:
                known.aliases[person_key(turn.alias)[0]] = key
    for alias in known.aliases:
        known.keys.add(alias)
    candidates: dict[frozenset, list[int]] = {}
    labels: dict[frozenset, str] = {}
    for i, t in enumerate(texts):
        if match_turn(t) is None and (turn := title_case_turn(t)) is not None:
            key = person_key(turn.label)[0]
            candidates.setdefault(key, []).append(i)
            labels.setdefault(key, turn.label)
    if not candidates:
        return known
    first_strong = next((i for i, t in enumerate(texts) if (turn := match_turn(t)) and turn.form != "run-in"), len(texts))
    named: set[str] = set()
    for i, t in enumerate(texts):
        if (i < min(_OPENING_PARAGRAPHS, first_strong) and i not in {j for js in candidates.values() for j in js}) \
                or _PARTICIPANTS.match(t):
            named.update(fold(w.strip(".,;:’'()")) for w in _tokens(t) if w[:1].isupper())
    lower = {fold(w) for t in texts for w in re.findall(r"(?<![\w'’-])[^\W\d_A-Z][\w'’-]*", t) if w.islower()}
    for key, where in candidates.items():
        vouched = (any(compatible((key, ""), (k, "")) for k in known.keys if k)
                   or key <= named
                   or (len(where) >= 2 and not key & lower))
        if vouched:
            known.keys.add(key)
        else:
            known.uncertain[key] = labels[key]
    return known


def person_key(label: str) -> tuple[frozenset, str]:
    """(name words, initials) of a label, titles dropped: "KHRUSHCHEV N.S." -> ({"khrushchev"}, "ns")."""
    words, initials = [], ""
    for tok in _tokens(label):
        m = re.match(r"^((?:[^\W\d_]\.){1,3})(.*)$", tok)
        if m:
            initials += "".join(c for c in m.group(1) if c.isalpha()).lower()
            tok = m.group(2)
            if not tok:
                continue
        w = fold(tok.strip(".’'"))
        if w:
            words.append(w)
    named = [w for w in words if w not in _TITLES]
    return frozenset(named or words), initials


def compatible(a: tuple[frozenset, str], b: tuple[frozenset, str]) -> bool:
    """Whether two name keys can be one person: one's words within the other's, initials not contradicting."""
    (wa, ia), (wb, ib) = a, b
    if not (wa <= wb or wb <= wa):
        return False
    return not ia or not ib or ia.startswith(ib) or ib.startswith(ia)


@dataclass
class Person:
    """A speaker as the import collects it: its name key, labels, the lines and <sp> of its turns, id and name."""

    key: tuple[frozenset, str]
    labels: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    sps: list = field(default_factory=list)
    id: str = ""
    name: str = ""
    register: str = ""  # the pointer to its entry in the edition's register of persons, when it is there

    @property
    def pointer(self) -> str:
        """How the draft points at the person: its register entry, or its declaration in the draft."""
        return self.register or "#" + self.id


def link_to_register(persons: list[Person], entries: list[tuple[str, tuple[str, ...]]], r: Report) -> None:
    """Each person whose name (or one of the labels it spoke under) is the name or a variant of exactly
    one entry of the edition's register of persons (``entries``: (pointer, names)) points at that entry;
    one that could be several is left new, and flagged."""
    keys = [(pointer, [person_key(n) for n in names]) for pointer, names in entries]
    for person in persons:
        mine = [k for k in [person.key, *(person_key(label) for label in person.labels)] if k[0]]
        found = [pointer for pointer, theirs in keys
                 if any(compatible(a, b) and (a[0] & b[0]) for a in mine for b in theirs if b[0])]
        if len(found) == 1:
            person.register = found[0]
        elif len(found) > 1:
            r.flag(person.lines[0] if person.lines else 1, "register-ambiguous", person.name,
                   f"the speaker {person.name!r} could be any of {', '.join(found)} in the register: declared in the "
                   f"draft; point its speeches at the right entry (who=\"{found[0]}\")")


def person_for(turn: Turn, line: int, persons: list[Person], r: Report, aliases: dict | None = None) -> Person:
    """The person who speaks ``turn``: one already met under a compatible spelling, or a new one.
    A short form a label defined (``aliases``: its key -> the full name's key) is that name's."""
    key = person_key(turn.label)
    if aliases and key[0] in aliases:
        key = aliases[key[0]]
    candidates = [p for p in persons if compatible(key, p.key)]
    if len(candidates) > 1:
        exact = [p for p in candidates if p.key == key]
        if len(exact) == 1:
            candidates = exact
        else:
            r.flag(line, "speaker-ambiguous", turn.label,
                   f"speaker {turn.label!r} could be " + " or ".join(repr(p.labels[0]) for p in candidates)
                   + f": attached to {candidates[0].labels[0]!r}; check")
            candidates = candidates[:1]
    if candidates:
        person = candidates[0]
        if key[0] > person.key[0] or len(key[1]) > len(person.key[1]):
            person.key = (person.key[0] | key[0], key[1] if len(key[1]) > len(person.key[1]) else person.key[1])
    else:
        person = Person(key)
        persons.append(person)
    if turn.label not in person.labels:
        person.labels.append(turn.label)
    person.lines.append(line)
    return person


def name_persons(persons: list[Person], all_text: str, unique_id: Callable[[str], str], r: Report) -> None:
    """Each person's id (the name word the document uses most on its own in ``all_text``, made
    unique by ``unique_id``) and display name; namesakes kept apart are flagged."""
    folded = fold(all_text)
    for person in persons:
        words = sorted(person.key[0])
        counts = {w: len(re.findall(rf"(?<!\w){re.escape(w)}(?!\w)", folded)) for w in words}
        best = max(counts.values()) if counts else 0
        top = [w for w in words if counts[w] == best]
        shared = any(top and top[0] in other.key[0] for other in persons if other is not person)
        if len(top) == 1 and len(words) > 1 and not shared:
            base = top[0]
        else:
            # keep the order in which the longest label prints them
            longest = max(person.labels, key=lambda l: len(person_key(l)[0]))
            order = [w for w in (fold(t.strip(".’'")) for t in _tokens(longest)) if w in person.key[0]]
            base = "-".join(order) or person.key[1] or "speaker"
        person.id = unique_id(slug(base) if slug(base) and slug(base)[0].isalpha() else "speaker-" + (slug(base) or "x"))
        person.name = _display_name(person, all_text)
    for a in range(len(persons)):
        for c in range(a + 1, len(persons)):
            shared = {w for w in persons[a].key[0] & persons[c].key[0] if len(w) >= 3}
            if shared:
                r.flag(persons[c].lines[0], "speaker-similar", persons[c].labels[0],
                       f"speakers {persons[a].labels[0]!r} and {persons[c].labels[0]!r} share the name "
                       f"{sorted(shared)[0]!r} but were kept apart: merge them by hand if they are one person")


def _display_name(person: Person, all_text: str) -> str:
    best = max(person.labels, key=lambda l: (len(person_key(l)[0]), len(person_key(l)[1]), any(c.islower() for c in l),
                                              bool(INITIALS.match(_tokens(l)[0])), -person.labels.index(l)))
    toks = [t for t in _tokens(best) if fold(t.strip(".’'")) not in _TITLES or not person_key(best)[0] - {fold(t.strip(".’'"))}]
    name = " ".join(toks) or best
    if any(c.islower() for c in name):
        return name
    # a name printed in capitals: the document's own mixed-case spelling if it has one
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(t) for t in name.split()) + r"(?!\w)"
    for m in re.finditer(pattern, all_text, re.I) if len(name) > 2 else ():
        found = m.group(0)
        if any(c.islower() for c in found) and all(w[:1].isupper() or w.lower() in _PARTICLES for w in found.split()):
            return " ".join(found.split())
    return " ".join(_titlecase(t) for t in name.split())


def _titlecase(tok: str) -> str:
    if INITIALS.match(tok):
        return tok
    return "-".join(part[:1].upper() + part[1:].lower() for part in tok.split("-"))

