"""XSLT 3.0 with saxonche: one processor per process, each stylesheet compiled once.

``render(source, fmt)`` hands Saxon the tree that came through the hardened door
(re-serialised by lxml, so Saxon never reads the original file) and returns the
serialised result. Compiled stylesheets are cached for the life of the process
and reused for every document.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from lxml import etree

from edition import resources


class TransformError(Exception):
    """A stylesheet failed on a document (a bug in a stylesheet, or input it cannot handle)."""


_lock = threading.Lock()


@cache
def processor():
    """The process's one Saxon processor."""
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


@cache
def compiled(stylesheet: str):
    """The compiled stylesheet ``xslt/<stylesheet>``, compiled once per process."""
    path: Path = resources.stylesheet(stylesheet)
    xslt = processor().new_xslt30_processor()
    try:
        return xslt.compile_stylesheet(stylesheet_file=str(path))
    except Exception as exc:  # saxonche raises PySaxonApiError
        raise TransformError(f"{path}: stylesheet does not compile: {exc}") from None


def _value(value):
    proc = processor()
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    return proc.make_string_value(str(value))


def render_text(xml: str, stylesheet: str, params: dict | None = None) -> str:
    """Transform the XML document ``xml`` (a string) with ``stylesheet``."""
    executable = compiled(stylesheet)
    with _lock:  # a compiled stylesheet is not shared across threads while it runs
        try:
            node = processor().parse_xml(xml_text=xml)
            executable.clear_parameters()
            for name, value in (params or {}).items():
                executable.set_parameter(name, _value(value))
            result = executable.transform_to_string(xdm_node=node)
        except Exception as exc:
            raise TransformError(str(exc).strip()) from None
    if result is None:
        raise TransformError(f"{stylesheet} produced no output")
    return result


def render_all(xml: str, stylesheets: list[str], params: dict | None = None) -> list[str]:
    """Transform the XML document ``xml`` with each of ``stylesheets``, parsing it once."""
    executables = [compiled(s) for s in stylesheets]
    results = []
    with _lock:
        try:
            node = processor().parse_xml(xml_text=xml)
            for executable in executables:
                executable.clear_parameters()
                for name, value in (params or {}).items():
                    executable.set_parameter(name, _value(value))
                results.append(executable.transform_to_string(xdm_node=node))
        except Exception as exc:
            raise TransformError(str(exc).strip()) from None
    for stylesheet, result in zip(stylesheets, results):
        if result is None:
            raise TransformError(f"{stylesheet} produced no output")
    return results


def render(tree: etree._ElementTree, stylesheet: str, params: dict | None = None) -> str:
    """Transform a parsed tree (from ``edition.parse.load``) with ``stylesheet``."""
    return render_text(etree.tostring(tree, encoding="unicode"), stylesheet, params)
