"""Schemas, stylesheets and CSS: package data, read from the installed package.

In a wheel they live inside the package (``edition/xslt``, ``edition/schemas``;
pyproject.toml maps the repository's top-level folders there). In an editable
install or a source checkout they are the repository's own ``xslt/`` and
``schemas/`` beside the package. Nothing is ever fetched.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def folder(name: str) -> Path:
    """The folder of package data called ``name`` ("xslt" or "schemas")."""
    packaged = Path(str(resources.files("edition"))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"package data folder {name!r} is missing from the installation")


def stylesheet(name: str) -> Path:
    return folder("xslt") / name


def schema(name: str = "edition.rng") -> Path:
    return folder("schemas") / name
