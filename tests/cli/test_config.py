"""edition.toml: an edition's settings in one file, read with tomllib, checked strictly, and
overridden by the command line; with no edition.toml at all, edition works as before."""

from __future__ import annotations

import shutil

import pytest

from tests.support import SEED, SEED_ID, run_cli


@pytest.fixture
def edition(tmp_path, monkeypatch):
    """An edition folder with one source in sources/, as the working folder."""
    (tmp_path / "sources").mkdir()
    shutil.copyfile(SEED, tmp_path / "sources" / SEED.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder, text: str):
    (folder / "edition.toml").write_text(text, encoding="utf-8")


def test_the_settings_name_the_sources_output_and_title(edition, capsys):
    write(edition, '[edition]\ntitle = "Letters of the Thaw"\nsources = "sources"\noutput = "site"\n'
                   'url = "https://example.org/thaw"\n')
    code, _, err = run_cli(capsys, "build")
    assert code == 0, err
    assert "<title>Letters of the Thaw</title>" in (edition / "site" / "html" / "index.html").read_text(encoding="utf-8")
    assert "https://example.org/thaw/" in (edition / "site" / "cite" / f"{SEED_ID}.bib").read_text(encoding="utf-8")
    assert "to site" in err  # the folder as the user knows it, not an absolute path


def test_the_command_line_overrides_the_settings(edition, capsys):
    write(edition, '[edition]\ntitle = "From the file"\nsources = "sources"\noutput = "site"\n')
    code, _, err = run_cli(capsys, "build", "--out", edition / "elsewhere", "--param", "edition-title=From the command line")
    assert code == 0, err
    page = (edition / "elsewhere" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<title>From the command line</title>" in page and not (edition / "site").exists()


def test_another_settings_file_with_config_and_paths_relative_to_it(tmp_path, capsys):
    project = tmp_path / "project"
    (project / "texts").mkdir(parents=True)
    shutil.copyfile(SEED, project / "texts" / SEED.name)
    write(project, '[edition]\nsources = ["texts"]\noutput = "public"\n')
    code, _, err = run_cli(capsys, "build", "--config", project / "edition.toml")
    assert code == 0, err
    assert (project / "public" / "html" / f"{SEED_ID}.html").is_file()


def test_no_settings_at_all_still_builds_tei_into_output(edition, capsys):
    (edition / "sources").rename(edition / "tei")
    assert run_cli(capsys, "build")[0] == 0
    assert (edition / "output" / "html" / f"{SEED_ID}.html").is_file()


@pytest.mark.parametrize("text, said", [
    ('[edition]\ntitel = "x"\n', "the key edition.titel is not known; did you mean title?"),
    ('[editon]\ntitle = "x"\n', "the table [editon] is not known; did you mean edition?"),
    ('[params]\nedition-ur = "https://example.org"\n', "params.edition-ur: not a parameter of the edition; did you mean edition-url?"),
    ('[params]\npersons-href = "javascript:alert(1)"\n', "params.persons-href: not a parameter of the edition"),
    ('[edition]\nurl = "ftp://example.org"\n', "expected an http:// or https:// address"),
    ('[edition]\njobs = "two"\n', "edition.jobs must be a whole number"),
    ('[edition]\nrules = "no"\n', "edition.rules must be true or false"),
    ('[edition]\ntitle = "unclosed\n', "not valid TOML"),
])
def test_unknown_keys_parameters_and_wrong_values_are_errors_naming_the_valid_ones(edition, capsys, text, said):
    write(edition, text)
    for command in ("build", "validate"):
        code, _, err = run_cli(capsys, command)
        assert code == 2, err
        assert said in err, err
        assert "edition.toml" in err
    assert not (edition / "output").exists()


def test_the_valid_names_are_listed(edition, capsys):
    write(edition, '[edition]\nsauces = "tei"\n')
    err = run_cli(capsys, "validate")[2]
    assert "the valid names are: base-witness, jobs, language, output, rules, schema, sources, title, url" in err


def test_the_base_witness_is_a_witness_id(tmp_path, capsys):
    edition = tmp_path / "ed"
    edition.mkdir()
    (edition / "edition.toml").write_text('[edition]\nbase-witness = "not an id"\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "build", "--config", edition / "edition.toml")
    assert code == 2 and "base-witness" in err and "xml:id of a witness" in err
