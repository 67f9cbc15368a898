"""edition: validate TEI P5 transcripts and render them as a reading edition.

The pipeline is one straight road (see ``pipeline.py``)::

    tei/*.xml -> parse (hardened) -> validate (RelaxNG, then rules)
              -> transform (compiled once) -> write (atomic) -> report
"""

__version__ = "0.1.0"
