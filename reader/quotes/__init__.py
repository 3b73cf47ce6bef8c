"""Quotes with attribution: who said a passage, and how to write it for the clipboard."""
