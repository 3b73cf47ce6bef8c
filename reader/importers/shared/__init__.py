"""Pieces every format module may use; format modules never import each other."""
