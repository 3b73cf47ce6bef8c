"""Tests of reader.quotes (a package, so its tests can share ``sample``)."""
