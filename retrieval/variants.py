"""British and American spellings of one word: the review writes one, a reader the other
("customisation" and "customization", "favourably" and "favorably", "modelling")."""

from __future__ import annotations

import re

# (ending, the other spelling's ending), for the endings that differ between the two. A
# rule applies only after a few letters, so short words ("rise", "four") are left alone,
# and the engine takes a variant only when the corpus knows it.
_RULES = (
    [
        (re.compile(rf"(?<=\w{{3}})i{a}(e|es|ed|ing|ation|ations|er|ers)$"), rf"i{b}\1")
        for a, b in (("s", "z"), ("z", "s"))
    ]
    + [
        (re.compile(rf"(?<=\w{{2}})y{a}(e|es|ed|ing)$"), rf"y{b}\1")
        for a, b in (("s", "z"), ("z", "s"))
    ]
    + [
        (re.compile(r"(?<=\w{3})our(s|ed|ing|able|ably|ite|ites)?$"), r"or\1"),
        (re.compile(r"(?<=\w{2}[^o])or(s|ed|ing|able|ably|ite|ites)?$"), r"our\1"),
        (re.compile(r"(?<=\w{2})ence(s)?$"), r"ense\1"),
        (re.compile(r"(?<=\w{2})ense(s)?$"), r"ence\1"),
        (re.compile(r"(?<=\w{2})tre(s)?$"), r"ter\1"),
        (re.compile(r"(?<=\w{2}[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
        (re.compile(r"(?<=\w{2}[aeiou])l(ed|ing|er|ers)$"), r"ll\1"),
    ]
)


def spelling_variants(word: str) -> list[str]:
    """The other spellings a lower-case `word` may have, in British or American English."""
    return [pattern.sub(other, word) for pattern, other in _RULES if pattern.search(word)]
