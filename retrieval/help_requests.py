"""Requests for help with something other than the review: a pick of a product or model,
a task or a how-to for the asker's own use."""

from __future__ import annotations

import re

# What the asker may pick for their use.
_PRODUCTS = (
    r"models?|llms?|licen[cs]es?|tools?|librar(?:y|ies)|frameworks?|datasets?|gpus?|books?|"
    r"textbooks?|podcasts?|courses?|tutorials?|resources?|apis?|providers?|hosts?|services?|"
    r"plans?|subscriptions?|lawyers?|attorneys?|consultants?|consultanc(?:y|ies)|law firms?"
)
# A pick for the asker's own use ("which model should I use", "best open llm for coding rn",
# "the go-to license for a dataset"), or leave for their own work ("is it ok to use GPL code
# in my saas?"): the review recommends no product, so it answers such a question at best
# by what is related.
_PICK = (
    r"(?:which|what) (?:[\w.-]+ ){0,3}should (?:i|we) (?:use|pick|choose|go with|run|try|"
    r"start with)|(?:best|top(?! of\b)|strongest|fastest|cheapest|go-to|goto|good|decent|solid) "
    rf"(?:[\w.-]+ ){{0,3}}(?:{_PRODUCTS})(?= (?:for|to|on|in|near|around|"
    r"right now|now|atm|rn|currently|these days|out there|available|at the moment)\b)|"
    # "which llm is best for giving feedback on essays, chatgpt or claude"
    rf"(?:which|what) (?:[\w.-]+ ){{0,2}}?(?:{_PRODUCTS}) (?:is|are|would be|works?) "
    r"(?:the )?(?:best|better|fastest|cheapest|strongest|most accurate) (?:for|at|to)|"
    r"(?:is|are) (?:[\w.-]+ ){1,4}worth (?:using|it|trying|paying|buying|the money|learning)|"
    r"(?:which|what)(?: one)?(?: is|'s| would be) (?:[\w-]+ ){0,6}?(?:to use|to pick|to choose|"
    r"to go with|to start with)\b|"
    r"(?:is it|am i|are we|would it be) (?:\w+ )?(?:ok|okay|legal|allowed|fine|safe|illegal) "
    r"(?:to|if)\b.*\b(?:my|our)|"
    # "is there an open dataset of sign language videos…", "any good course for this?"
    r"(?:is there|are there|do you know|know of) (?:an?|any) (?:good |free |open |decent |"
    r"public |solid )*(?:datasets?|tools?|librar(?:y|ies)|apis?|courses?|tutorials?|books?|"
    r"apps?|podcasts?) (?:of|for|to|that|with|on)\b|"
    # "is there an open source alternative to Microsoft Word?"
    r"(?:is there|are there|any|know of|recommend) (?:an? |any |some )?(?:good |free |decent |"
    r"solid |easy |cheap |open[- ]source |local |offline )*alternatives? (?:to|for)\b|"
    # "mistral vs llama 3 for a trading bot, which one"
    r"(?:vs\.?|versus) [\w.-]+(?: [\w.-]+){0,2} for (?:a |an |my |our )?[\w-]+(?: [\w-]+)?"
    r"\W+which(?: one)?(?=\W*$)|"
    # A message that opens with two options for a use: "vllm or tgi for serving llama 3 70b at
    # scale", "hugging face or github for hosting my fine tuned model".
    r"(?<![\s\S])\W*(?!(?:what|how|why|when|where|who|which|does|do|did|can|could|would|will|"
    r"has|have|and|but|so)\b)[\w.'-]+(?: [\w.'-]+){0,3} (?:vs\.?|versus|or) [\w.'-]+"
    r"(?: [\w.'-]+){0,4} "
    r"for (?!example\b|instance\b|now\b|sure\b)\w+"
)
_ASKS_PICK = re.compile(rf"\b(?:{_PICK})\b", re.IGNORECASE)


def asks_for_pick(question: str) -> bool:
    """Whether `question` asks which product to use, or whether a use of the asker's own is
    allowed (`_PICK`)."""
    return _ASKS_PICK.search(question) is not None


# A request for help with something of one's own ("how do I…", "tips for…", "near me"): the
# review answers none, so such a question is about it only when its meaning comes close.
_HELP = re.compile(
    r"\b(?:how (?:do|can|should) (?:i|u)|tips (?:for|on)|best way to|near me|"
    r"(?:do|would|will) (?:i|we) need|"
    r"best practices? (?:for|to|on|when|in)|"
    # A recipe asked for ("recipe for a vegan lasagna", "a cheap pasta recipe"), not one
    # spoken of ("weapon recipes", "her recipes").
    r"recipes? (?:for|with|using|that)|(?:a|any|good|easy|quick|cheap|simple|best|nice|some)"
    r" (?:\w+ )?recipes?|"
    r"recommend (?:me|a|an|some)|where can i|help me|can (?:you|u) help|"
    r"open[- ]source alternatives? (?:to|for)|"
    # A message to the other people in a channel, a shopper's or a beginner's: not a
    # question for the review.
    r"any(?:one|body) (?:know|got|have|going|tried)|should i buy|"
    r"(?:which|what) (?:\w+ ){1,2}should i get|"
    rf"{_PICK}|"
    r"(?:for|to) (?:a )?(?:total |complete )?beginners?)\b",
    re.IGNORECASE,
)
# Help with reading the review is a question about it: "help me explain…", "how do I
# describe…", "where can I find what China requires…", "help me find the line…", "help me
# with the arguments…"; not "help me understand my phone bill". ("source" is not among
# them: "where can I find the source code".)
_WITH_READING = re.compile(
    r"\W+(?:\w+\W+){0,4}?(?:explain(?:ing)?|understand(?:ing)?|defin(?:e|ing)|"
    r"describ(?:e|ing)|word(?:ing)?|phras(?:e|ing)|put(?:ting)?|sum(?:ming)?|"
    r"summari[sz](?:e|ing)|quot(?:e|ing)|cit(?:e|ing)|say(?:ing)?|fram(?:e|ing)|pin down|"
    r"steelman(?:ning)?|argu(?:e|ing)|characteri[sz](?:e|ing)|present(?:ing)?|"
    r"paraphras(?:e|ing)|referenc(?:e|ing)|caveat(?:ing)?|counter(?:ing)?|rebut(?:ting)?|"
    r"refut(?:e|ing)|compar(?:e|ing)|talk(?:ing)? about|make (?:sense|the case)|get my head|"
    r"what|how|why|who|which|whether|where|when|(?:figure|find) out if|"
    r"lines?|quotes?|passages?|papers?|evidence|arguments?|case for|case against|sides?|"
    r"takes?|points?|sections?|examples?|claims?|positions?|definitions?|terms?|wording|"
    r"soundbites?)\b(?!\W+(?:my|our)\b)",
    re.IGNORECASE,
)
# "Off topic, but…", "totally unrelated:": the asker says the message is not about the
# review. Not "unrelated to my last question, but…", which only changes the subject.
_OFF_TOPIC_NOTE = re.compile(
    r"^\W*(?:(?:a bit|slightly|kinda|totally|completely|entirely|somewhat)\s+)?"
    r"(?:off[- ]?topic|unrelated)\b(?!\W+(?:to|from)\b)\W*(?:but\b\W*)?",
    re.IGNORECASE,
)


def after_off_topic_note(question: str) -> str | None:
    """What `question` asks after opening by saying it is off topic ("" if nothing); None
    when it does not open so."""
    note = _OFF_TOPIC_NOTE.match(question)
    return None if note is None else question[note.end() :]


def asks_for_help(question: str) -> bool:
    """Whether `question` asks for help with something of the asker's own, not with
    reading the review."""
    # A pick is for the asker's own use whatever it is used on ("the best model for
    # summarising notes").
    return asks_for_pick(question) or any(
        not _WITH_READING.match(question, m.end()) for m in _HELP.finditer(question)
    )


# The chatbots people name.
_CHATBOTS = r"chat ?gpt|claude|gemini|copilot"
# What the asker types into a chatbot: "is it fine to paste pt notes into chatgpt?", "does
# chatgpt keep what i paste in?". A matter of that service's handling of their data; not
# "the protections put into models like ChatGPT".
_OWN_INPUT = re.compile(
    r"(?=[ptuefcg])\b(?:paste|pasting|pasted|type|typing|typed|upload|uploading|uploaded|"
    r"enter|entering|feed|feeding|copy|copying|(?:put|putting) (?:all )?(?:my|our))\b"
    r"[^?.!]{0,40}\binto (?:the |a |an |free |our |my )?"
    rf"(?:{_CHATBOTS}|bard|(?:an? |the )?(?:ai )?chatbot|llm)\b|"
    rf"\b(?:{_CHATBOTS})\b[^?.!]{{0,20}}\b(?:keeps?|stores?|saves?|"
    r"remembers?|logs?|trains? on|learns? from)\b[^?.!]{0,12}\b(?:what (?:i|we)|my|our)\b",
    re.IGNORECASE,
)


# Why a chatbot makes things up: "why does chatgpt make up references that dont exist",
# "how do i get chatgpt to quit makin stuff up"; not "are they making it up?".
_MADE_UP = re.compile(
    rf"(?=[cgbla])\b(?:{_CHATBOTS}|bard|chatbots?|llms?|ai)\b[^?.!]{{0,30}}?"
    r"\b(?:hallucinat\w*|mak\w* (?:stuff|things|references|citations|sources|facts|quotes) up|"
    r"mak\w* up (?:stuff|things|references|citations|sources|facts|quotes|numbers|studies))",
    re.IGNORECASE,
)


def asks_of_chatbot_use(question: str) -> bool:
    """Whether `question` asks what becomes of what the asker types into a chatbot, or why
    one makes things up: how a chatbot serves its users, which the review never treats."""
    return _OWN_INPUT.search(question) is not None or _MADE_UP.search(question) is not None


# Something to read, watch or hear, recommended: "recommend a good book on the history of open
# source software", "any good podcasts on ai governance". The review is no reading list: it
# cites its sources, which "what does it cite?" asks for, but recommends nothing to read.
_MEDIA = (
    r"books?|podcasts?|courses?|videos?|movies?|films?|documentar(?:y|ies)|textbooks?|"
    r"youtube (?:channels?|videos?)|newsletters?|blogs?|novels?|reading lists?"
)
_ASKS_FOR_MEDIA = re.compile(
    rf"(?=[rsagd])\b(?:(?:recommend|suggest)(?:ations?)?\s+(?:me\s+|us\s+)?(?:a\s+|an\s+|some\s+|"
    rf"any\s+)?(?:good\s+|great\s+|decent\s+|solid\s+)?(?:{_MEDIA})|"
    rf"(?:any|good|great|decent)\s+(?:{_MEDIA})\s+(?:on|about|for)\b)",
    re.IGNORECASE,
)


def asks_for_media(question: str) -> bool:
    """Whether `question` asks for something to read, watch or hear (`_ASKS_FOR_MEDIA`)."""
    return _ASKS_FOR_MEDIA.search(question) is not None
