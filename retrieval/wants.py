"""What a sentence that answers a question holds: a date for "when", a figure for "how
many", a name for "who"; and whether the first quote states what was asked."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from retrieval.help_requests import asks_for_pick
from retrieval.works import POSSESSIVE

WORD = re.compile(r"[^\W\d_][\w'’-]*")
# "When" asks for a date as a question word ("when was it published?", "released when?"),
# not as a conjunction ("the term for when info spreads", "what happens when…").
_WANTS_DATE = re.compile(
    r"(?=[wbsua])\b(?:when(?= (?:was|were|did|does|do|is|are|will|would|has|have|had|exactly)\b"
    r"|['’]s\b|\W*$)|(?:since|until|by|as of) when|what year|which year|(?:what|which) date)\b",
    re.IGNORECASE,
)
# Any other figure ("how big" and "what did it cost" ask for kinds of their own, below).
# "How much of a threat", "how much of one" ask for a degree, not a figure.
_WANTS_AMOUNT = re.compile(
    r"(?=h)\bhow (?:many|much(?! of (?:a|an|one|it|that|this)\b)|long|often|old)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)
# A figure that answers "how many": an amount or a count of something; not the digit of a
# name ("Llama 2") or a section ("4.6").
_AMOUNT = re.compile(
    r"\$\s?\d|[~≈]\s?\d|\b\d[\d,.]*\s?(?:%|percent|million|billion|thousand|hundred|posts|"
    r"days|weeks|months|years|hours|people|organi[sz]ations|models|parameters|tokens|dollars|"
    r"examples)\b|\b(?:a few|several) (?:hundred|thousand|million|dozen)",
    re.IGNORECASE,
)
# Some questions ask for one kind of figure, which another does not answer: "how long did it
# take?" for a span of time, "how big is it?" for a size, "how much did it cost?" for money
# ("$200" does not say how big a training set is).
_WANTS_DURATION = re.compile(
    r"(?=h)\bhow long\b.*\b(?:take|takes|took|taking|last|lasted|until|since)\b|"
    r"\bhow many (?:[\w-]+ )?(?:seconds|minutes|hours|days|weeks|months|years)\b",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"\b(?:\d[\d,.]*|a|an|one|two|three|few|several)\s?(?:seconds?|minutes?|hours?|days?|"
    r"weeks?|months?|years?|decades?)\b",
    re.IGNORECASE,
)
_WANTS_SIZE = re.compile(r"(?=h)\bhow (?:big|large)\b", re.IGNORECASE)
_SIZE = re.compile(
    r"\b\d[\d,.]*\s?(?:million |billion |trillion |thousand )?(?:tokens|parameters|words|"
    r"documents|images|examples|[GT]B|gigabytes|terabytes)\b",
    re.IGNORECASE,
)
# "What % of bad outputs does it block?": a share, which a count does not state.
_WANTS_SHARE = re.compile(
    r"(?=w)\bwhat (?:%|percent(?:age)?|share|fraction|proportion|portion)(?=\W)"
    # ...or typed as a heading: "% of frontier models that are open weights".
    r"|^\W*(?:%|percent(?:age)?|fraction|proportion) of\b",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"\d\s?(?:%|percent\b)|\b(?:half|a third|a quarter|one in \w+|\w+ out of \w+)\b",
    re.IGNORECASE,
)
_WANTS_MONEY = re.compile(
    r"(?=[hw])\bhow much\b.*\b(?:cost|costs|spend|spent|pay|paid|money)\b|\bhow expensive\b|"
    r"\bwhat did (?:it|that|this|they) cost\b|\bwhat did (?:[\w.-]+ ){1,3}(?:spend|pay)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s?(?:dollars|euros|pounds|USD|EUR)\b", re.IGNORECASE)
# A deadline is a date; a fine is a penalty or a sum; an article of a law is its number.
_WANTS_DEADLINE = re.compile(
    r"(?=[dbtkc])\b(?:deadlines?|due date|due by|by when|take effect|takes effect|kick in|"
    r"kicks in|come into force|comes into force)\b",
    re.IGNORECASE,
)
_WANTS_PENALTY = re.compile(
    r"(?=[fpstawem])\b(?:fines|fine for|fined|penalt(?:y|ies)|sanctions|"
    # "the fine if a company breaks…", "what fine would…", but not "the fine print",
    # "fine-tuning".
    r"(?:the|a|any|actual|what|which|exact|maximum|max) fine"
    r"(?![\s-]*(?:print|line|tun|grain|art)))\b",
    re.IGNORECASE,
)
_PENALTY = re.compile(r"\b(?:fines?|fined|penalt(?:y|ies)|sanctions?)\b|[$€£]\s?\d", re.IGNORECASE)
_WANTS_ARTICLE = re.compile(
    r"(?=[wa])\b(?:(?:which|what) article|article (?:number|no\b|#))", re.IGNORECASE
)
_ARTICLE = re.compile(r"\b(?:Article|Art\.?)\s?\d", re.IGNORECASE)
# "Has Meta responded to the BadLlama findings?", "how did EU lawmakers react to GitHub's
# paper?": someone's response, which a sentence states ("Others counter that…"), not one
# that only tells what was responded to.
_WANTS_RESPONSE = re.compile(
    r"(?=[rpc])\b(?:(?:respond(?:ed|s)?|react(?:ed|s)?|push(?:ed)? back|replied) (?:\w+ly )?"
    r"(?:to|on|against)|"
    r"(?:responses?|reactions?|replies|pushback|comments?) (?:to|from|on)|"
    r"(?:respond(?:ed)?|react(?:ed)?)\b(?=\W*$))",
    re.IGNORECASE,
)
_RESPONSE = re.compile(
    r"\b(?:respond\w*|react\w*|repl(?:y|ied|ies)|counter(?:s|ed)?|rebut\w*|reject\w*|"
    r"dismiss\w*|criticis\w*|criticiz\w*|welcom\w*|push(?:ed)? back|pushback|object\w*|"
    r"oppos\w*|contentious|disputed?)\b",
    re.IGNORECASE,
)
# "Does the executive order say open weights are good or bad?", "what upside and downside
# does it acknowledge?": both sides, which a sentence weighing a benefit against a risk states.
_WANTS_BOTH_SIDES = re.compile(
    r"(?=[gpubnwca])\b(?:good (?:or|and|vs\.?|versus) bad|pros? (?:and|&|or|vs\.?) cons?|"
    r"ups?(?:ides?)? (?:and|&|or|vs\.?) downs?(?:ides?)?|"
    r"benefits? (?:and|&|or|vs\.?|versus) (?:risks?|dangers?|harms?|costs?|downsides?)|"
    r"net (?:positive|negative|good|bad|benefit|risk)|which side|"
    r"purely (?:a |an )?(?:\w+ )?(?:threat|risk|danger)|all downside)\b",
    re.IGNORECASE,
)
_BOTH_SIDES = re.compile(
    r"\bbut also\b|"
    r"\bbenefits?\b[^.;]*\b(?:risks?|dangers?|harms?)\b|"
    r"\b(?:risks?|dangers?|harms?)\b[^.;]*\bbenefits?\b",
    re.IGNORECASE,
)
# A work the review cites, as a question names it: "the name of the paper that…".
_A_WORK = r"(?:the|that|this|a) (?:paper|study|article|report|piece|statement|letter|interview)\b"
# "What do you call it…?", "is there a name for…?": a sentence that names a term.
_WANTS_TERM = re.compile(
    r"(?=[wi])\b(?:what (?:do|does|would) (?:you|u|they|people|we|one) call|"
    r"what(?:'s| is| are)? (?:it|that|this|they) called|"
    r"(?:whats|what's|what’s|what is|is there)(?: \w+){0,3} (?:name|term|word|label|jargon|"
    rf"lingo)\b(?! of {_A_WORK}))"
    # Asked tersely: "term for when a company publishes only the weights?"
    r"|^\W*(?:the |a )?(?:term|word|jargon|label) for\b",
    re.IGNORECASE,
)
_TERM = re.compile(
    r"\b(?:termed|labels?|labell?ed|called|known as|dubbed|coined|refers? to)\b", re.IGNORECASE
)
# "What license is Llama 2 under?": a sentence that names one ("licensed under", "the
# Llama 2 Community License", "Apache"), not one about licensing in general.
_WANTS_LICENSE = re.compile(
    r"(?=[wulh])\b(?:(?:what|which|under (?:what|which)) (?:\w+ ){0,2}licen[cs]e|"
    r"licen[cs]e (?:terms|type)|licen[cs]ed under)\b",
    re.IGNORECASE,
)
_LICENSE = re.compile(
    r"\blicen[cs]ed under\b|\b[A-Z][\w.-]* (?:[A-Z][\w.-]* )*Licen[cs]e\b|"
    r"\b(?:Apache|GPL|AGPL|LGPL|BSD|OpenRAIL|Creative Commons|CC[- ]BY)\b"
)
# The words that name each jurisdiction in a sentence.
_PLACE_NAMES = {
    "EU": ("EU", "European", "Europe"),
    "US": ("US", "United States", "America", "American"),
    "China": ("China", "Chinese"),
}
_PLACE_WORDS = "|".join(word for words in _PLACE_NAMES.values() for word in words)
# "Which regulations did they check? Names?", "by name": a sentence that names something
# other than the jurisdictions, with a capital inside it ("Palisade Research's paper
# BadLlama"), not one that only speaks of them ("China's regulations").
_WANTS_NAMES = re.compile(
    r"(?=[bntw])\b(?:by names?|names\b(?! of the (?:authors?|writers?))|the titles?\b|"
    # A work's name or title: "the name of the paper that…", "which study showed…".
    rf"name of {_A_WORK}|(?:which|what) (?:study|paper|report)\b)",
    re.IGNORECASE,
)
_NAMES = re.compile(
    rf"(?<=[\w,;:’'”)] )(?!(?:{_PLACE_WORDS}|United|AI|The|This|That|These|Those|It|In|A)\b)"
    r"[A-Z][\w-]+"
)
# (what a question asks, what answers it), the narrower kinds of figure before any figure.
_KINDS = (
    (_WANTS_NAMES, _NAMES),
    (_WANTS_TERM, _TERM),
    (_WANTS_LICENSE, _LICENSE),
    (_WANTS_DEADLINE, _DATE),
    (_WANTS_PENALTY, _PENALTY),
    (_WANTS_ARTICLE, _ARTICLE),
    (_WANTS_RESPONSE, _RESPONSE),
    (_WANTS_BOTH_SIDES, _BOTH_SIDES),
    (_WANTS_DATE, _DATE),
    (_WANTS_DURATION, _DURATION),
    (_WANTS_SIZE, _SIZE),
    (_WANTS_SHARE, _SHARE),
    (_WANTS_MONEY, _MONEY),
    (_WANTS_AMOUNT, _AMOUNT),
)
# "Which country…?", "of the three, which one…?": a sentence that names a jurisdiction.
_WANTS_PLACE = re.compile(
    r"(?=w)\bwhich (?:[\w-]+ )?(?:regions?|countr(?:y|ies)|governments?|jurisdictions?|blocs?)\b",
    re.IGNORECASE,
)
WHICH_ONE = re.compile(r"(?=w)\bwhich (?:one|of)\b", re.IGNORECASE)
_PLACES_ASKED = re.compile(
    r"\b(?:regions|countries|governments|jurisdictions|blocs|(?:the|all) (?:three|3))\b",
    re.IGNORECASE,
)
_PLACE = re.compile(rf"\b(?:{_PLACE_WORDS})\b")
_ANY_PLACE = re.compile(rf"\b(?:{_PLACE_WORDS})\b", re.IGNORECASE)
# Before "us" the pronoun: "tell us who…", "for us".
_US_PRONOUN_AFTER = re.compile(
    r"\b(?:tell|told|give|gave|show|let|help|send|sent|get|for|to|with|among)\s+$", re.IGNORECASE
)
# The jurisdiction each of `_PLACE_WORDS` names, and the words of the others.
_PLACE_OF = {word.lower(): place for place, words in _PLACE_NAMES.items() for word in words}
_OTHER_PLACES = {
    place: re.compile(
        r"\b(?:{})\b".format(
            "|".join(w for p, ws in _PLACE_NAMES.items() if p != place for w in ws)
        )
    )
    for place in _PLACE_NAMES
}


def _places_named(question: str) -> set[str]:
    """The jurisdictions `question` names, in any case ("us" the pronoun aside)."""
    return {
        _PLACE_OF[found.group().lower()]
        for found in _ANY_PLACE.finditer(question)
        if found.group() != "us" or not _US_PRONOUN_AFTER.search(question[: found.start()])
    }


_AUTHORSHIP = re.compile(
    r"\b(?:wr[io]te|writes|written|writing|authors?|authored|byline)\b", re.IGNORECASE
)


def asks_authorship(text: str) -> bool:
    """Whether `text` asks who wrote something ("did mckernon write this?"), not only who
    someone is ("who is mckernon?")."""
    return _AUTHORSHIP.search(text) is not None


# What a question about a document may ask that neither its metadata nor its opening states:
# who pays for it, or where its makers sit ("how much funding do the people behind this
# get?", "where is convergence based?").
_UNSTATED = re.compile(
    r"\b(?:fund(?:s|ed|ing|er|ers)?|paid|pays?|money|budget|salar(?:y|ies)|sponsor(?:s|ed)?|"
    r"financ(?:e|ed|es|ing)|donors?|based|located|headquarter(?:s|ed))\b",
    re.IGNORECASE,
)


def asks_unstated(text: str) -> bool:
    """Whether a question about a document asks what its metadata never states (`_UNSTATED`)."""
    return _UNSTATED.search(text) is not None


def wanted_kind(question: str) -> re.Pattern[str] | None:
    """What a sentence that answers `question` holds: a jurisdiction for "which country", a
    date for "when", a span of time, a size, a sum of money or another figure for "how …";
    None when it asks for no such kind."""
    if _WANTS_PLACE.search(question) or (
        WHICH_ONE.search(question) and _PLACES_ASKED.search(question)
    ):
        # Within the one place it names ("which EU countries opposed it?"), that place is
        # no answer.
        named = _places_named(question)
        return _OTHER_PLACES[named.pop()] if len(named) == 1 else _PLACE
    return next((kind for wants, kind in _KINDS if wants.search(question)), None)


# "Who…?" and "which company…?" are answered by a sentence that names someone: a capitalised
# word that does not start the sentence ("Meta", "Palisade Research", "the Secretary of
# Commerce"). Only whether an answer is sure rests on it: "who wants it banned?" is answered
# by "many argue…", which names no one.
_NAMED_KINDS = (
    r"(?:company|companies|person|people|organi[sz]ations?|group|groups|president|lab|labs|"
    r"researchers?|authors?|agency|agencies|department|official|regulators?|authority|"
    r"authorities|ministry|body|bodies|regulations|laws|rules|bills|models?|llms?|pathogens?|"
    r"viruses|datasets?)"
)
# ...and so is "did they test llama 2 or some other model?", which asks which one.
_WANTS_NAME = re.compile(
    rf"(?=[wo])\b(?:who|whom|whose|which (?:[\w-]+ ){{0,2}}{_NAMED_KINDS}|"
    rf"or (?:some|any|another|a different|an?)(?: other)? {_NAMED_KINDS})\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<![.!?:]\s)(?<=\s)[A-Z][a-z][\w'’-]*")
# "Do ppl who release open models have extra legal stuff…?": "who" after those it speaks of
# begins a clause about them; it does not ask who, unless the question asks for names.
_RELATIVE_WHO = re.compile(
    r"\b(?:people|ppl|folks|those|anyone|anybody|someone|somebody|everyone|everybody|one|ones|"
    r"others|developers|devs|companies|firms|labs|users|researchers|groups|person|guys?|men|"
    r"women|countries|governments|experts|critics|makers|creators|individuals)\s+(?:who|whom|"
    r"whose)\b",
    re.IGNORECASE,
)


# When something first came about: "when was linux first released", "when did chatgpt
# first come out". A history the review, about 2023 and 2024, tells of nothing it names.
# Or who began it, and when: "who started linux and when", "who wrote linux originally and
# when".
_ASKS_ORIGIN = re.compile(
    r"(?=[wy])\b(?:(?:when|what year|which year) (?:was|were|did|is|does)\b[^?.!]{0,40}?"
    r"\b(?:first|originally|initially)\b|who (?:first |originally )?(?:started|founded|"
    r"invented|created|wrote|made|coined|came up with)\b[^?.!]{0,40}?\band when\b)",
    re.IGNORECASE,
)


def asks_origin_date(question: str) -> bool:
    """Whether `question` asks when something first came about."""
    return _ASKS_ORIGIN.search(question) is not None


# What a "how much" or "how many" question counts: "how much water does a chatgpt prompt
# use" counts water; not "how much does it cost" or "how many of them signed".
_MEASURED = re.compile(
    r"(?=h)\bhow (?:much|many) (?!(?:does|do|did|is|are|was|were|has|have|had|can|could|will|"
    r"would|should|of|more|less|longer|bigger|further|farther|better|worse)\b)([a-z][\w-]*)",
    re.IGNORECASE,
)


def _asked_in(pattern: re.Pattern[str], question: str) -> str | None:
    """What `pattern`'s first group finds in `question`, if it matches."""
    found = pattern.search(question)
    return found.group(1) if found else None


def measured(question: str) -> str | None:
    """The word a "how much" or "how many" question counts, if it names one."""
    return _asked_in(_MEASURED, question)


# Whose date a "when" question asks: "when did netscape open source its browser" asks
# Netscape's; not "when did the EU…" (skipped: "the"), which the lexicon knows anyway.
_DATED = re.compile(
    r"(?=w)\bwhen (?:did|was|were|is|does|do|has|have|will) (?:the |a |an )?([a-z][\w-]*)",
    re.IGNORECASE,
)


def dated(question: str) -> str | None:
    """The word whose date a "when" question asks, if it names one."""
    return _asked_in(_DATED, question)


def asks_for_figure(question: str) -> bool:
    """Whether `question` asks for a figure or a date ("how many signed it? like 12?"): a
    number in it is then most likely the asker's guess, not something it refers to."""
    return wanted_kind(question) in (_DATE, _DURATION, _SIZE, _SHARE, _MONEY, _AMOUNT)


def names_someone(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks who, and no quote names anyone it does not name itself
    ("who is the current secretary of commerce?" is not answered by "the Secretary of
    Commerce"): a person, an organisation, or a jurisdiction ("who's friendlier to open
    source, the US or the EU?"), unless the question asks within the one it names ("which
    chinese agency…?" is not answered by "China's regulations")."""
    # "Any big names among the people who signed it?" asks who, by its names.
    asking = question if _WANTS_NAMES.search(question) else _RELATIVE_WHO.sub(" ", question)
    if not _WANTS_NAME.search(asking):
        return True
    asked = {word.lower() for word in WORD.findall(question)}
    places = _places_named(question)
    return any(_names_other(_doer_of_asked(q, asked), asked, places) for q in quotes)


# "…signed by over 1,800 people", "developed by Meta": who did a deed, as a sentence says,
# up to the end of its clause.
_DONE_BY = re.compile(r"\b(\w+) by(?=\s)")
_CLAUSE_END = re.compile(r"[;:!?]|\.(?:\s|$)")
_PAST = re.compile(r"e?d$")


def _deeds_asked(quote: str, asked: set[str]) -> Iterator[re.Match[str]]:
    """Each "<deed> by" of `quote` whose deed a question (its words `asked`) asks after, by
    its stem: "signed by" for "who signed it?", and for "the signatories" too."""
    for found in _DONE_BY.finditer(quote):
        stem = _PAST.sub("", found.group(1).lower())
        if len(stem) >= 4 and any(word.startswith(stem) for word in asked):
            yield found


def _doer_of_asked(quote: str, asked: set[str]) -> str:
    """Who `quote` says did the deed a question asks after ("who signed it?" is answered
    by whom "signed by…" names, not by the names elsewhere in the sentence), else all of
    `quote`."""
    for found in _deeds_asked(quote, asked):
        end = _CLAUSE_END.search(quote, found.end())
        return quote[found.end() : end.start() if end else len(quote)]
    return quote


# The words of a law's title name no one: "the EU AI Act" does not say who lobbied for it.
_LAW_TITLE_WORD = re.compile(r"Acts?|Orders?|Bills?|Rights|Directives?|Regulations?|Executive")


def _names_other(text: str, asked: set[str], places: set[str]) -> bool:
    """Whether `text` names someone a question (its words `asked`, the `places` it names)
    does not: a jurisdiction among several, or another name."""
    return bool(len(places) != 1 and _PLACE.search(text)) or any(
        name.lower() not in asked
        and not _PLACE.fullmatch(POSSESSIVE.sub("", name))
        and not _LAW_TITLE_WORD.fullmatch(name)
        for name in _NAME.findall(text)
    )


# Whose work did the deed a figure counts: "GitHub’s paper and Mozilla’s Statement, which
# was signed by over 1,800 people" (the last owner named before "signed by").
_OWNER = re.compile(r"\b([\w-]+)(?:'s|’s)\b")


def counts_for_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks how many did a deed to the work of one it names ("how many
    signed GitHub's paper?") and the quotes count it only for another's work."""
    if not _WANTS_AMOUNT.search(question):
        return True
    asked = {POSSESSIVE.sub("", word.lower()) for word in WORD.findall(question)}
    other = False
    for quote in quotes:
        for found in _deeds_asked(quote, asked):
            owners = [o.group(1).lower() for o in _OWNER.finditer(quote, 0, found.start())]
            if not owners or owners[-1] in asked:
                return True
            other = other or any(owner in asked for owner in owners)
    return not other


# "Has China said anything since 2023?", "any new rules in 2024?": a time asked of by its
# year; not a span named as a whole ("from 2019-2023").
_YEAR_ASKED = re.compile(
    r"\b(?P<how>in|during|since|after|from|as of)\s+(?:early |late |mid-?)?"
    r"(?P<year>(?:19|20)\d\d)\b(?!\s?[-–]\s?\d)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def states_year_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks of a time by its year and the quotes state years, none of
    them that one, nor a later one for "since" or "after" ("no mention between 2019 and
    2023" does not say what happened since 2023)."""
    asked = list(_YEAR_ASKED.finditer(question))
    if not asked:
        return True
    stated = {int(year) for quote in quotes for year in _YEAR.findall(quote)}
    if not stated:
        return True
    for found in asked:
        year, later = int(found.group("year")), found.group("how").lower() in ("since", "after")
        if any(s > year if later else s == year for s in stated):
            return True
    return False


# "How does the AI Act define high-risk software?", "what counts as open source under the
# act?", "how does the EU define 'monetized' for the exemption?": a law's definition. Not
# the authors' view of how well the laws define it.
_WANTS_DEFINITION = re.compile(
    r"^(?!.*\bauthors?\b)(?=.*\b(?:act|order|eo|law|laws|regulations?|directive|legislation|"
    r"statute|eu|exemptions?|carve-?outs?)\b).*\b(?:defin(?:e|es|ed|ing|ition|itions)|"
    r"counts? as|qualif(?:y|ies) as)\b",
    re.IGNORECASE | re.DOTALL,
)
# A sentence defines a term by a word beside it: "foundation models (meaning generative
# AI…)", "is termed an information hazard", "high-risk software, defined as…".
_DEFINES = r"(?:defin\w*|means|meaning|refers? to|i\.e\.|termed|known as|called)"
# The words that frame the question, not its term ("like, what's the actual definition").
_NOT_TERMS = frozenset(
    "what which does count counts qualify qualifies under that this the like what's whats "
    "actual actually exact exactly definition definitions define defines defined mean means "
    "meaning term".split()
)


_TERM_ASKED = re.compile(
    r"(?=[cqd])\b(?:counts? as|qualif(?:y|ies) as|define|defines|definition of)\s+"
    r"([^?,.;:]+?)(?:\s+(?:for|under|in|by|within|according to)\b|\s*[?,.;:]|\s*$)",
    re.IGNORECASE,
)


# "What does open source actually mean?", "what it means when devs open-source their
# stuff": a meaning asked for, which the sentence that says what the thing is or does
# answers, not one that only uses the word. Such a sentence says it beside a definition's
# word or after a semicolon or colon ("…open-source their software; they freely share…").
_ASKS_MEANING = re.compile(
    r"(?=[wm])\b(?:what (?:does|do|did|is) (?:[\w'\"‘’“”-]+ ){1,6}?(?:actually |even |really |"
    r"literally )?mean|what (?:it|that) (?:actually |even |really )?means|meaning of)\b"
    # Not what something means for someone: its consequences.
    r"(?! for\b)",
    re.IGNORECASE,
)
_MEANING = re.compile(rf"[;:]\s|\b{_DEFINES}\b|\binvolves\b", re.IGNORECASE)
# The term a question asks the meaning of, in quotes: "what does 'restricted weights' mean?",
# "what is 'model collapse' and is that nature paper legit"; not a phrase the asker quotes
# on the way to something else ("what's the 'too much power in too few hands' argument").
_DEFINED_QUOTE = re.compile(
    r"(?=[wdm])\b(?:what(?:'s|’s| is| are|s)(?: an?| the)?|what (?:does|do)|what do (?:they|you|u|"
    r"the authors) mean by|define|meaning of)\s*[\"'‘“]([^\"'’”]{3,60})[\"'’”]\s*"
    r"(?=(?:mean\w*\b)?\s*(?:[?.!,;:(]|$|and\b|in\b|here\b|when\b|supposed\b|exactly\b|"
    r"actually\b))",
    re.IGNORECASE,
)


def defined_quote(question: str) -> str | None:
    """The quoted term `question` asks the meaning of, if it asks so (`_DEFINED_QUOTE`)."""
    return _asked_in(_DEFINED_QUOTE, question)


# "Why did the Llama 3 drop get everyone worked up again?": a reason asked for, which the
# sentence that gives one answers ("…brought fresh attention…, as the potential harms…").
# Asked as the question, not inside it ("the analogy they use for why…" asks for the analogy).
_ASKS_REASON = re.compile(
    r"(?:^|[.?!,;:]\s*|\b(?:so|but|and|ok|okay|then|wait)\s+)\W*(?:why|how come)\b", re.IGNORECASE
)
_REASON = re.compile(
    r"\b(?:because|since|as|due to|therefore|thus|so that|in order to|given that)\b", re.IGNORECASE
)


# What a question asks for, by what the sentence that answers it holds.
_GUIDES = ((_ASKS_MEANING, _MEANING), (_ASKS_REASON, _REASON))


def guide_asked(question: str) -> re.Pattern[str] | None:
    """What a sentence holds that says what something means, or why, if `question` asks
    that; it guides only which sentence of a passage is quoted, not whether it answers."""
    return next((holds for asks, holds in _GUIDES if asks.search(question)), None)


def defines_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks how a law defines a term and no quote defines one of its
    words ("these exemptions do not apply to … high-risk software" only uses it)."""
    if not _WANTS_DEFINITION.search(question):
        return True
    # The term is what follows "counts as" or "define", when the question goes on past it
    # ("what counts as 'systemic risk' for open models": not "open", not "models").
    term_of = _TERM_ASKED.search(question)
    words = {
        w.lower() for w in WORD.findall(term_of.group(1) if term_of else question) if len(w) > 3
    } - _NOT_TERMS
    if not words:
        return True
    term = "|".join(re.escape(w) for w in sorted(words))
    beside = re.compile(
        rf"\b(?:{term})\w*\W+(?:\w+\W+){{0,2}}?{_DEFINES}\b|\b{_DEFINES}\W+(?:\w+\W+){{0,2}}?"
        rf"(?:{term})",
        re.IGNORECASE,
    )
    return any(beside.search(quote) for quote in quotes)


# "Is the executive order still in force?", "heard Trump scrapped it": what became of a law
# or a plan later, which a text states only if it speaks of such a fate.
_ASKS_FATE = re.compile(
    r"(?=[srcoaw])\bstill (?:in (?:force|effect|place)|a thing|valid|(?:the )?law|active|"
    r"on the books|standing|around|alive)\b|\b(?:repeal|revok|rescind|overturn|scrapp|"
    r"cancell?ed|struck down|axed)\w*|"
    # "what happened to biden's ai executive order once trump got in"
    r"\bwhat(?:'s| has)? (?:ever )?happened (?:to|with) (?:[\w.'’-]+ ){0,4}?(?:order|act|law|"
    r"rules?|regulations?|bill|eo)\b",
    re.IGNORECASE,
)
_FATE = re.compile(
    r"\b(?:repeal|revok|revoc|rescind|overturn|scrap|cancel|struck|expire|lapse|"
    r"in force|in effect|remains?)\w*",
    re.IGNORECASE,
)


# "Was Meta one of the signatories?", "is Google among the backers?", "did Meta sign it?":
# whether someone named belongs to a group, which a text answers only if it names them.
_ASKS_MEMBER = re.compile(
    r"\b(?:was|is|were|are)\s+(?P<member>[\w.&-]+(?:\s+[\w.&-]+)?)\s+(?:one of|among)\b|"
    r"\bdid\s+(?P<signer>[\w.&-]+(?:\s+[\w.&-]+)?)\s+(?:sign|endorse|co-?sign)\b|"
    # ...or among those who released open weights: "has openai ever released open weights for
    # anything?", "is claude ever going to release its weights?"
    r"\b(?:has|have|did|does|will|would|is|are)\s+(?P<releaser>[\w.&-]+"
    r"(?:\s+(?!(?:ever|actually|really|going|gonna)\b)[\w.&-]+)?)\s+"
    r"(?:ever\s+|actually\s+|really\s+)*(?:going to\s+|gonna\s+)?(?:release[ds]?|"
    r"open[- ]?sourced?|publish(?:ed)?)\b(?=[^?.!]*\bweights\b)",
    re.IGNORECASE,
)


def names_member_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks whether someone it names belongs to a group
    (`_ASKS_MEMBER`) and no quote names them."""
    found = _ASKS_MEMBER.search(question)
    if found is None:
        return True
    named = found.group("member") or found.group("signer") or found.group("releaser")
    words = named.lower().split()
    if words[0] in ("the", "a", "an"):
        words = words[1:]
    # "Was it one of…", "did they sign…": whom it points at, the asker knows.
    if not words or words[0] in _MEMBER_POINTERS:
        return True
    return any(" ".join(words) in quote.lower() for quote in quotes)


_MEMBER_POINTERS = frozenset("it this that they he she you u we i there anyone anybody".split())
# "Who funds Palisade Research?", "which companies backed the GitHub paper?": who pays for
# or owns something, which a sentence answers only if it speaks of money or ownership.
_ASKS_BACKER = re.compile(
    r"(?=[wb])\b(?:who|which (?:[\w-]+ ){0,2}?(?:companies|company|firms?|investors?|orgs?|"
    r"organi[sz]ations?|groups?))\b(?: \w+)?? (?:funds?|funded|financ\w+|bankroll\w*|"
    r"sponsor\w*|(?:backs|backed)(?! (?:away|off|down|out)\b)|owns?|owned|invest\w*)\b|"
    r"\bbacked by\b|\bbankroll\w*\b",
    re.IGNORECASE,
)
_BACKING = re.compile(
    r"\b(?:fund\w*|financ\w*|bankroll\w*|sponsor\w*|backed|backers?|owns?|owned|owners?|"
    r"invest\w*|paid|pays?|money|grants?)\b",
    re.IGNORECASE,
)


# "Is it illegal in the US to strip the safety tuning off a model?", "is that even legal?":
# whether a deed is lawful, which a sentence answers only if it speaks of law.
_ASKS_LEGALITY = re.compile(
    r"(?=[il])\bis (?:it|this|that|doing that|doing this)(?: \w+){0,2}? (?:il)?legal\b|"
    r"\b(?:il)?legal (?:to|for (?:me|us|someone|anyone|people|them|him|her) to)\b",
    re.IGNORECASE,
)
_LAWFUL = re.compile(
    r"\b(?:(?:il)?legal\w*|laws?|prohibit\w*|bann?\w*|regulat\w*|requir\w*|obligat\w*|"
    r"exempt\w*|liab\w*|acts?|orders?|permit\w*|allow\w*|restrict\w*|lawful\w*|"
    r"unlawful\w*)\b",
    re.IGNORECASE,
)


# "What did Commerce end up recommending after the 4.6 consultation?", "did NTIA ever finish
# that report?": what a process came to, which a sentence answers only if it tells an
# outcome, not the task that was set ("calls for… recommendations").
_ASKS_OUTCOME = re.compile(
    r"(?=[aefuoriwc])\b(?:(?:actually|finally|eventually|ultimately|end(?:ed)? up) "
    r"(?:recommend\w*|decid\w*|say back|said back)|"
    r"(?:results?|outcomes?|findings?|conclusions?) of (?:the|that|this) (?:[\w.-]+ ){0,3}?"
    r"(?:consultation|investigation|inquiry|request for (?:input|comment))|"
    r"ever (?:finish|complet)\w*|ever (?:publish|releas|issu)\w* (?:that|the|its|their|a) "
    r"(?:[\w-]+ ){0,3}?(?:report|findings|recommendations)|"
    r"after (?:the|that|this) (?:[\w.-]+ ){0,4}?(?:consultation|investigation|inquiry))\b",
    re.IGNORECASE,
)
_OUTCOME = re.compile(
    r"\b(?:recommended|concluded|conclusions? (?:was|were)|found that|finds that|decided|"
    r"resulted|the result|the outcome|(?:published|released|issued|finished|completed) "
    r"(?:a|its|the|their) (?:final )?report)\b",
    re.IGNORECASE,
)


# "What datasets was Llama 2 trained on?", "what training data did Meta use?": what a model
# learnt from, which a sentence answers only if it tells what something was trained on, not
# that the data were kept back.
_ASKS_TRAINING_DATA = re.compile(
    r"(?=[wt])\b(?:(?:what|which) (?:kind of |sort of )?(?:[\w-]+ )?(?:training )?(?:data|"
    r"datasets?|corpus|corpora|examples|prompts)\b[^?.!]*\b(?:train|fine[- ]?tun)|"
    r"(?:what|which) training (?:data|datasets?|set|corpus)\b|"
    r"trained on (?:what|which)\b|what (?:was|were|is|are) (?:[\w.-]+ ){1,4}trained on\b)",
    re.IGNORECASE,
)
_TRAINED_ON = re.compile(
    r"\b(?:(?:trained|fine-?tuned) (?:on|using|with)|training (?:data|set|corpus|corpora)s? "
    r"(?:was|were|is|are|"
    r"includ\w*|consist\w*|contain\w*|compris\w*|came)|scraped|crawled)\b",
    re.IGNORECASE,
)


# "Has anyone actually built a bioweapon with an open model?", "any real cases?": whether
# something happened, which a sentence answers only if it tells of a case.
_ASKS_CASE = re.compile(
    r"(?=[hrad])\b(?:ha(?:s|ve) (?:anyone|anybody|someone|somebody|any (?:\w+ )?(?:group|company|"
    r"lab|terrorist|criminal)s?) (?:actually |ever |really |already )*(?:built|made|created|"
    r"used|been (?:hurt|harmed|killed|caught))|(?:any|real|actual|documented)(?:[- ]world)? "
    r"(?:cases|incidents|instances)|real[- ]world (?:examples?|cases?|incidents?))\b",
    re.IGNORECASE,
)
_CASE = re.compile(
    r"\b(?:(?:was|were|has been|have been) (?:used|built|made|created|demonstrated|reported|"
    r"caught)|incidents?|cases? of|for example|e\.g\.|such as|demonstrated|for instance)\b",
    re.IGNORECASE,
)
# "Did Meta get in any legal trouble for releasing Llama 2?", "was anyone sued over it?":
# what befell someone under the law, which a sentence answers only if it tells of a suit, a
# fine or a court.
_ASKS_CONSEQUENCE = re.compile(
    r"(?=[gbisfpcl])\b(?:(?:get|got|gotten|been|be|in|into) (?:in(?:to)? )?(?:any |real |serious )?"
    r"(?:legal )?trouble|(?:sued|fined|prosecuted|penali[sz]ed|charged)\b|lawsuits?)\b",
    re.IGNORECASE,
)
_CONSEQUENCE = re.compile(
    r"\b(?:sued|su(?:es|ing)|lawsuits?|fined|fines|prosecut\w*|penalt\w*|courts?|charged|"
    r"trouble|litigation)\b",
    re.IGNORECASE,
)
# "Is Llama 3 way better than Llama 2 on benchmarks?": a measured performance, which a
# sentence states only by a benchmark, a score or a share.
_ASKS_BENCHMARK = re.compile(
    r"(?=[oiba])\b(?:on|in|by|across) (?:the |standard |public |common )?benchmarks?\b|"
    r"\b(?:benchmark (?:scores?|results?|numbers)|score (?:on|vs|against))\b",
    re.IGNORECASE,
)
_BENCHMARK = re.compile(
    r"\b(?:benchmark\w*|scor(?:e|es|ed|ing)|evaluat\w*)\b|\d\s?%", re.IGNORECASE
)

# "Did palisade put their badllama model out for anyone to download?", "did the badllama ppl
# release their unlocked model": whether someone released a model, which a sentence answers
# only if it speaks of a release, not one that only names the model ("a partly open-source
# LLM developed by Meta in Palisade Research’s paper").
_ASKS_RELEASE = re.compile(
    r"(?=[dhw])\b(?:did|has|have|will|does|do)\s+(?:[\w.&'’-]+\s+){1,3}?"
    r"(?:ever\s+|actually\s+|also\s+|even\s+)?(?:release|publish|open[- ]?source|share|upload|"
    r"put)\w*\s+(?:(?:out\s+)?(?:their|its|the|that|this|his|her)\s+)(?:[\w-]+\s+){0,2}?"
    r"(?:models?|weights|version)\b",
    re.IGNORECASE,
)
_RELEASED = re.compile(
    r"\b(?:releas\w*|publish\w*|shar(?:e|es|ed|ing)|made (?:\w+ )?available|put out|"
    r"upload\w*|download\w*)\b",
    re.IGNORECASE,
)
# "Where is Palisade Research based?", "what's Ladish's job title?": where someone sits or
# what post they hold, which a sentence answers only if it tells a seat or a title.
_ASKS_SEAT = re.compile(
    r"(?=[wjh])\bwhere (?:is|are|was|were) (?:[\w.&'’-]+ ){1,4}?(?:based|located|"
    r"headquartered)\b|\bjob titles?\b|\bheadquarter(?:s|ed)\b",
    re.IGNORECASE,
)
_SEAT = re.compile(
    r"\b(?:based in|located in|headquarter\w*|CEO|director|founder|head of|professor|chief|"
    r"president|fellow|lead(?:s|er)? (?:of|at))\b",
    re.IGNORECASE,
)
# "What did github's eu ai act paper ask lawmakers to change?", "what did they want changed":
# what someone asked of lawmakers, which a sentence answers only if it tells of a call or a
# proposal, not one that tells what the paper argued.
_ASKS_DEMAND = re.compile(
    r"(?=[awuc])\b(?:ask(?:ed|s)?|want(?:ed|s)?|urge[ds]?|call(?:ed|s)? on)\b[^?.!]{0,40}?"
    r"\b(?:lawmakers|legislators|regulators|policymakers|parliament|the eu|congress|"
    r"governments?|brussels)\b[^?.!]{0,20}?\bto (?:change|add|remove|amend|drop|adopt|"
    r"include|exempt|fix)\b|\bwant(?:ed|s)? (?:\w+ ){0,3}?(?:changed|removed|added|amended)\b",
    re.IGNORECASE,
)
_DEMAND = re.compile(
    r"\b(?:calls? (?:for|on)|called (?:for|on)|urg\w+|recommend\w*|propos\w*|asks? (?:for|that)|"
    r"demand\w*|should|amend\w*)\b",
    re.IGNORECASE,
)
# What a question asks after, by the words a sentence must hold to speak of it.
_ASKED_AFTER = (
    (_ASKS_FATE, _FATE),
    (_ASKS_BACKER, _BACKING),
    (_ASKS_LEGALITY, _LAWFUL),
    (_ASKS_OUTCOME, _OUTCOME),
    (_ASKS_TRAINING_DATA, _TRAINED_ON),
    (_ASKS_CASE, _CASE),
    (_ASKS_CONSEQUENCE, _CONSEQUENCE),
    (_ASKS_BENCHMARK, _BENCHMARK),
    (_ASKS_RELEASE, _RELEASED),
    (_ASKS_SEAT, _SEAT),
    (_ASKS_DEMAND, _DEMAND),
)


def speaks_of_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks after a fate, a backer, lawfulness, an outcome, training
    data, a case that happened, what befell someone under the law, a measured performance, a
    release, where someone sits or what post they hold, or what was asked of lawmakers
    (`_ASKED_AFTER`) and no quote speaks of it."""
    return all(
        not asks.search(question) or any(stated.search(quote) for quote in quotes)
        for asks, stated in _ASKED_AFTER
    )


# A name with a version or a number ("Llama 3", "GPT-4", "Section 4.6"): a sentence about
# another of the same name ("Llama 2") does not answer a question about this one.
_VERSIONED = re.compile(r"\b([A-Za-z][A-Za-z-]{2,})[ -](\d{1,3}(?:\.\d+)?)\b")


_ONLY_VERSION = re.compile(
    r"\b(?:or|not) (?:only|just) ([A-Za-z][A-Za-z-]{2,})[ -](\d{1,3}(?:\.\d+)?)\b", re.IGNORECASE
)


def names_version_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` names a numbered thing ("Llama 3") and the quotes name only
    others of that name ("Llama 2"), none it asks of ("llama 3, same deal as llama 2?" is
    answered by a quote of either)."""
    asked = _numbers_by_name([question])
    # "Did badllama work on llama 3 too or only llama 2?" asks of the one not known.
    for name, number in _ONLY_VERSION.findall(question):
        others = asked.get(name.lower(), set()) - {number}
        if others:
            asked[name.lower()] = others
    stated = _numbers_by_name(quotes)
    return all(name not in stated or numbers & stated[name] for name, numbers in asked.items())


# "Does llama 3 have better safety guardrails than llama 2?": how two versions compare on
# safety, which a sentence answers only if it speaks of safety ("Meta released Llama 3 with
# the same open-weights policy" does not).
_ASKS_SAFER = re.compile(
    r"(?=[slmhbw])\b(?:safer|less safe|more (?:robust|secure|dangerous)|harder to (?:jailbreak|"
    r"break|crack|strip|un-?safety|uncensor|fine-?tune)|(?:better|stronger|weaker) (?:safety|"
    r"guardrails?|safeguards?))\b",
    re.IGNORECASE,
)
_SAFETY = re.compile(
    r"\b(?:safe(?:ty|r|guards?)|guardrails?|refus\w*|robust\w*|jailbreak\w*|harmless\w*)\b",
    re.IGNORECASE,
)


def compares_safety_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks how two versions of one name ("llama 3", "llama 2") compare
    on safety and no quote speaks of safety."""
    if not _ASKS_SAFER.search(question):
        return True
    if all(len(numbers) < 2 for numbers in _numbers_by_name([question]).values()):
        return True
    return any(_SAFETY.search(quote) for quote in quotes)


def _numbers_by_name(texts: Sequence[str]) -> dict[str, set[str]]:
    """Each numbered name of `texts` ("llama"), lower-cased → the numbers it is given."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for name, number in _VERSIONED.findall(text):
            found.setdefault(name.lower(), set()).add(number)
    return found


# "Who else wrote the BadLlama paper besides Ladish?", "the other co-signers?": people
# beside one named, whom a sentence names only by a person's name ("Jeffrey Ladish"), not
# by an organisation's ("Palisade Research") or a law's.
_ASKS_OTHER_PEOPLE = re.compile(
    r"(?=[wofc])\b(?:who else|(?:other|fellow) (?:co-?)?(?:authors?|writers?|signatories|"
    r"signers|researchers)|co-?(?:authors?|signatories|signers|signed|wrote))\b|"
    r"\bwho\b[^?.!]*\b(?:besides|apart from|other than|except)\b|"
    r"\b(?:besides|apart from|other than|except)\b[^?.!]*\bwho\b",
    re.IGNORECASE,
)
_PERSON = re.compile(r"\b([A-Z][a-z]+) (?:[A-Z]\. )?([A-Z][a-z-]+)(?:['’]s)?\b")
_NOT_A_PERSON = re.compile(
    r"Research|Institute|Act|Order|Analysis|Program|Review|Forum|Statement|Paper|Models?|"
    r"Language|Intelligence|Commerce|Rights|House|Union|Council|Parliament|Engineering"
)


def names_other_person(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks who else, beside someone it names, and no quote names a
    person it does not."""
    if not _ASKS_OTHER_PEOPLE.search(question):
        return True
    asked = {word.lower() for word in WORD.findall(question)}
    return any(
        not _NOT_A_PERSON.fullmatch(last) and not {first.lower(), last.lower()} & asked
        for quote in quotes
        for first, last in _PERSON.findall(quote)
    )


# "Do the authors personally think open source AI should be banned?": the review's own view,
# which a sentence that tells what others argue ("many argue…", "others counter…", "the
# authors conclude" of a paper it cites) does not state.
_ASKS_OWN_VIEW = re.compile(
    r"(?=[d])\b(?:do|does|did) (?:the )?(?:authors?|convergence|the review)(?: \w+)? "
    r"(?:think|believe|recommend|support|want|endorse|favou?r|advocate|propose)\b",
    re.IGNORECASE,
)
_OTHERS_ARGUE = re.compile(
    r"\b(?:many|some|others|critics|proponents|opponents|experts|people|supporters)"
    r"(?: \w+)? (?:argue|argued|counter|countered|claim|say|believe|have pointed out|suggest)\b|"
    r"\bthe authors conclude\b|\bas argued in\b|\bOur results\b",
    re.IGNORECASE,
)


def states_own_view(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks what the review's authors themselves think or recommend
    and every quote tells what others argue."""
    if not _ASKS_OWN_VIEW.search(question):
        return True
    return any(not _OTHERS_ARGUE.search(quote) for quote in quotes)


# "What does the model registries post in the same series say?", "what did the other
# convergence posts find…": what another post of the series says, which the review names only
# as a topic it leaves to them; not which posts there are ("how many posts in the series?").
_OTHER_POST = (
    r"(?:other|another|next|previous|earlier|later|sister|companion|rest of the) "
    r"(?:convergence |cai )?(?:posts?|articles?|pieces?|entries|installments?)|"
    r"(?:posts?|articles?|pieces?|entries) (?:in|from|of) (?:the|this|that) (?:same )?series|"
    r"same (?:convergence |cai )?series|"
    # Convergence's post by another title: "convergence's incident reporting post".
    r"(?:convergence|cai)(?:'s|’s) (?!open)(?:[\w-]+ ){1,3}?(?:posts?|articles?|pieces?)"
)
_SAYS = r"say|says|said|find|finds|found|conclude[ds]?|argue[ds]?|recommend(?:s|ed)?|propose[ds]?"
_ASKS_OTHER_POST = re.compile(
    rf"\b(?:{_OTHER_POST})\b(?=[^?.!]*\b(?:{_SAYS}|think)\b)|"
    rf"\b(?:{_SAYS})\b[^?.!]*\b(?:{_OTHER_POST})\b|"
    # A post of the same series by its title is what all of the question asks of.
    r"\b[\w-]+ (?:post|article|piece) (?:in|from|of) (?:the|this|that) "
    r"(?:same (?:convergence |cai )?|convergence |cai )series\b",
    re.IGNORECASE,
)


def asks_other_post(question: str) -> bool:
    """Whether `question` asks what another post of the review's series says
    (`_ASKS_OTHER_POST`)."""
    return _ASKS_OTHER_POST.search(question) is not None


# "What else has toby shevlane written besides the structured access paper?", "other work by
# ladish?": someone's other works, which the review, citing one each, never lists.
_ASKS_OTHER_WORKS_BY = re.compile(
    r"(?=[wo])\bwhat else (?:has|have|did|does|do) (?:[\w.'’-]+ ){1,3}?(?:written|write|wrote|"
    r"published|publish|done|worked on|work on|authored|put out)\b|"
    r"\bother (?:papers|work|works|articles|books|posts|research) (?:by|from)\b",
    re.IGNORECASE,
)


def asks_other_works_by(question: str) -> bool:
    """Whether `question` asks what else someone wrote or did (`_ASKS_OTHER_WORKS_BY`)."""
    return _ASKS_OTHER_WORKS_BY.search(question) is not None


# What a "how many" question counts ("how many countries signed…"), and what a figure in a
# quote counts ("signed by over 1,800 people", "a series of ~10 posts").
_COUNT_ASKED = re.compile(
    r"(?=h)\bhow many (?:different |distinct |individual |separate )?([a-z][\w-]*)", re.IGNORECASE
)
_COUNTED = re.compile(r"(?<![\w.,])\d+(?:,\d{3})*\+?\s+([a-z][\w-]*)", re.IGNORECASE)
# Kinds of things counted, each by any of its words.
_PEOPLE = frozenset(
    "people ppl persons individuals signatories signatures signers names folks humans".split()
)
_ALIKE = (
    _PEOPLE,
    frozenset("posts installments instalments articles entries parts pieces episodes".split()),
)


def counts_kind_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks how many of one kind of thing ("how many countries signed
    mozilla's letter?", "how many ppl work at convergence?") and the quotes' figures count
    only another ("over 1,800 people", "~10 posts")."""
    asked = (_asked_in(_COUNT_ASKED, question) or "").lower()
    counted = [
        word
        for quote in quotes
        for found in _COUNTED.finditer(quote)
        if _counts_things(word := found.group(1).lower())
    ]
    if not _counts_things(asked) or not counted:
        return True
    return any(
        asked.rstrip("s") == c.rstrip("s") or any({asked, c} <= kind for kind in _ALIKE)
        for c in counted
    )


def _counts_things(word: str) -> bool:
    """Whether `word`, after "how many" or a figure, names what is counted: a plural or
    people ("how many signed" counts no kind of thing, nor "in 2023 the")."""
    return word in _PEOPLE or (len(word) > 3 and word.endswith("s") and not word.endswith("ss"))


# Who came first: "which company was first one to open source a LLM", "who was the first to
# publish weights". The review tells no history: only a sentence that says who was first
# answers it ("Meta's Llama 2" does not).
_ASKS_FIRST = re.compile(
    r"(?=[wt])\b(?:(?:who|which|what)\b[^?.!]{0,30}?\b(?:was|were|is)|the) (?:the )?(?:very )?"
    r"first(?: one| company| country| lab| government| jurisdiction| org\w*| firm)?"
    r"(?: to\b| ever\b|\W*$)",
    re.IGNORECASE,
)
_SAYS_FIRST = re.compile(r"\b(?:first|earliest|pioneer\w*|led the way)\b", re.IGNORECASE)


def states_first_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks who or what came first and no quote says who did."""
    return _ASKS_FIRST.search(question) is None or any(map(_SAYS_FIRST.search, quotes))


def first_answers(question: str, quotes: Sequence[str]) -> bool:
    """Whether the texts of a first quote (`quotes`: its own and its continuation's) may
    answer `question` surely: they name someone for "who" (a person not named, for "who
    else"), state more than what others argue for the authors' own view, speak of what it
    asks after (`speaks_of_asked`), name the numbered thing asked of ("Llama 3") and speak
    of safety when two of its versions are compared on it, speak of the year asked of,
    define the term a law's definition asks for, state the tasks asked for and count for
    the work asked of and the kind of thing asked, name whom it asks about as one of a group,
    say who came first when asked; and the question asks for
    no pick the review never makes, nor what another post of its series says, nor what else
    someone wrote."""
    return (
        names_someone(question, quotes)
        and names_other_person(question, quotes)
        and states_own_view(question, quotes)
        and speaks_of_asked(question, quotes)
        and names_version_asked(question, quotes)
        and compares_safety_asked(question, quotes)
        and states_year_asked(question, quotes)
        and defines_asked(question, quotes)
        and states_tasks_asked(question, quotes)
        and counts_for_asked(question, quotes)
        and names_member_asked(question, quotes)
        and states_first_asked(question, quotes)
        and counts_kind_asked(question, quotes)
        and not asks_for_pick(question)
        and not asks_other_post(question)
        and not asks_other_works_by(question)
    )


# "What exactly does 4.6 tell the Secretary of Commerce to do?", "the actual list": what is
# to be done, item by item.
_WANTS_TASKS = re.compile(
    r"(?=[tafeslw])\b(?:to do\b|(?:actual|full|exact|specific|whole) (?:list|tasks|steps|"
    r"deliverables|requirements|duties)\b|list (?:the|its|all|of) (?:tasks|steps|deliverables|"
    r"requirements|duties)\b)",
    re.IGNORECASE,
)


def states_tasks_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks what someone is to do and the quote ends on the lead-in
    to a list the corpus does not hold ("4.6 calls for the Secretary of Commerce to:")."""
    return not (_WANTS_TASKS.search(question) and quotes and quotes[-1].rstrip().endswith(":"))


def answers_kind(kind: re.Pattern[str] | None, quotes: Sequence[str]) -> list[bool]:
    """Per quote, False when the question asks for a `kind` (`wanted_kind`: a date for
    "when", a figure for "how many") that the quote does not state: then it is at best
    related."""
    return [kind is None or kind.search(quote) is not None for quote in quotes]
