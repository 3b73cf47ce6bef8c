"""Whoosh subclasses and uses of its private API, pinned to whoosh-reloaded 2.7.x: the only
place that reaches into Whoosh internals."""
