"""Searching the library: the index facade (``index.LibraryIndex``) and the engine behind it.

Import from the submodules. This package file stays empty so that the plain-data modules
(``results``: sort names, hits, results, indexed episodes) load without Whoosh or numpy: the
command line's ``--help`` needs the sort names and nothing else."""
