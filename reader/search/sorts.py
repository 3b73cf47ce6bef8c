"""The orders results and the episode list can be sorted by: plain names, no Whoosh needed
(the CLI's ``--help`` lists them)."""

from __future__ import annotations

SORTS = ("relevance", "number", "title", "date")
