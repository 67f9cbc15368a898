"""Dates: the forms a date paragraph takes."""

from __future__ import annotations

import pytest

from edition.importer.dates import parse_date


@pytest.mark.parametrize("text, iso", [
    ("July 31, 1958", "1958-07-31"), ("31 July 1958", "1958-07-31"), ("Sept. 3, 1958", "1958-09-03"),
    ("1958-07-31", "1958-07-31"), ("31.07.1958", "1958-07-31"), ("July 1958", "1958-07"), ("1958", "1958"),
    ("February 30, 1958", None), ("Summer 1958", None), ("July 31", None), ("Blavatnik", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso
