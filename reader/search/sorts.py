"""The orders results and the episode list can be sorted by, in a module of their own: the
command line's ``--help`` lists them, and loading ``results`` (dataclasses, filters,
snippets) for one tuple was a sixth of its start-up."""

from __future__ import annotations

SORTS = ("relevance", "number", "title", "date")
