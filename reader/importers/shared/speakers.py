"""Is this label a speaker's name? The one rule every format uses (labelled text, Markdown,
web pages, SRT/VTT payloads), with one stop list, so a line reads the same in every format.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Lower-case words that may stand inside a name ("Ana de la Cruz", "Ludwig van Beethoven").
PARTICLES = _words(
    "de del della der den di da dos das du la le van von bin bint al el ibn y e ter ten st."
)

#: First words of ``X: ...`` that open a clause, a list point or a heading, never a name
#: ("Note: this", "Step two: call", "Today: ...", "Mentioned: ..."). Role labels such as
#: "Host" and "Guest" are not here: transcripts use them as speakers.
NOT_NAMES = _words(
    """
    the an and but or so if then now well yes no yeah okay ok oh also plus here there this
    that these those it its i we you he she they my our your his her their what why how when
    where who which one two three four five six seven eight nine ten first second third fourth
    fifth sixth finally next last step steps rule rules note notes nb ps p.s tip tips hint
    warning caution important example examples question questions answer update edit reminder
    today tonight tomorrow yesterday summary lesson lessons point problem solution result
    results goal goals objective objectives takeaway takeaways bonus spoiler fact facts truth
    myth reality translation source sources definition option options idea ideas plan verdict
    quote title chapter part section episode season time date location subject from to re cc
    bcc fyi agenda action actions item items key main quick pro fun side level sentence topic
    topics challenge context background conclusion outcome advice link links website email
    phone music intro outro transcript transcripts caption captions kind language homework
    exercise disclaimer sponsor sponsors ad promo day week month year morning evening night
    tldr tl;dr credit credits resources references mentioned listen subscribe download http
    https www
    """
)

#: Bracketed sounds and descriptions that look like ``[Name]`` labels ("[Laughter] ...").
NOT_BRACKET_NAMES = NOT_NAMES | _words(
    """
    applause laughter laughs laughing laugh inaudible crosstalk silence noise cheering cheers
    sighs sigh coughs cough indistinct chatter static beep bell ringing door sound sounds sfx
    foreign unintelligible pause theme song singing clapping groans gasps chuckles chuckling
    giggles bleep blank_audio speaking whispering whispers sniffs sniffing mumbles mumbling
    background audio video break ends end continues unknown
    """
)

MAX_NAME_CHARS = 40
#: Capitalised words in a name ("Mary Ann de la Cruz" has four; particles are extra).
MAX_NAME_WORDS = 4
#: All words, particles included ("Dr. Ana de la Cruz").
MAX_NAME_TOKENS = 6


def plausible_name(name: str, *, bracketed: bool = False) -> bool:
    """Whether ``name`` reads like a person's name or speaker id, not the start of a sentence.

    One to four capitalised words (lower-case particles such as "van" and numbers such as the
    "2" of "Speaker 2" allowed), a first word that is not a common clause opener ("Note",
    "Rule", "Today", "So", ...), a full stop only in a short abbreviation or initial ("Dr.",
    "J.", "Jr."), and no trailing apostrophe or dash. ``bracketed`` names (``[Name] text``)
    must also not be a sound ("[Laughter]") or shouted text in capitals.
    """
    words = name.split()
    if not words or len(words) > MAX_NAME_TOKENS or len(name) > MAX_NAME_CHARS:
        return False
    stoplist = NOT_BRACKET_NAMES if bracketed else NOT_NAMES
    if not words[0][0].isupper() or words[0].rstrip(".").casefold() in stoplist:
        return False
    if bracketed and len(name) > 3 and name.isupper():
        return False
    capitalised = 0
    for word in words:
        if word.endswith(".") and len(word) > 4:
            return False
        if word[0].isupper():
            capitalised += 1
        elif not (word.isdigit() or word in PARTICLES):
            return False
    return capitalised <= MAX_NAME_WORDS and not name.endswith(("'", "’", "-"))
