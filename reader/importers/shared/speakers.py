"""Is this label a speaker's name? The rule labelled text and Markdown share."""

from __future__ import annotations

# Lowercase words that may stand inside a name ("Ana de la Cruz", "Ludwig van Beethoven").
_PARTICLE_WORDS = "de del della der den di da dos du la le van von bin al y e"
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
# Capitalised words that open prose lines with a colon but never name a speaker.
_NOT_NAME_WORDS = """note notes nb ps p.s. plus first second third fourth fifth finally next then
    also step tip tips update edit warning caution important disclaimer example examples summary
    tldr tl;dr transcript transcripts source sources credits links link resources references
    topics date time title subject from to re cc bcc episode season chapter part question answer
    listen subscribe download sponsor sponsors music intro outro http https www"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


def plausible_name(name: str) -> bool:
    """One to four capitalised words (particles and numbers allowed), not a sentence."""
    words = name.split()
    if not 1 <= len(words) <= 4 or len(name) > 40 or name.lower() in _NOT_NAMES:
        return False
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    for word in words[1:]:
        if not (word[0].isupper() or word[0].isdigit() or word in _PARTICLES):
            return False
    return not name.endswith((".", "'", "’", "-")) or name.endswith(("Jr.", "Sr."))
