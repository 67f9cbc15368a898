"""Sources: which files are sources (``discover``, ``changed``) and the one door for untrusted XML (``parse``)."""
