"""One module per transcript format, each exposing an ``IMPORTER`` (found by the registry)."""
