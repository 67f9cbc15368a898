"""Layout: wrapped lines joined into paragraphs, page numbers as page breaks."""

from __future__ import annotations

from .support import NS, import_fixture, xpath


def test_ocr_page_number_becomes_a_page_break_and_lines_are_unwrapped():
    imp = import_fixture("ocr-typescript.txt")
    assert xpath(imp, "//t:pb/@n") == ["2"]
    first = xpath(imp, "//t:sp[1]/t:p")[0]
    assert "".join(first.xpath("text()")).startswith("I have been instructed to inform you that the Soviet government agrees")
    assert first.find("t:note", NS).get("n") == "1"
    # note [3] has no marker: it follows note 2; [4] has no note text and stays as printed
    assert [n.get("n") for n in xpath(imp, "//t:sp[2]/t:p/t:note")] == ["2", "3"]
    assert "[4]" in xpath(imp, "string(//t:sp[4]/t:p)")
    assert xpath(imp, "//t:div[@type='transcript']/t:p/text()")[:2] == ["TOP SECRET", "Copy No. 2"]
