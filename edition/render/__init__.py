"""Rendering: the format registry (``formats``), Saxon (``saxon``), one document's outputs (``document``) and the
edition's own pages (``pages``)."""
