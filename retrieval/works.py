"""Works a question names: the review itself, or another paper, law, report or view, asked
of by title, by its author or by whose it is."""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.wordweights import is_english

# Possessors that are the review's own: "the review's", "the authors'", "Convergence's".
REVIEWS_OWN = r"the|this|review|authors?|convergence|its|their"
# A possessive that names no one else: the review's, or a pronoun's ("my paper", "his take").
_NO_OTHER_OWNER = rf"{REVIEWS_OWN}|his|her|our|my|your"
# A work named by more than a determiner ("the pandemic agents paper", "Mozilla's letter")
# is not the review: who wrote it or when is a question about what the review says of it.
_OTHER_WORK = re.compile(
    r"(?<!['’])\b(?!(?:this|that|the|your|its|their|a|an|whole|full|original|same|review|"
    r"convergence|standalone|stand-alone|separate|single|one-off)\b)[\w-]+(?:'s|’s)? "
    r"(?:paper|study|letter|statement|interview|announcement|position paper|blog post)\b|"
    # "The paper on pandemic agents": one named by its subject, unless that is the review's.
    r"\bthe (?:paper|study|letter|statement|interview|announcement) (?:on|about|by|from) "
    r"(?!(?:open[- ]?sourc\w*|this|it|convergence|the review)\b)",
    re.IGNORECASE,
)
# Words by which a question points at the review itself: "who's behind this?", "who wrote
# the paper?". A question about the document that says none of them may ask of another one.
_POINTS_AT_REVIEW = re.compile(
    # "This week" and its kin point at a time, not at the review.
    r"\b(?:this(?!\s+(?:week|weekend|month|year|morning|afternoon|evening|quarter|season)\b)|"
    r"it|here|the (?:review|paper|article|post|report|piece|series|document|study|"
    r"(?:whole|entire) thing)|"
    # "The authors' bottom line": this review's, unless another work's ("the authors of…").
    r"the authors?(?:'s?|’s?)?(?! of\b)|"
    # What the bot knows is the review: "is your info up to date?"
    r"(?:your|ur) (?:info|information|data|knowledge|facts))\b",
    re.IGNORECASE,
)
# "Who wrote the wealth of nations", "who published it", "who's behind llama 2": the work
# whose credit is asked.
# It ends before the words after it: "who wrote linux originally and when", "who wrote
# attention is all you need lol i always forget the author list".
_CREDIT_END = (
    r"(?=\s+(?:originally|first|initially|and when|back then|in the first place|lol|lmao|haha|"
    r"btw|tbh|again|i)\b|\s*[,;:.?!]|\s*$)"
)
_CREDITED = re.compile(
    r"(?=w)\bwho (?:(?:actually|really|even|exactly) )?(?:wrote|authored|published|made|"
    rf"produced|compiled)\s+(?P<work>[^,;:.?!]+?){_CREDIT_END}|"
    r"(?=w)\bwho(?: is|'s|’s)(?: (?:actually|really|even))? behind\s+"
    rf"(?P<behind>[^,;:.?!]+?){_CREDIT_END}",
    re.IGNORECASE,
)


def credited_work(text: str) -> str | None:
    """The work whose author or publisher `text` asks for, when it names one other than by
    pointing at the review ("who wrote the wealth of nations"; not "who wrote this")."""
    found = _CREDITED.search(text)
    work = None if found is None else found.group("work") or found.group("behind")
    if work is None or points_at_review(work):
        return None
    return work


# The asker's own work is no other one the question asks of: "need the date for the refs in
# our AI governance paper".
_ASKERS_WORK = re.compile(
    r"\b(?:my|our)(?: [\w-]+){0,3}? (?:paper|study|letter|statement|blog post|essay|thesis|"
    r"memo|brief|report|article)s?\b",
    re.IGNORECASE,
)


def names_other_work(text: str) -> bool:
    """Whether `text` names a work other than the review ("that pandemic agents paper",
    "Mozilla's letter"), not the asker's own."""
    return _OTHER_WORK.search(_ASKERS_WORK.sub(" ", text)) is not None


# A law called by its name: up to three words before its kind ("act", "directive"), after
# "the" ("the cyber resilience act") or all capitalised ("CHIPS Act", "the General Data
# Protection Regulation"); not a verb ("how developers act"). "Regulation" counts only
# capitalised: "the AI regulation debate" names none. ("Bill" is left out: the review's own
# Bill of Rights goes by many names, "the white house bill" among them.)
_LAW = re.compile(r"(?=[adR])\b(?:act|directive|(?-i:Regulation))\b", re.IGNORECASE)
_NOT_IN_NAME = frozenset(
    "the a an this that these those of on in under by to for and or with about from at as "
    "its their our new proposed whole".split()
)


# The words that open a question.
_OPENERS = (
    r"how|what|why|when|where|who|which|will|would|should|can|could|does|do|did|is|are|was|"
    r"were|shall|may|might|must"
)
# A message that opens by asking: the words before "act" are no name ("how will china act").
_ASKING = re.compile(rf"\W*(?:{_OPENERS})\b", re.IGNORECASE)
# "Act" as a verb: "how do european regulators act on it?"
_ACTS_AS_VERB = re.compile(
    r"\s+(?:on|upon|as|to|against|in|quickly|fast|now|together|like|first|alone)\b",
    re.IGNORECASE,
)


def named_laws(text: str, is_place: Callable[[str], bool] | None = None) -> list[list[str]]:
    """The laws `text` names, each as the words of its name and its kind, in lower case
    ("cyber resilience act", "EU data act"), possessives dropped: after "the" or opening
    the text, in title case, or, with `is_place`, led by a place's name ("european
    accessibility act")."""
    laws = []
    for found in _LAW.finditer(text):
        kind = found.group().lower()
        before = text[: found.start()].split()
        words = before[-4:]
        named = _last_words(words, lambda word: word.lower() not in _NOT_IN_NAME)
        verb = kind == "act" and _ACTS_AS_VERB.match(text, found.end()) is not None
        # After "the", or opening the message ("colorado AI act — what counts as…"; not "how
        # will china act").
        after_the = len(named) < len(words) and words[-len(named) - 1].lower() == "the"
        opening = len(named) == len(before) and not verb and not _ASKING.match(text)
        if not (after_the or (named and opening)):
            titled = found.group()[0].isupper()
            named = _last_words(words, lambda word: word[0].isupper()) if titled else []
            if not named and is_place is not None and not verb:
                named = _from_place(words, is_place)
        if named:
            laws.append([*(POSSESSIVE.sub("", word) for word in named), kind])
    return laws


def _from_place(words: list[str], is_place: Callable[[str], bool]) -> list[str]:
    """The last words of `words` from a place's name on, if one leads one or two words
    before the end ("european accessibility")."""
    for start in (len(words) - 3, len(words) - 2):
        if start >= 0 and is_place(words[start]):
            return words[start:]
    return []


def _last_words(words: list[str], keep: Callable[[str], bool], most: int = 3) -> list[str]:
    """The last words of `words` that all `keep` holds of, at most `most` of them."""
    start = len(words)
    while start and len(words) - start < most and keep(words[start - 1]):
        start -= 1
    return words[start:]


# Words whose "'s" is "is" or "has": "there's a paper…", "what's the post…".
_CONTRACTED = r"there|here|what|who|that|it|he|she|let|where|how|when|everyone|nobody"
# A possessive that may name someone else: not the review's, a pronoun's or a contraction.
_NOT_AN_OWNER = rf"(?!(?:{_NO_OTHER_OWNER}|{_CONTRACTED}|one|someone|somebody)['’])"
# ...starting a word.
_OWNER = rf"(?<![\w'’-]){_NOT_AN_OWNER}"
# A work called by whose it is: up to three capitalised words before its kind ("the RAND
# report", "Google DeepMind's frontier safety framework"), or its first author ("(Irving et
# al.)").
_WORK_BY_NAME = re.compile(
    r"\b((?:[A-Z][\w.&-]*(?:'s|’s)?\s+){1,3})(?:[a-z][\w-]*\s+){0,3}?(?:report|paper|study|"
    r"article|book|post|framework|letter|statement|interview|survey|white ?paper|blog|essay|"
    r"definition)s?"
    # ...or by its first author, in any case: "(Irving et al.)", "qi et al 'fine-tuning…'".
    r"\b|\b([A-Za-z][\w-]+) et al\b|"
    # ...or, typed in lower case, by a possessive: "matt sheehan's carnegie paper", "bengio's
    # international ai safety report".
    rf"{_OWNER}([a-z][\w.&-]*)(?:'s|’s) ((?:[a-z0-9][\w-]*\s+){{0,4}}?)(?:report|paper|study|"
    r"article|framework|survey|white ?paper|post|index|plan|newsletter|podcast|definition|"
    r"essay|interview)s?\b|"
    # ...or by author and year: "(bengio, 2025)".
    r"\(([A-Za-z][\w-]+),? (?:et al\.?,? )?(?:19|20)\d\d\)"
)
# Words before a work's kind that tell which of someone's works, not its title: "meta's new
# paper", "github's blog post".
_NOT_A_TITLE = frozenset(
    "new latest recent old first second third last final original early draft updated big "
    "famous viral whole full own other ai blog policy position white".split()
)
_SENTENCE_START = re.compile(r"(?:^|[.?!]\s*)$")


# A work whose name opens the message, bare: "ftc blog post on open weights models from july
# 2024, what was their position", "deepseek r1 tech report, what did they say it cost".
_OPENING_WORK = re.compile(
    rf"\W*(?!(?:{_OPENERS}|the|a|an|this|that|my|our|your|any|some|best|good)\b)"
    r"((?:[\w.&-]+\s+){1,3}?)(?:blog post|tech(?:nical)? report|report|paper|study|index|"
    r"framework|white ?paper|definition|survey|preprint)s?\b",
    re.IGNORECASE,
)


def owned_titles(text: str) -> list[str]:
    """The titles of the works `text`, typed in lower case, calls by whose they are: the
    words between the possessive and the kind ("anthropic's sleeper agents paper" →
    "sleeper agents"), less those that tell which of someone's works ("meta's new paper")."""
    titles = []
    for found in _WORK_BY_NAME.finditer(text):
        title = [word for word in (found.group(4) or "").split() if word not in _NOT_A_TITLE]
        if title:
            titles.append(" ".join(title))
    return titles


# Whose a title is, when "the" follows the possessive: "brian christian's the alignment
# problem".
_OWNED_THE = re.compile(
    rf"{_OWNER}([\w.&-]+)(?:'s|’s) the\b",
    re.IGNORECASE,
)


def named_works(text: str) -> list[list[str]]:
    """The names of the works `text` calls by whose they are ("RAND", "Google DeepMind",
    "Irving"), possessives dropped; a sentence's first word is no name by its capital alone
    (a possessive or an acronym is: "RAND's red team study", "OSI open source ai
    definition"); the asker's own work ("for my seminar paper") is none."""
    text = _ASKERS_WORK.sub(" ", text)
    works = []
    for found in _WORK_BY_NAME.finditer(text):
        named = (found.group(1) or found.group(2) or found.group(3) or found.group(5)).split()
        words = [POSSESSIVE.sub("", word) for word in named]
        first = named[0]
        capital_only = found.group(1) is not None and not (
            POSSESSIVE.search(first) or (len(first) > 1 and first.isupper())
        )
        if capital_only and _SENTENCE_START.search(text[: found.start()]):
            words = words[1:]
        if words:
            works.append(words)
    works.extend([found.group(1)] for found in _OWNED_THE.finditer(text))
    opening = _OPENING_WORK.match(text)
    if opening:
        works.append(opening.group(1).split())
    return works


# A work typed in lower case, after "the" or "that", up to three words before its kind: "the
# stanford ai index", "the rand red team study". Whose or what it is comes first.
_PLAIN_WORK = re.compile(
    r"\b(?:the|that|this)\s+((?:[a-z][\w.&-]*\s+){1,3}?)(?:report|paper|study|index|essay|"
    r"preprint|blog post|survey|white ?paper)s?\b"
)


def plain_works(text: str) -> list[list[str]]:
    """The words naming each work `text` calls by a lower-case name before its kind ("the
    stanford ai index" → stanford, ai); the asker's own work ("for our annual report") is
    none."""
    text = _ASKERS_WORK.sub(" ", text)
    return [found.group(1).split() for found in _PLAIN_WORK.finditer(text)]


# A court case by its parties: "bernstein v DOJ", "Authors Guild v. Google".
_CASE_NAME = re.compile(r"(?<![\w.-])([^\W\d_][\w.&'’-]*) v\.? ([^\W\d_][\w.&'’-]*)")


def court_cases(text: str) -> list[list[str]]:
    """The parties of each court case `text` names ("bernstein v DOJ": bernstein, DOJ)."""
    return [[found.group(1), found.group(2)] for found in _CASE_NAME.finditer(text)]


# Whether a model is open, asked of it by name: "is alphafold open source?", "deepseek r1 is
# it really open source or just open weights".
_OPENNESS_OF = re.compile(
    r"\b(?:(?:is|are) (?P<asked>(?:[\w.’'-]+ ){1,4}?)|(?P<named>(?:[\w.’'-]+ ){1,3}?)"
    r"(?:is|are) (?:it|they) )(?:(?:really|actually|truly|fully|even|still) )?"
    # Said of it, not of a noun after ("an open-source champion").
    r"(?:open[- ]?source|open[- ]?weights?)(?=\s*(?:[?.!,;]|$|or\b|and\b|too\b|now\b))"
    # "does ecmwf's aifs have open weights?"
    r"|\b(?:does|do|did) (?P<has>(?:[\w.’'-]+ ){1,4}?)(?:have|ship with|come with|release) "
    r"(?:open|public|downloadable|released) weights\b"
    # "has openai ever open sourced any of its models?"
    r"|\b(?:has|have|did) (?P<opened>(?:[\w.’'-]+ ){1,3}?)(?:(?:ever|actually|really) )*"
    r"(?:open[- ]?sourced?|released open weights)\b",
    re.IGNORECASE,
)


# Words around a name that are none of it: "is it…", "is the model…".
_NOT_A_NAME = _NOT_IN_NAME | frozenset("it they them this that these those model models".split())


def openness_asked_of(text: str) -> list[list[str]]:
    """The names of what `text` asks whether it is open ("is alphafold open source?":
    alphafold)."""
    found = []
    for match in _OPENNESS_OF.finditer(text):
        asked = match.group("asked") or match.group("named") or match.group("has")
        words = (asked or match.group("opened")).split()
        # A name, not the asker's words around it ("are meta's models genuinely…").
        bare = [POSSESSIVE.sub("", w) for w in words if w.lower() not in _NOT_A_NAME]
        # A version number names with the word before it, everyday or not ("evo 2").
        versioned = {i for i, w in enumerate(bare[1:]) if w[0].isdigit()}
        named = [w for i, w in enumerate(bare) if _typed_as_name(w) or i in versioned]
        if named:
            found.append(named)
    return found


def _typed_as_name(word: str) -> bool:
    """Whether `word` is typed as a name: capitalised, or no everyday word ("openai")."""
    return word[0].isupper() or not is_english(word.lower())


# Who founded or owns something, by its name: "who founded OpenAI and why did it stop being
# open". The review tells no history of anyone it does not name.
_FOUNDER_OF = re.compile(
    r"(?=w)\bwho (?:first |originally )?(?:founded|co-?founded|started|created|invented|owns|"
    r"bought) ([\w.&-]+)",
    re.IGNORECASE,
)


def founded(text: str) -> list[list[str]]:
    """The names `text` asks who founded or owns ("who founded OpenAI": OpenAI), not an
    everyday word ("who started the debate")."""
    return [
        [name]
        for found in _FOUNDER_OF.finditer(text)
        if not is_english((name := found.group(1)).lower())
    ]


# A view called by whose it is: "a16z's position on open source ai regulation?", "mozilla's
# take on it"; not the review's own ("the authors' take", "convergence's view", "their
# stance").
_VIEW_BY_NAME = re.compile(
    rf"(?<![\w'’-])(?!(?:{_NO_OTHER_OWNER})"
    r"(?:'|’))([\w.&-]+)(?:'s|’s|s'|s’) (?:(?:official|public|current|own|overall|latest|"
    r"actual|real) )?(?:position|stance|views?|take|opinion|thoughts|line|polic(?:y|ies)|"
    r"guidelines|guidance)(?: (?:on|about|re|regarding|towards?)\b|(?=\W*$))",
    re.IGNORECASE,
)


# Whose something is, opening the message: "aschenbrenner's situational awareness, does he
# talk about open weights?"; not "what's the interviewee's bottom line?".
_OPENING_POSSESSOR = re.compile(
    rf"\W*{_NOT_AN_OWNER}([\w.&-]+)(?:'s|’s)\b",
    re.IGNORECASE,
)


def opening_possessor(text: str) -> str | None:
    """Whose something `text` opens by speaking of, other than the review's or a
    pronoun's."""
    found = _OPENING_POSSESSOR.match(text)
    return None if found is None else found.group(1)


# Whose view the review is asked to agree with, by a capitalised name: "do the authors agree
# with Bender and Gebru that…", "does it side with LeCun".
_AGREES_WITH = re.compile(
    r"\b(?:agree|agrees|disagree|disagrees|side|sides|siding|agreeing) with "
    r"((?-i:[A-Z])[\w.&'’-]*)(?: (?:and|&) ((?-i:[A-Z])[\w.&'’-]*))?",
    re.IGNORECASE,
)


# What someone, by a name, said: "what did openai say about open sourcing?"; not "what did
# everyone say" (an everyday word), nor "what did they argue".
_SAID_BY = re.compile(
    r"\bwhat (?:did|does|do|has|have) ([\w.&-]+) (?:(?:ever|actually|publicly|officially) )?"
    r"(?:say|said|think|argue|argued|claim|claimed|write|written|recommend|propose|publish)\b",
    re.IGNORECASE,
)


def view_holders(text: str) -> list[str]:
    """Whose views `text` asks for by a possessive ("a16z's position on…" → "a16z"), by
    what they said ("what did openai say…"), or asks the review to agree with by name
    ("agree with Bender and Gebru"), other than the review's."""
    holders = [found.group(1) for found in _VIEW_BY_NAME.finditer(text)]
    said = (found.group(1) for found in _SAID_BY.finditer(text))
    holders.extend(filter(_typed_as_name, said))
    for found in _AGREES_WITH.finditer(text):
        holders.extend(POSSESSIVE.sub("", name) for name in found.groups() if name)
    return holders


# The review by name, not by a pronoun that may stand for anything ("recap it?").
_NAMES_REVIEW = re.compile(
    r"\b(?:(?:the|this) review|convergence|the authors?(?:'s?|’s?)?(?! of\b))\b", re.IGNORECASE
)


def names_review(text: str) -> bool:
    """Whether `text` names the review ("the review's bottom line", "Convergence's view")."""
    return _NAMES_REVIEW.search(text) is not None


def points_at_review(text: str, here: bool = True, it: bool = True) -> bool:
    """Whether `text` points at the review itself ("this", "it", "the paper"); without
    `here`, "here" does not count (beside a question it is more often the place: "I'm
    procrastinating here"); without `it`, neither does "it", which may stand for anything
    a clause before named."""
    left_out = {"here"} if not here else set()
    if not it:
        left_out.add("it")
    return any(found.group().lower() not in left_out for found in _POINTS_AT_REVIEW.finditer(text))


POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# A phrase the asker puts in quotes: "what's an 'information hazard' supposed to be".
_QUOTED_PHRASE = re.compile(
    r"""(?:(?<![\w'’])'([^'\n]{3,100})'(?![\w'’])|"([^"\n]{3,100})"|‘([^’\n]{3,100})’|“([^”\n]{3,100})”)"""
)


def quoted_phrases(question: str) -> list[str]:
    """The phrases of two or more words that `question` puts in quotes."""
    found = (next(g for g in m.groups() if g) for m in _QUOTED_PHRASE.finditer(question))
    return [phrase.strip() for phrase in found if len(phrase.split()) >= 2]


# What follows a work's quoted title: `the "Sparks of AGI" paper`, `"core views" blog post`.
_WORK_AFTER = re.compile(
    r"\W{0,3}\s*(?:\w+(?:'s|’s)? )?(?:paper|post|blog|article|book|report|essay|study|letter|"
    r"talk|podcast|episode|video|memo|speech|piece)s?\b",
    re.IGNORECASE,
)


def quoted_titles(question: str) -> list[str]:
    """The quoted phrases of `question` written as titles are: most of their words capitalised
    ("On the Dangers of Stochastic Parrots"), a kind of work right after them, or its authors
    or a summary asked of it right before ("qi et al 'fine-tuning aligned language
    models…'", "tldr of 'on the opportunities…'")."""
    titles = []
    for found in _QUOTED_PHRASE.finditer(question):
        phrase = next(g for g in found.groups() if g).strip()
        words = phrase.split()
        capitalised = sum(w[0].isupper() for w in words)
        if len(words) >= 2 and (
            capitalised * 2 > len(words)
            or _WORK_AFTER.match(question, found.end())
            or _AUTHORS_BEFORE.search(question, 0, found.start())
        ):
            titles.append(phrase)
    return titles


_AUTHORS_BEFORE = re.compile(
    r"(?:\bet al\.?|\b[a-z][\w'’-]+ (?:&|\+) [a-z][\w'’-]+|"
    # ...or whose it is: "bostrom's 'information hazards: a typology…'"
    rf"{_OWNER}[a-z][\w.&-]*(?:'s|’s)|"
    # ...or a summary asked of it: "tldr of 'on the opportunities and risks of…'"
    r"\b(?:tl;?dr|summary|summari[sz]e|gist|key points|takeaways|recap)(?: of| on)?),?\s*$",
    re.IGNORECASE,
)
# An ellipsis the asker puts in a title they shorten: "'will releasing the weights… pandemic
# agents' paper" holds two pieces of the title.
_ELLIPSIS = re.compile(r"\s*(?:\.{2,}|…)\s*")


def title_pieces(title: str) -> list[str]:
    """The pieces of a quoted title that an ellipsis leaves out between."""
    return [piece for piece in _ELLIPSIS.split(title) if piece.strip()]
