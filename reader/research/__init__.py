"""Research across the library: a topic dossier (every moment a query was discussed) and
"who said this?" (the passages a half-remembered quote comes from). Qt-free: the CLI and
the window both build on it."""
