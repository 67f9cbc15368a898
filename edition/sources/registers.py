"""The edition's registers: one list of persons, places and organisations for every document.

Registers are TEI files in the ``registers/`` folder of the sources (``tei/registers/persons.xml``,
``places.xml``, ``orgs.xml``): a ``teiHeader`` and a ``<standOff>`` holding ``listPerson``,
``listPlace`` or ``listOrg``. They are not documents of the edition (discovery leaves the folder
out): documents point at their entries with a relative pointer, as at any file of TEI
(``who="registers/persons.xml#mao"``, from a subfolder ``../registers/persons.xml#mao``), and
the persons and places pages are built from them.

``find`` says where an edition's registers are, ``load`` reads them through the one door (each
is a source with its own diagnostics), ``Registers.resolve`` says what a document's pointer
reaches. The per-document step gets them by ``cached``: read once per process, and refused if
they changed while the build ran.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.errors import UsageError
from edition.sources.parse import TEI_NS, XML_NS, Source, display_path, load as load_source, read

#: The folder of the registers, in the folder of the sources (tei/registers/).
FOLDER = "registers"
#: The register files, in the order their pages list them.
FILES = ("persons.xml", "places.xml", "orgs.xml")
#: The elements that are entries of a register, and the element of their names.
ENTRY_NAMES = {"person": "persName", "personGrp": "persName", "place": "placeName", "org": "orgName"}
XML_ID = f"{{{XML_NS}}}id"
T = f"{{{TEI_NS}}}"
#: The attributes through which a document points at a register entry.
POINTER_ATTRS = ("who", "ref", "sameAs", "corresp", "target")


@dataclass(frozen=True)
class Entry:
    """One entry of a register, as plain data (picklable, comparable)."""

    kind: str  # its element: person, personGrp, place, org
    id: str
    names: tuple[str, ...]  # the name it goes by, then its other names
    authorities: tuple[tuple[str, str, int, int], ...]  # (idno type, value, line, column)
    xml: str  # the entry's element, serialised (what the stylesheets get)
    register: str  # the register's display name (tei/registers/persons.xml)
    line: int
    column: int

    @property
    def digest(self) -> str:
        """What a document rendered with this entry depends on."""
        return hashlib.sha256(f"{self.kind}\0{self.id}\0{self.xml}".encode("utf-8")).hexdigest()


@dataclass
class Register:
    """One register file: where it is, what parsing it said, its entries."""

    path: Path
    display: str
    source: Source | None
    problems: list[Diagnostic] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)


class Registers:
    """The registers of an edition (none: an edition without registers)."""

    def __init__(self, folder: Path | None = None, registers: list[Register] | None = None, digest: str = ""):
        self.folder = folder
        self.registers = registers or []
        self.digest = digest
        self._by_real = {_real(r.path): r for r in self.registers}
        self._resolved: dict[tuple[str, str], Register | None] = {}

    def __bool__(self) -> bool:
        return bool(self.registers)

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(str(r.path) for r in self.registers)

    def entries(self, kinds: tuple[str, ...] | None = None):
        """Every entry (of ``kinds``), register by register, in the order of the file."""
        for r in self.registers:
            for e in r.entries.values():
                if kinds is None or e.kind in kinds:
                    yield e

    def register_of(self, base: Path, path: str) -> Register | None:
        """The register a document in folder ``base`` names by the relative ``path``, if it is one."""
        key = (str(base), path)
        if key not in self._resolved:
            self._resolved[key] = self._by_real.get(_real(base / path)) if self._by_real else None
        return self._resolved[key]

    def resolve(self, base: Path, pointer: str) -> Entry | None | bool:
        """What ``pointer`` (from a document in folder ``base``) reaches in a register: the entry;
        None when it names a register but no entry of it; False when it is not a pointer into a
        register."""
        if not self._by_real or pointer.startswith("#") or "#" not in pointer:
            return False
        path, _, fragment = pointer.partition("#")
        if not path.endswith(".xml") or ":" in path or path.startswith("/"):
            return False
        register = self.register_of(base, path)
        if register is None:
            return False
        return register.entries.get(fragment)


NO_REGISTERS = Registers()


def _real(path: Path) -> str:
    return os.path.realpath(path)


def find(paths: list[Path]) -> Path | None:
    """The registers folder of the edition whose sources ``paths`` name: ``registers/`` in the
    first of them that is a folder (or in the folder of the first file), or in the nearest folder
    above it, up to the working folder, that has one. None: the edition has no registers."""
    if not paths:
        return None
    first = paths[0]
    folder = first if first.is_dir() else first.parent
    here = Path.cwd().resolve()
    start = folder.resolve()
    candidates = [start]
    if start == here or here in start.parents:
        candidates += [p for p in start.parents if p == here or here in p.parents]
    for candidate in candidates:
        found = candidate / FOLDER
        if any((found / name).is_file() for name in FILES):
            # as the user named the sources (relative names in diagnostics)
            rel = os.path.relpath(found, Path.cwd())
            return Path(rel) if not rel.startswith("..") else found
    return None


def load(folder: Path | None) -> Registers:
    """The registers in ``folder``, each read through the one door, its entries gathered. Their
    grammar and rules are checked by ``validation.check_registers``."""
    if folder is None:
        return NO_REGISTERS
    registers = []
    h = hashlib.sha256()
    for name in FILES:
        path = folder / name
        if not path.exists():
            continue
        display = display_path(path)
        source, problems = load_source(path, display)
        register = Register(path, display, source, problems)
        if source is not None:
            register.entries = _entries(source)
            h.update(display.encode("utf-8", "surrogateescape") + b"\0" + source.data + b"\0")
        else:
            h.update(display.encode("utf-8", "surrogateescape") + b"\0unreadable\0")
        registers.append(register)
    return Registers(folder, registers, h.hexdigest() if registers else "")


def _entries(source: Source) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for el in source.root.iter(*(T + k for k in ENTRY_NAMES)):
        eid = el.get(XML_ID)
        if not eid or eid in entries:
            continue  # no id: not an entry anyone can point at; the same id twice: id-duplicate says it
        kind = etree.QName(el).localname
        names = tuple(dict.fromkeys(n for n in (" ".join("".join(x.itertext()).split())
                                                for x in el.iterfind(T + ENTRY_NAMES[kind])) if n))
        authorities = tuple((idno.get("type") or "", " ".join((idno.text or "").split()), *source.position(idno))
                            for idno in el.iterfind(T + "idno") if (idno.text or "").strip())
        line, column = source.position(el)
        xml = etree.tostring(el, encoding="unicode", with_tail=False)
        entries[eid] = Entry(kind, eid, names, authorities, xml, source.display, line, column)
    return entries


def digest_of(files: tuple[str, ...]) -> str:
    """The digest ``load`` gives registers in these files (read again)."""
    h = hashlib.sha256()
    for f in files:
        path = Path(f)
        data, _ = read(path, display_path(path))
        h.update(display_path(path).encode("utf-8", "surrogateescape") + b"\0"
                 + (data if data is not None else b"unreadable") + b"\0")
    return h.hexdigest() if files else ""


@lru_cache(maxsize=4)
def cached(files: tuple[str, ...], digest: str) -> Registers:
    """The registers a build loaded (``files``, whose content had ``digest``), in a worker: read once
    per process. Refused (UsageError) if they are not what the build read: they changed while it ran."""
    if not files:
        return NO_REGISTERS
    registers = load(Path(files[0]).parent)
    if registers.digest != digest:
        raise UsageError("a register changed while the build ran (or a worker reads other files than the build): "
                         "build again")
    return registers


def remember(registers: Registers) -> None:
    """Let ``cached`` answer with ``registers`` in this process (and in workers forked from it)
    without reading them again."""
    if registers:
        _primed[(registers.files, registers.digest)] = registers


_primed: dict[tuple[tuple[str, ...], str], Registers] = {}


def for_job(files: tuple[str, ...], digest: str) -> Registers:
    """The registers a per-document job names."""
    return _primed.get((files, digest)) or cached(files, digest)


def used(source: Source, registers: Registers) -> dict[str, Entry | None]:
    """Every pointer of ``source`` into a register, and the entry it reaches (None: no such entry)."""
    if not registers:
        return {}
    base = source.path.parent
    found: dict[str, Entry | None] = {}
    for el in source.root.iter(etree.Element):
        if not el.attrib:
            continue
        for attr in POINTER_ATTRS:
            value = el.get(attr)
            if not value or "#" not in value:
                continue
            for ptr in value.split():
                if ptr in found or ptr.startswith("#"):
                    continue
                entry = registers.resolve(base, ptr)
                if entry is not False:
                    found[ptr] = entry
    return found


def entries_xml(used: dict[str, Entry | None]) -> str:
    """What the stylesheets get of the entries a document points at (``$register-entries``):
    <entries><entry pointer="registers/persons.xml#mao" id="mao" kind="person">the TEI element</entry>...</entries>."""
    parts = ["<entries>"]
    for ptr, entry in sorted(used.items()):
        if entry is None:
            continue
        parts.append(f'<entry pointer="{_attr(ptr)}" id="{_attr(entry.id)}" kind="{entry.kind}">{entry.xml}</entry>')
    parts.append("</entries>")
    return "".join(parts)


_POINTING = re.compile(r"""(\s(?:%s)\s*=\s*)(["'])(.*?)\2""" % "|".join(POINTER_ATTRS), re.S)


def copy_pointers(data: bytes, used: dict[str, Entry | None], registers: Registers, base: Path) -> bytes:
    """The source's bytes as the edition's copy of it (output/tei/ID.xml) has them: a pointer into a
    register that does not read ``registers/FILE#id`` from the copies' one folder (a document in a
    subfolder of the sources points at ``../registers/...``) is rewritten so; nothing else changes,
    byte for byte. A source that is not UTF-8 is copied as it is (its pointers then resolve from where
    the editor keeps it, not from the copy)."""
    moved = {}
    for ptr in used:
        path, _, fragment = ptr.partition("#")
        register = registers.register_of(base, path)
        if register is not None and path != f"{FOLDER}/{register.path.name}":
            moved[ptr] = f"{FOLDER}/{register.path.name}#{fragment}"
    if not moved:
        return data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    head = text[:200].lower()
    if "encoding=" in head and not re.search(r"""encoding\s*=\s*["']utf-?8["']""", head):
        return data

    def values(found: re.Match) -> str:
        value = re.sub(r"\S+", lambda t: moved.get(t.group(0), t.group(0)), found.group(3))
        return found.group(1) + found.group(2) + value + found.group(2)

    return _POINTING.sub(values, text).encode("utf-8")


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
