"""What a run is told: one typed, frozen ``Config`` that the command line builds once and passes
down (from ``edition.toml``, then the command line's options over it), and the stylesheet
parameters an edition may set, each checked.

Only the parameters listed here reach the stylesheets from outside (``--param NAME=VALUE``);
the others the stylesheets declare (where the CSS is, the folders of the other formats, the
document's id...) are set by the build itself and cannot be overridden. A name that is not
listed is refused with the list of valid names and the nearest one ("did you mean"); a value
is checked before any document is read.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping
from urllib.parse import urlsplit

from edition.errors import UsageError

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _url(value: str) -> str | None:
    """Why ``value`` is not an http(s) address to publish the edition at, or None."""
    if _CONTROL.search(value) or value != value.strip() or " " in value:
        return "an address has no spaces or control characters"
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "expected an http:// or https:// address, such as https://example.org/edition"
    if parts.query or parts.fragment:
        return "the address of the edition's folder has no ?query or #fragment"
    return None


_NCNAME = re.compile(r"^[^\W\d][\w.\-]*$")


def _witness(value: str) -> str | None:
    """Why ``value`` is not a witness's xml:id ("A", or "#A"), or None."""
    if not _NCNAME.match(value[1:] if value.startswith("#") else value):
        return "expected the xml:id of a witness (<witness xml:id=\"A\">), such as A or #A"
    return None


def _line(value: str) -> str | None:
    if not value.strip():
        return "expected some text"
    if _CONTROL.search(value):
        return "expected one line of text, without control characters"
    return None


@dataclass(frozen=True)
class Parameter:
    name: str
    summary: str
    problem: Callable[[str], str | None]  # why a value is refused, or None


def languages() -> list[str]:
    """The interface languages there is a message catalogue for (xslt/i18n/LANG.xml)."""
    from edition import resources

    return sorted(p.stem for p in (resources.folder("xslt") / "i18n").glob("*.xml"))


def _language(value: str) -> str | None:
    known = languages()
    if value in known:
        return None
    close = difflib.get_close_matches(value.lower(), known, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return f"there is no message catalogue for this language; {hint}the interface languages are: {', '.join(known)}"


PARAMETERS: dict[str, Parameter] = {p.name: p for p in (
    Parameter("edition-url", "the address output/html/ is published at (citations, BibTeX, CSL-JSON)", _url),
    Parameter("edition-title", "the edition's title (the index and persons pages)", _line),
    Parameter("interface-language", "the language of the pages' own words (headings, labels, the legend)", _language),
    Parameter("base-witness", "the witness whose readings stand in the text where an apparatus entry has no lemma "
                              "(its xml:id; without it, the entry's first reading)", _witness),
)}


def check_params(params: dict[str, str]) -> dict[str, str]:
    """``params`` if every name is a documented parameter and every value fits it; UsageError saying
    which and why otherwise."""
    for name, value in params.items():
        spec = PARAMETERS.get(name)
        if spec is None:
            close = difflib.get_close_matches(name, list(PARAMETERS), n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            raise UsageError(f"--param {name}: not a parameter of the edition; {hint}"
                             f"the parameters are: {', '.join(sorted(PARAMETERS))}")
        why = spec.problem(str(value))
        if why:
            raise UsageError(f"--param {name}={value!r}: {why}")
    return params


@dataclass(frozen=True)
class Config:
    """Everything a run was told, checked when it is made: the command line builds it once, and
    every stage reads it; nothing changes it on the way."""

    schema: Path | None = None  # None: the edition's own schema
    rules: bool = True  # the edition's rules after the grammar
    params: Mapping[str, str] = field(default_factory=dict)  # stylesheet parameters (PARAMETERS)
    jobs: int | None = None  # worker processes; None: one per CPU when a build is big enough
    force: bool = False  # render every document again, whatever the manifest says
    executor: str | None = None  # "dask://HOST:PORT": render documents on a Dask cluster
    stylesheets: Path | None = None  # the edition's own stylesheets and CSS (its xslt/ folder), if any

    def __post_init__(self):
        object.__setattr__(self, "params", MappingProxyType(dict(check_params(dict(self.params)))))
        if self.jobs is not None and self.jobs < 1:
            raise UsageError(f"--jobs {self.jobs}: expected a number of processes, 1 or more")
        if self.executor is not None and (not self.executor.startswith("dask://") or not self.executor[7:]):
            raise UsageError(f"--executor {self.executor}: expected dask://HOST:PORT")

    def __reduce__(self):  # picklable (the read-only view of the parameters is not)
        return (Config, (self.schema, self.rules, dict(self.params), self.jobs, self.force, self.executor,
                         self.stylesheets))


# ---------------------------------------------------------------- edition.toml

CONFIG_FILE = "edition.toml"


@dataclass(frozen=True)
class Key:
    name: str
    kind: type | tuple  # what TOML gives for it
    summary: str
    param: str | None = None  # the stylesheet parameter it sets


#: The keys of the [edition] table.
EDITION_KEYS: dict[str, Key] = {k.name: k for k in (
    Key("title", str, "the edition's title", "edition-title"),
    Key("url", str, "where the edition's html/ folder is published (citations, canonical links)", "edition-url"),
    Key("language", str, "the language of the pages' own words: en, de, ru (default: en)", "interface-language"),
    Key("sources", (str, list), "the folders or files of TEI sources, relative to edition.toml (default: its tei/)"),
    Key("output", str, "the output folder, relative to edition.toml (default: its output/)"),
    Key("schema", str, "the RelaxNG schema, relative to edition.toml (default: the built-in one)"),
    Key("rules", bool, "whether the edition's rules run after the grammar (default: true)"),
    Key("jobs", int, "worker processes for builds (default: one per CPU)"),
    Key("base-witness", str, "the witness whose readings stand in the text where an apparatus entry has no lemma "
                             "(its xml:id; default: the entry's first reading)", "base-witness"),
)}
TABLES = {"edition": "what the edition is and where its files are", "params": "stylesheet parameters"}


@dataclass(frozen=True)
class Settings:
    """What edition.toml says, paths resolved against its folder; None where it says nothing."""

    path: Path | None = None  # the file (None: no edition.toml)
    sources: tuple[Path, ...] | None = None
    output: Path | None = None
    schema: Path | None = None
    rules: bool | None = None
    jobs: int | None = None
    params: Mapping[str, str] = field(default_factory=dict)
    stylesheets: Path | None = None  # the edition's own stylesheets and CSS: its xslt/ folder, when it has one

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path is not None else None


def _unknown(what: str, name: str, valid) -> UsageError:
    close = difflib.get_close_matches(name, list(valid), n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return UsageError(f"{what} is not known; {hint}the valid names are: {', '.join(sorted(valid))}")


def find(start: Path | None = None) -> Path | None:
    """The edition.toml of the edition ``start`` (default: the working folder) is in, or None."""
    candidate = (start / CONFIG_FILE) if start is not None else Path(CONFIG_FILE)
    return candidate if candidate.is_file() else None


def load(path: Path) -> Settings:
    """Read and check ``edition.toml``: unknown tables, keys and parameters are errors that list the
    valid names; values of the wrong type say what was expected."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    shown = display(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read it: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{shown}: not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{shown}: not valid TOML: {exc}") from None
    for table in data:
        if table not in TABLES:
            raise _unknown(f"{shown}: the table [{table}]", table, TABLES)
        if not isinstance(data[table], dict):
            raise UsageError(f"{shown}: {table} must be a table ([{table}])")
    edition, params = data.get("edition", {}), dict(data.get("params", {}))
    folder = path.parent
    for name, value in edition.items():
        key = EDITION_KEYS.get(name)
        if key is None:
            raise _unknown(f"{shown}: the key edition.{name}", name, EDITION_KEYS)
        if not isinstance(value, key.kind) or (key.kind is int and isinstance(value, bool)):
            wanted = {str: "a string", bool: "true or false", int: "a whole number"}.get(key.kind, "a string or a list of strings")
            raise UsageError(f"{shown}: edition.{name} must be {wanted} ({key.summary})")
        if key.param:
            params.setdefault(key.param, value)
    for name, value in params.items():
        if not isinstance(value, (str, int, float, bool)) or isinstance(value, bool):
            raise UsageError(f"{shown}: params.{name} must be a string or a number")
    params = {name: str(value) for name, value in params.items()}
    try:
        check_params(params)
    except UsageError as exc:
        raise UsageError(f"{shown}: {str(exc).replace('--param ', 'params.', 1)}") from None
    sources = edition.get("sources")
    if isinstance(sources, str):
        sources = [sources]
    if sources is not None and (not sources or not all(isinstance(s, str) and s for s in sources)):
        raise UsageError(f"{shown}: edition.sources must name at least one folder or file")
    if edition.get("jobs") is not None and edition["jobs"] < 1:
        raise UsageError(f"{shown}: edition.jobs must be 1 or more")
    return Settings(
        path=path,
        sources=tuple(folder / s for s in (sources if sources is not None else ["tei"])),
        output=folder / edition.get("output", "output"),
        schema=folder / edition["schema"] if "schema" in edition else None,
        rules=edition.get("rules"),
        jobs=edition.get("jobs"),
        params=MappingProxyType(params),
        stylesheets=folder / "xslt" if (folder / "xslt").is_dir() else None,
    )


def display(path: Path) -> str:
    try:
        import os

        rel = os.path.relpath(path)
        return str(path) if rel.startswith("..") else rel
    except ValueError:
        return str(path)
