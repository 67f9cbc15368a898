"""Grammar validation: RelaxNG (XML syntax) with lxml, each schema compiled once per process.

libxml2 judges; ``edition.validation.explain`` says what its errors mean, reading what the
schema allows from the schema itself (``edition.validation.grammar``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from edition import resources
from edition.diagnostics import Diagnostic
from edition.errors import SchemaError
from edition.sources.parse import Source
from edition.validation import grammar, prune
from edition.validation.explain import explain


@dataclass(frozen=True, eq=False)
class Schema:
    """A compiled RelaxNG schema and the file it came from, whose static view explains errors
    (without a file, errors are said in libxml2's own words)."""

    path: Path | None
    relaxng: etree.RelaxNG | prune.Pruned  # validate(tree), then error_log

    def analysis(self) -> grammar.Grammar | None:
        return grammar.load(self.path) if self.path is not None else None


@cache
def compile_schema(path: Path | None = None) -> Schema:
    """The compiled RelaxNG schema at ``path`` (default: the edition's), once per process."""
    path = Path(path) if path else resources.schema()
    # -- schema pruning (edition.validation.prune): a large schema (tei_all.rng: 9 to 14 s to compile
    # whole) is compiled per document, pruned to the names it uses, with the same verdicts and errors;
    # the messages still read the full schema (Schema.analysis)
    pruned = prune.load(path)
    if pruned is not None:
        return Schema(path, pruned)
    # --
    try:
        doc = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
        schema = etree.RelaxNG(doc)
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read the schema: {exc}") from None
    except (etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
        raise SchemaError(f"{path}: not a usable RelaxNG schema (XML syntax): {exc}") from None
    return Schema(path, schema)


def validate(source: Source, schema: Schema | None = None) -> tuple[list[Diagnostic], set[tuple[str, str]]]:
    """Grammar problems in ``source``, one diagnostic per cause; and the attributes they concern
    ((element path, attribute) pairs), which the rules then leave alone."""
    schema = schema if schema is not None else compile_schema()
    if schema.relaxng.validate(source.tree):
        return [], set()
    return explain(source, list(schema.relaxng.error_log), schema.analysis())
