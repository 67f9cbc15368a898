"""The words check runs on every build, on the user's documents: a rendering that loses a word (here,
a stylesheet made to drop one) is an error, text-lost, naming the element and its line; the
document's outputs are not written and the build fails (exit 1)."""

from __future__ import annotations

from edition.render import document
from tests.support import SEED, line_of, run_cli


def test_a_word_the_rendering_loses_is_an_error_and_nothing_is_written(tmp_path, capsys, monkeypatch):
    rendered = document.render

    def losing(source, doc_id, params, *args, **kwargs):
        done = rendered(source, doc_id, params, *args, **kwargs)
        text = done.outputs["text"].decode("utf-8")
        assert "expediency" in text
        done.outputs["text"] = text.replace("expediency", "").encode("utf-8")
        return done

    monkeypatch.setattr(document, "render", losing)
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "build", SEED.parent, "--out", out, "--jobs", "1")
    assert code == 1
    line = line_of(SEED, "expediency")
    assert f":{line}:" in err and "error[text-lost]: words of <p> are not in the outputs: the text edition lacks 'expediency'" in err
    assert not (out / "text" / f"{SEED.stem}.txt").exists() and not (out / "html" / f"{SEED.stem}.html").exists()


def test_the_seed_loses_nothing(tmp_path, capsys):
    code, _, err = run_cli(capsys, "build", SEED.parent, "--out", tmp_path / "out", "--jobs", "1")
    assert code == 0 and "text-lost" not in err
