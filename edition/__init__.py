"""edition: validate TEI P5 transcripts and render them as a reading edition.

The package follows the road a document travels, one subpackage a stage::

    sources/     which files are sources (discover, --changed) and the one hardened door (parse)
    validation/  the RelaxNG grammar, explained from the schema itself, then the rules
    render/      the format registry and the stylesheets, run by Saxon: a document's outputs, the edition pages
    build/       edition build: plan, process (anywhere), write (inside the output folder), the manifest, search
    report/      the run's diagnostics in one of five formats, and the codes they carry
    importer/    edition import: a transcript in, a TEI draft out

beside ``config`` (the one ``Config`` a run is given), ``errors`` (the tool's errors, one
base class), ``diagnostics`` (problems as data), ``results`` and ``cli`` (arguments in, exit
code out).
"""

__version__ = "0.1.0"
