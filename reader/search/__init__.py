"""Searching the library: the index facade, its schema, analysis, queries and snippets.

Import from the submodules; this package file stays empty so that light modules (``sorts``)
load without Whoosh."""
