"""Which part of a message asks, and what the rest of it tells: the asker's own doings,
places and purposes, set apart from the question that is searched."""

from __future__ import annotations

import re

from retrieval.intent import KIND_WORDS, QUESTION_WORDS, Intent
from retrieval.wants import WORD
from retrieval.wordweights import is_english

_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+")
# Within a sentence: after a comma, colon or semicolon, or around a dash ("tl;dr" stays whole).
_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+[-–—]+\s+")


def _chat_sentences(text: str) -> list[str]:
    """The sentences of a chat message. Not `retrieval.text.sentences`: a message goes on in
    lower case ("summary? i need it for class"), which that splitter, made for prose, reads
    as one sentence."""
    return [s for s in _SENTENCE_BREAK.split(text.strip()) if s]


def _clauses(text: str) -> list[str]:
    """The clauses of a chat message, sentence by sentence."""
    return [c for s in _chat_sentences(text) for c in _CLAUSE_BREAK.split(s) if c]


# What happens or comes out and gets summed up: a summary asked for after a clause naming one
# is of that ("the senate hearing was today, whats the gist"). Not what the asker is doing
# ("prepping a presentation", "a meeting at 3"): that is context about them.
_HAPPENING = re.compile(
    r"(?=[fmgrbdeoshpntlcwkvauiy])\b(?:finals?|match|game|race|fight|main event|derby|"
    r"grand prix|episode|ep|finale|show|film|movie|documentary|trailer|book|novel|chapter|"
    r"audiobook|album|song|musical|opera|sitcom|anime|manga|poem|podcast|pod|newsletter|"
    r"column|cover story|sermon|homily|speech|address|keynote|talk|"
    r"lecture|seminar|webinar|panel|press conference|conference|hearing|"
    r"(?:meeting|board|council) minutes|transcript|ruling|verdict|trial|lawsuit|earnings|"
    r"sync|standup|retro|all-hands|town hall|concert|"
    r"gig|festival|gala|halftime|patch(?: notes)?|thread|video|stream|livestream|vod|"
    r"oscars|grammys|emmys|super ?bowl|world cup|olympics|playoffs|champions league|"
    # ...or a document of someone else's: "the email from HR", "the handbook they sent".
    r"e-?mail|letter|memo|handbook|manual|leaflet|brochure|flyer|handout|contract|lease|"
    r"syllabus|article|doc|protocol|notice|textbook|"
    # ...or a story's parts: "plot summary?" after a novel described.
    r"plot|storyline|spoilers?)\b|"
    # ...or one the asker took in or was given ("finished Middlemarch", "watched the debate",
    # "my professor assigned a paper on fairness"), not a stretch of reading ("read 40
    # pages", "read up", "finished my shift")...
    r"\b(?:read|watched|saw|listened to|binged|finished|assigned|recommended|sent me|"
    r"forwarded)\s+(?!(?:for|up|on|about|through|to|"
    r"all|everything|more|less|my|our|work|off|by|here|\d+)\b)(?=\w)|"
    # ...or asked after by what is in it ("what is The Road about", "what was in the leak").
    r"\bwhat(?:'s| is| was| are| were) (?:in\b|(?:\S+\s+){1,6}?about\W*$)|"
    r"\bwhat happen(?:s|ed) (?:in|at|with|to|during)\b",
    re.IGNORECASE,
)
# Words before a happening that make it the asker's own doing ("writing a newsletter
# tonight", "prepping for a talk"), within this many words.
_ASKERS_DOING = frozenset(
    "write writing preparing prepping drafting giving hosting running planning organising "
    "organizing for".split()
)
_DOING_REACH = 3


def names_happening(text: str) -> bool:
    """Whether `text` names something that happens or comes out to be summed up ("the
    hearing", "last night's episode"), not one the asker is making ("writing a newsletter")."""
    return any(
        _ASKERS_DOING.isdisjoint(text[: found.start()].lower().split()[-_DOING_REACH:])
        for found in _HAPPENING.finditer(text)
    )


# Words that start the asker's own situation in a clause beside a question ("a journalist
# at Le Monde", "presenting to the Bundestag"): what follows names where they are, not what
# they ask of.
_ASKERS_PLACE = _ASKERS_DOING | frozenset(
    "at with presenting speaking talking pitching briefing teaching studying working "
    "reporting".split()
)
_NUMBER = re.compile(r"^\W*\d[\d,.]*\W*$")


def told_of(context: str) -> str:
    """What a clause beside a question tells of, without the asker's own place ("I'm a
    journalist at Le Monde" tells of a journalist) or amounts ("read 40 pages")."""
    told: list[str] = []
    for word in context.split():
        if word.lower() in _ASKERS_PLACE:
            break
        if not _NUMBER.match(word):
            told.append(word)
    return " ".join(told)


_SELF = frozenset({"i", "i'm", "i’m", "i'd", "i’d", "i've", "i’ve", "i'll", "i’ll"})


def capitalised_names(text: str) -> list[str] | None:
    """The words `text` capitalises inside its sentences, as names are ("finished
    Middlemarch"), and an acronym that opens one ("BIPA exposure…"), or None when it has no
    capital letter at all: typed so, it shows none."""
    if text == text.lower():
        return None
    return [
        found.group()
        for sentence in _chat_sentences(text)
        for at, found in enumerate(WORD.finditer(sentence))
        if ((at and found.group()[0].isupper()) or _acronym(found.group()))
        and found.group().lower() not in _SELF
    ]


def _acronym(word: str) -> bool:
    """Whether `word` is written as an acronym ("BIPA"), not a word typed in capitals ("OK",
    "WHAT")."""
    return len(word) > 1 and word.isupper() and not is_english(word.lower())


def asking_part(text: str, intent: Intent, clauses: bool = False) -> str:
    """The sentences (or, with `clauses`, the clauses) of an overview or a question about the
    document that hold the words of its kind (all of `text` if none does): "summarise the
    DSA? I need it for a file" asks of the DSA, and "it" is the summary; the clause of
    "summary please, for my class" asks of nothing but the review."""
    asking, _ = _by_kind(_clauses(text) if clauses else _chat_sentences(text), intent)
    return " ".join(asking) if asking else text


# Answers offered to choose from: "techies or lawmakers?", "2023 or 2024".
_OPTIONS = re.compile(r"^\W*(?:[\w'’-]+ ){0,2}[\w'’-]+ or(?: [\w'’-]+){1,3}\W*$", re.IGNORECASE)


def offers_options(clause: str) -> bool:
    """Whether `clause` only offers answers to choose from ("techies or lawmakers?")."""
    return _OPTIONS.match(clause) is not None


def asking_and_context(text: str, intent: Intent) -> tuple[str, list[str]]:
    """The clauses of an overview or a question about the document that ask (`asking_part`),
    and the others, in order: what it says beside what it asks ("the oscars were last
    night. recap?")."""
    asking, context = _by_kind(_clauses(text), intent)
    return " ".join(asking) if asking else text, context


def _by_kind(parts: list[str], intent: Intent) -> tuple[list[str], list[str]]:
    """The `parts` that hold the words of `intent`'s kind, and the others."""
    patterns = KIND_WORDS.get(intent, ())
    holding: list[str] = []
    others: list[str] = []
    for part in parts:
        (holding if any(p.search(part) for p in patterns) else others).append(part)
    return holding, others


# Words by which a clause speaks of the asker or of when they need it: "my boss needs a one
# pager on this", "i write for a small tech newsletter in brazil", "staff meeting at 2".
_ASKER = re.compile(
    r"\b(?:i|i'm|im|i've|i'd|me|my|mine|myself|we|we're|our|ours|here|tonight|today|tomorrow|"
    r"noon|asap|(?:in|at) (?:an? (?:hour|hr|min(?:ute)?)|\d+(?: ?(?:hours?|hrs?|mins?|minutes?|"
    r"am|pm))?)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)


def without_asker_context(text: str, intent: Intent) -> str:
    """An overview or a question about the document without its clauses about the asker
    that hold none of the words of its kind ("my boss needs a one pager on this before the
    committee hearing, can you summarize the main takeaways" asks for the takeaways alone);
    all of `text` when that leaves all of it or nothing."""
    patterns = KIND_WORDS.get(intent, ())
    clauses = _clauses(text)
    # A clause that asks is never only about the asker ("…, do we have extra legal duties?").
    kept = [
        c
        for c in clauses
        if any(p.search(c) for p in patterns) or c.endswith("?") or not _ASKER.search(c)
    ]
    if not kept or len(kept) == len(clauses):
        return text
    return " ".join(kept).rstrip(",;: ")


def questions_in(text: str) -> str | None:
    """The sentences of a message that ask (end in "?") when the others only give context
    ("what's the series called? need to credit it on air"), else None."""
    sentences = _chat_sentences(text)
    asking = [s for s in sentences if s.endswith("?")]
    if not asking:
        # Asked in a last clause without its mark: "debate lesson w year 11 tmrw, whats the
        # best argument for keeping ai open".
        # Not when the message opens by asking ("what about china, do they have rules"),
        # nor in a few words that lean on what came before ("…, where's the line").
        last = _LAST_CLAUSE_ASKS.search(sentences[-1]) if sentences else None
        if last is None or len(last.group("asks").split()) < 5 or _OPENS_ASKING.match(text):
            return None
        return last.group("asks")
    return " ".join(asking) if len(asking) < len(sentences) else None


# The words that open a question, "what's" among them.
_ASKING_WORDS = rf"(?:what['’]?s|{QUESTION_WORDS})\b"
_OPENS_ASKING = re.compile(rf"\W*{_ASKING_WORDS}", re.IGNORECASE)
_LAST_CLAUSE_ASKS = re.compile(
    rf"[,;]\s+(?P<asks>(?:(?:so|but|and|ok|anyway)\s+)?{_ASKING_WORDS}[^,;]*)$", re.IGNORECASE
)
# "Summarize the US section", "the EU part": a jurisdiction's own part of the document.
_SECTION = re.compile(r"(?=[spcb])\b(?:section|part|chapter|bit)s?\b", re.IGNORECASE)
# What the asker needs an answer for, at the end of a clause ("for my essay", "to our board"),
# not "to my board why the EU went easy on them"; and the form they want it in ("in two
# lines", "in plain English"), wherever it is.
_PURPOSE = re.compile(
    # "for my essay", "for a game night argument lol", "for book club tonight please".
    r"\b(?:(?:for|to) (?:my|our|an?|(?:to(?:day|morrow|night)|\w+day)(?:'s|’s))"
    r"(?: [\w'-]+){1,4}|for(?: [\w'-]+){1,2} (?:tonight|today|tomorrow))"
    r"(?: (?:pls|please|plz|lol|thx|thanks))*\s*(?=[,;:.?!]|$)"
    # ...for someone by their title ("for Professor Smith", "for Senator Warren's office"), or
    # for a named outlet's readers ("for Politico readers", not "good for students").
    r"|\bfor (?:prof(?:essor)?|dr|senator|sen|rep|representative|minister|mr|mrs|ms|judge|"
    r"councillor|councilor|mp|mep|commissioner)\.? [A-Z][\w-]+(?:(?:'s|’s) \w+)?"
    r"|\bfor (?-i:[A-Z])[\w'’-]* (?:[\w'’-]+ )?(?:readers|audiences?|listeners|viewers|"
    r"subscribers|students|colleagues|members|followers)\b"
    r"|\bin (?:(?:one|two|three|four|five|a few|a couple of|a|\d+) (?:short )?"
    r"(?:lines?|sentences?|words?|bullet points?|bullets?|paragraphs?)|plain english|"
    r"(?:simple|plain|layman'?s) terms)\b"
    r"|\blike (?:i'm|im|i am) (?:\d+|five|a (?:kid|child|five year old))\b",
    re.IGNORECASE,
)


def without_purpose(text: str) -> str:
    """`text` without what the asker needs it for and the form they want it in: "china
    summary pls, for my essay" and "what's the us position, in two lines" ask of China and
    the US alone."""
    return " ".join(_PURPOSE.sub(" ", text).split())


def without_section(text: str) -> str | None:
    """`text` without the words by which it names a part of the document ("summarize the
    EU section" → "summarize the EU"), or None when it names none."""
    rest = _SECTION.sub(" ", text)
    return None if rest == text else rest
