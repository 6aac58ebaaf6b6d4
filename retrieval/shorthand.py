"""How people type, read as meant: chat shorthand as the words it stands for ("ppl" is
"people"); an @handle typed as text ("@Verbatim what is RLHF?"), a greeting or thanks before
a question ("hey, what does the EU exempt?") and a request for a place in the review ("quote
the part about Linux") as asking nothing themselves; shouting in lower case; a run of marks
as one; a link to a document as "this"."""

from __future__ import annotations

import re
from collections.abc import Mapping

from retrieval.wordweights import is_english, zipf

# Only shorthand with one reading in questions about policy: "dev" may be development,
# "reg" a registry, "atm" a cash machine, so they stay as typed.
_MEANT = {
    "ppl": "people",
    "abt": "about",
    "gov": "government",
    "govt": "government",
    "govts": "governments",
    "exec": "executive",
    "devs": "developers",
    "regs": "regulations",
    "org": "organization",
    "orgs": "organizations",
    "info": "information",
    "defn": "definition",
    "ckpt": "checkpoint",
    "ckpts": "checkpoints",
    "w/o": "without",
    "w/": "with",
    "b/c": "because",
    "bc": "because",
    "cuz": "because",
    "tho": "though",
    "thru": "through",
    "pls": "please",
    "plz": "please",
    "smth": "something",
    "rn": "now",
    "tbh": "to be honest",
    "imo": "in my opinion",
    "idk": "I don't know",
    "btw": "by the way",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "yrs": "years",
    "diff": "difference",
    "gimme": "give me",
    "lemme": "let me",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "thx": "thanks",
    "one-liner": "one sentence",
    "one-liners": "sentences",
}
# Longest first, so "w/o" is read before "w/"; a slash is part of the shorthand, so neither
# side may touch another word character or slash.
_LONGEST_FIRST = "|".join(map(re.escape, sorted(_MEANT, key=len, reverse=True)))
_SHORTHAND = re.compile(rf"(?<![\w/])({_LONGEST_FIRST})(?![\w/])", re.IGNORECASE)


def expand_shorthand(text: str) -> str:
    """`text` with chat shorthand written out ("what do ppl say" → "what do people say") and
    a dropped "g" put back ("sellin" → "selling")."""
    return _DROPPED_G.sub(_with_g, _SHORTHAND.sub(lambda m: _MEANT[m.group().lower()], text))


# "Sellin'", "tryin", "nothin": a word of five letters or more ending in "in", whose "-ing"
# form English uses far more (by its Zipf frequency); not a word of its own ("raisin",
# "statin", "Linkin").
_DROPPED_G = re.compile(r"(?<![\w'’])([^\W\d_]{3,}in)['’]?(?![\w'’])")
G_MORE_COMMON = 1.0
_OWN_WORDS = frozenset("actin checkin darin linkin parkin raisin rankin statin".split())


def _with_g(match: re.Match[str]) -> str:
    word = match.group(1)
    folded = word.lower()
    if folded in _OWN_WORDS or not is_english(folded + "g"):
        return match.group()
    return word + "g" if zipf(folded + "g") >= zipf(folded) + G_MORE_COMMON else match.group()


# "@Verbatim", "@everyone", "@some.one": not an e-mail address, whose "@" follows a word.
_HANDLE = re.compile(r"(?<![\w@])@[\w.-]*\w")


def without_handles(text: str) -> str:
    """`text` without the @handles it addresses ("@Verbatim what is RLHF" → "what is RLHF")."""
    return " ".join(_HANDLE.sub(" ", text).split())


# Greetings in the languages that readers writing in a second one open with too.
FOREIGN_GREETING = (
    r"guten (?:tag|morgen|abend)|bonjour|bonsoir|hola|buenos d[ií]as|buenas tardes|ciao|"
    r"salut|hallo|namaste|ol[aá]|bom dia|konnichiwa|ni ?hao"
)
# ...and the thanks they end with.
FOREIGN_THANKS = (
    r"gracias|merci|danke(?: sch[oö]n)?|grazie|obrigad[oa]|arigato|xie ?xie|dhanyavaad|"
    r"shukran|spasibo|dank je"
)
# A greeting or thanks that opens a message, with what may follow it ("hi there", "thanks
# again"), then a comma, a stop or a space.
_SALUTATION = re.compile(
    r"^(?:(?:hey|hi|hello|hiya|howdy|yo|good (?:morning|afternoon|evening|day)|greetings|"
    rf"{FOREIGN_GREETING}|thanks|thank you|thx|ty|ok|okay)"
    r"(?: (?:there|all|everyone|folks|again|so much|a lot))?(?:[\s,.!:;-]+|$))+",
    re.IGNORECASE,
)


def without_salutation(text: str) -> str:
    """`text` without the greeting or thanks it opens with, when a question follows ("hey,
    what does the EU exempt?" → "what does the EU exempt?"); a greeting alone stays."""
    return _without(_SALUTATION, text)


# "Quote the part about Linux", "can you show me the passage on RLHF": a request for a place
# in the review, whose words ("quote", "part") are not what it is about. "To quote an
# interview…" outranked the passage about Linux.
_REQUEST_FOR_PLACE = re.compile(
    r"^\W*(?:(?:can|could|would) you\s+|pl(?:ea)?se?\s+)?"
    r"(?:quote|cite|show|find|give|get|pull up|point me to)(?:\s+(?:me|us))?"
    r"(?:\s+(?:the|a|an|any|that))?\s+"
    r"(?:part|passage|line|bit|section|sentence|paragraph|quote|place|spot)s?\s+"
    r"(?:about|on|where|that|which|regarding|re)\b\W*",
    re.IGNORECASE,
)


# "Can you tell me what China requires?", "I'd like to know whether…": the frame of a
# request around a question, whose words ("tell", "know") say nothing of what it asks and
# move it away, in meaning, from the sentences that answer it.
_REQUEST_FRAME = re.compile(
    r"^\W*(?:(?:(?:can|could|would|will) (?:you|u) (?:please |pls )?|(?:please|pls) )?"
    r"(?:tell|explain to|remind) (?:me|us)|i(?:'d| would) (?:like|love) to know|"
    r"i (?:want|wanna|need) to know|do (?:you|u) know|i(?:'m| am) wondering)"
    r"\s+(?=(?:what|how|why|who|when|where|which|whether|if)\b)",
    re.IGNORECASE,
)


# "Noob q:", "ok dumb question but", "quick q -": a label the asker puts on the question,
# whose words ("noob", "dumb") are not what it is about and, unknown to the review, made
# "sorry noob q: what are 'weights' exactly" read as about something else.
_QUESTION_LABEL = re.compile(
    r"^\W*(?:(?:sorry|ok|okay|so)[,\s]+)*(?:(?:(?:a|one|another)\s+)?"
    r"(?:(?:very|really|super|kinda|possibly|probably)\s+)?"
    r"(?:(?:quick|dumb|stupid|noob|newbie|n00b|random|honest|serious|silly|naive|basic|"
    r"beginner|simple|genuine|real|follow[- ]?up|side|small|tiny|weird|odd|last|general)\s+)*"
    r"(?:q|qn|qq|question)"
    # ...or an apology for it: "pardon my ignorance, but", "sorry if this is a dumb question:".
    r"|(?:pardon|forgive|excuse)\s+(?:me\s+for\s+)?(?:my|the)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:ignorance|naivety|naivete|question)"
    r"|(?:sorry|apologies)(?:\s+in\s+advance)?\s+if\s+(?:this|that|it|my\s+question)\s+"
    r"(?:is|'s|’s|sounds|seems)\s+(?:[\w'’-]+\s+){0,3}?(?:dumb|stupid|obvious|basic|silly|naive)"
    r"(?:\s+question)?)"
    r"\s*(?:[:,.;!–—-]+(?:\s*but\b)?|\s(?:but|here)\b)\s*",
    re.IGNORECASE,
)


def without_question_label(text: str) -> str:
    """`text` without the label the asker opens it with ("noob q: what are weights" → "what
    are weights")."""
    return _without(_QUESTION_LABEL, text)


def without_request_frame(text: str) -> str:
    """`text` without the frame of a request around its question ("can you tell me what
    China requires?" → "what China requires?")."""
    return _without(_REQUEST_FRAME, text)


def without_request_for_place(text: str) -> str:
    """`text` without an opening request for a place in the review ("quote the part about
    Linux" → "Linux"), when words remain."""
    return _without(_REQUEST_FOR_PLACE, text)


# "…for me", "…for me pls": whom the request is for, at its end, which moved "summarize china
# for me" away, in meaning, from China's section. So do those the asker passes it on to ("…for
# the councillors", "…for my boss"), whose words the review never uses: people it never
# speaks of, not "developers" or "users"; and what the asker writes ("…for my essay").
_FOR_THE_ASKER = re.compile(
    r"\s+for (?:me|us|(?:my|our|the) (?:[\w-]+ )?(?:boss|manager|class|classmates|students|"
    r"team|colleagues|coworkers|co-workers|readers|listeners|audience|council|councillors|"
    r"councilors|committee|board|kids|children|parents|mum|mom|dad|grandma|grandpa|editor|"
    r"professor|prof|teacher|constituents|club|group chat)|(?:my|our) (?:[\w-]+ )?(?:newsletter|"
    r"podcast|slides|essay|thesis|presentation|memo|blog|assignment|homework|seminar))"
    r"(?:\s+(?:pls|please|plz))?(?=\W*$)",
    re.IGNORECASE,
)


# "…explain like im not a tech bro", "…like I'm five": whom to explain it to, said so.
_LIKE_THE_ASKER = re.compile(
    r"\s*[,;:-]?\s*(?:(?:pls|please|plz)\s+)?(?:(?:explain|say|put|tell)(?:\s+(?:it|that|this))?"
    r"(?:\s+to\s+me)?\s+)?like\s+(?:i'm|im|i am|i’m)\s+(?:not\s+)?(?:\d+|five|an?\s+[\w-]+"
    r"(?:\s+[\w-]+)?)\W*$",
    re.IGNORECASE,
)


def without_whom_for(text: str) -> str:
    """`text` without the words at its end that say whom the request is for ("summarize
    china for me" → "summarize china", "what are weights? explain like im five" → "what are
    weights?")."""
    return _without(_LIKE_THE_ASKER, _without(_FOR_THE_ASKER, text))


def _without(part: re.Pattern[str], text: str) -> str:
    """`text` without the first of what `part` finds (its opening, or its end, as the pattern
    says), unless nothing else is left."""
    rest = part.sub("", text, count=1)
    return rest if any(ch.isalnum() for ch in rest) else text


# A run of words in capitals ("HOW MUCH DID BADLLAMA COST"), and how many words and letters
# make it shouting rather than acronyms ("EU AI ACT", "US VS EU").
_CAPITALS_RUN = re.compile(
    r"(?<![\w'’])[A-Z0-9][A-Z0-9'’]*(?:[^\w\n]+[A-Z0-9][A-Z0-9'’]*)+(?![\w'’])"
)
SHOUTING_WORDS = 3
SHOUTING_LETTERS = 8

# A contraction in capitals, for emphasis ("what CAN'T you do"): read as a name, which the
# review never uses, it outweighed the rest. Other words in capitals stay: a stressed "FOR"
# or "AGAINST" tells the side asked about, and acronyms ("RLHF") are names.
_EMPHASIS = re.compile(r"(?<![\w'’])[A-Z]+['’](?:T|S|RE|LL|VE|D|M)(?![\w'’])")


def unshouted(text: str) -> str:
    """`text` with what it shouts in lower case ("HOW MUCH DID BADLLAMA COST"): capitals mark
    a name ("US", not "us"), so every shouted word was read as one, "DID" and "HOW"
    included, and a contraction stressed alone ("what CAN'T you do"). Acronyms ("EU AI ACT?")
    and another word in capitals among others in lower case ("what does the US do") stay as
    typed."""

    def lowered(run: re.Match[str]) -> str:
        words = run.group().split()
        letters = sum(ch.isalpha() for ch in run.group())
        if len(words) >= SHOUTING_WORDS and letters >= SHOUTING_LETTERS:
            return run.group().lower()
        return run.group()

    return _EMPHASIS.sub(lambda m: m.group().lower(), _CAPITALS_RUN.sub(lowered, text))


# A run of question and exclamation marks ("???", "?!?!"), which says how much it is asked.
_MARKS_RUN = re.compile(r"([?!])[?!]+")


def single_marks(text: str) -> str:
    """`text` with each run of question and exclamation marks cut to its first ("what does
    the US require???" → "…require?"): the embeddings read every mark, and a run moved the
    question closer to everyday chat than to the review."""
    return _MARKS_RUN.sub(r"\1", text)


# A link as typed, or as Discord keeps it from unfurling ("<https://…>").
_LINK = re.compile(r"<?(https?://[^\s<>]+)>?")


def _bare(url: str) -> str:
    """A URL without its scheme, `www.`, query, fragment and closing slash, in lower case."""
    url = re.sub(r"^https?://(?:www\.)?", "", url.lower())
    return re.split(r"[?#]", url, maxsplit=1)[0].rstrip("/")


def with_links_read(text: str, urls: Mapping[str, str]) -> tuple[str, str | None]:
    """`text` with a link to one of the documents (`urls`: id → URL) read as "this", and that
    document's id ("https://forum…/posts/vCpgHCFzS3xaio2Lm what's this about?"). A link is to
    a document when it is its URL, or a part of it ending at a slash after the site and at
    least two parts of the path, with any query or fragment."""
    found: list[str] = []

    def read(link: re.Match[str]) -> str:
        bare = _bare(link.group(1))
        for doc, url in urls.items():
            full = _bare(url)
            if bare.count("/") >= 2 and (full == bare or full.startswith(bare + "/")):
                found.append(doc)
                return "this"
        return link.group(0)

    return _LINK.sub(read, text), (found[0] if found else None)
