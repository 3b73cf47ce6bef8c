"""Whoosh subclasses and uses of its private API, pinned to whoosh-reloaded 2.7.x: the only
place that reaches into Whoosh internals (``tests/test_layering.py`` checks it).

``postings`` (packed transcript postings), ``phrase`` (phrase matching by position sets),
``scoring`` (BM25F with cached lengths), ``codec`` (uncompressed codec, tiny-segment
merges), ``packed_postings`` (the writer's posting pool, packed), ``segment_files``
(memory-mapped storage, segments that keep their files), ``exclusions`` (NOT that excludes
every match), ``writing`` (the writer's steps: worker segments, committing them, abandoning a
failed commit), ``blocks`` (searches evaluated over postings arrays with numpy, giving
Whoosh's answers)."""
