"""Tests of reader.notes (a package, so its tests can share ``sample``)."""
