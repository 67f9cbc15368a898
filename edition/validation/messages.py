"""Wordings shared by the grammar's explanations and the rules: a fault either finds reads the same."""

from __future__ import annotations


def duplicate_id_message(value: str, first_line: int | None) -> str:
    """A duplicate xml:id (libxml2 checks ID types, so the grammar may find it before the rule)."""
    return (f'xml:id "{value}" is already used on line {first_line}; every xml:id must be unique: rename this one '
            f"(and the pointers to it)")
