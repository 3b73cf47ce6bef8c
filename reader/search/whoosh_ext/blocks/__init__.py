"""Searching a block of postings at a time with numpy instead of Whoosh's matcher tree.

Whoosh steps its matchers one document at a time in Python (86% of a phrase search). Here
each term's postings in a segment are read as arrays (``postings``), the query tree is
evaluated over them with the same tree shapes and the same floating-point steps as
Whoosh's matchers (``evaluate``; phrases in ``phrase``), and the results are ordered as
Whoosh's collectors order them (``collect``). A query with a part this does not handle is
left to Whoosh (``collect.block_search`` returns None).
"""
