"""Audio that belongs to a transcript: which file it is, and (``timeline``) where a time is."""
