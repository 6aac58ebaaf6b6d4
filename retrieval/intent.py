"""What kind of message this is: small talk, an overview, facts about the document, a
comparison of jurisdictions, a bare jurisdiction, or an ordinary question."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from corpus.types import JURISDICTIONS
from retrieval.help_requests import asks_for_pick
from retrieval.shorthand import FOREIGN_GREETING, FOREIGN_THANKS
from retrieval.wants import WHICH_ONE
from retrieval.works import REVIEWS_OWN, names_other_work, names_review, points_at_review

Intent = Literal[
    "greeting",
    "farewell",
    "thanks",
    "about_bot",
    "bots_view",
    "right_now",
    "never_mind",
    "follow_up",
    "reaction",
    "privacy",
    "citing",
    "contents",
    "overview",
    "document",
    "comparison",
    "question",
]
# The kinds that ask nothing of the review: each gets a short reply of its own. So does a
# follow-up alone ("and the other one?"), which is not small talk: after an answer it is
# read with the question before (retrieval/followup.py).
_SMALL_TALK: frozenset[Intent] = frozenset(
    {
        "greeting",
        "farewell",
        "thanks",
        "about_bot",
        "bots_view",
        "right_now",
        "never_mind",
        "reaction",
        "privacy",
        "citing",
        "contents",
    }
)
# The patterns every question is searched by (all but the anchored greeting and farewell,
# down to the kinds of fact asked for) lead with a lookahead on the first letters of their
# alternatives, which re skips ahead to.
_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|heya|hiya|yo|howdy|sup|greetings|good (?:morning|afternoon|evening|"
    rf"day)|{FOREIGN_GREETING})\b",
    re.IGNORECASE,
)
_FAREWELL = re.compile(
    r"^\W*(?:bye bye|bye|goodbye|good night|gn|night|nite|see (?:ya|you)|cya|later|ttyl)\b",
    re.IGNORECASE,
)
# A whole message that takes back the one before, or itself: "nvm", "sorry, wrong channel".
_NEVER_MIND = re.compile(
    r"^\W*(?:nvm|never ?mind|ignore (?:that|this|me)|disregard(?: that| this)?|"
    r"(?:sorry|oops|whoops|my bad)(?:\W+(?:(?:wrong|different) (?:channel|chat|server|thread|"
    r"place|window|tab|dm)|nvm|never ?mind|ignore (?:that|this|me)))?)"
    r"(?:\W+(?:lol|lmao|haha))?\W*$",
    re.IGNORECASE,
)
# A whole message that only points back at an earlier answer: "and the other one?", "what
# about the second point you mentioned". Beside an earlier question it is read with that
# (retrieval/followup.py); alone, it asks nothing.
_FOLLOW_UP = re.compile(
    r"^\W*(?:(?:and|but|so|ok|okay|also|then|what about|how about)\W+)*(?:the |that |this )?"
    r"(?:(?:other|second|first|third|last|previous|next|same) (?:one|point|part|bit|thing|"
    r"quote|option|answer|link|source)s?|(?:\w+ ){0,2}?(?:one|point|part|bit|thing|quote)s? "
    r"(?=(?:you|u) ))"
    r"(?: (?:you|u) (?:just )?(?:mentioned|said|quoted|gave|listed))?\W*$"
    # "and then?": what came next in what was just quoted.
    r"|^\W*(?:and|so|ok|okay)\W+then\W*$",
    re.IGNORECASE,
)
# The words that open a question.
QUESTION_WORDS = r"what|how|why|who|when|where|which|does|do|did|is|are|can|could|should|would|will"


def _asking(openers: str, words: str, requests: str) -> re.Pattern[str]:
    """A pattern for a message that asks: a question mark, a request, or a question word
    opening a clause."""
    return re.compile(
        rf"\?|\b(?:{requests})\b|(?:^|[,.;:!—–-]|\b(?:{openers})\b)\W*(?:{words})\b",
        re.IGNORECASE,
    )


_OPENERS = "but|and|so|now|also"
_REQUESTS = "explain|tell me|show me|compare"
_ASKS = _asking(_OPENERS, QUESTION_WORDS, _REQUESTS)
# An opinion asks after its marker too ("honestly, what does china require"), in the negative,
# or by a request a remark would not make.
_ASKS_OR_REQUESTS = _asking(
    _OPENERS + "|honestly|personally",
    QUESTION_WORDS + "|has|have|isn't|isnt|aren't|arent|doesn't|doesnt|don't|didn't|wasn't|"
    "won't|shouldn't|can't|cant|couldn't|wouldn't",
    _REQUESTS + "|summari[sz]e|list|give me|quote|define|describe|find|look up|"
    "anything (?:on|about)|wonder(?:ing)?|curious|not sure|confused|"
    "don't (?:get|understand)|dont (?:get|understand)",
)
# "You are", as typed in chat: a reaction or a remark on the bot opens with it.
_YOU_ARE = r"you're|youre|you are|ur|u r"
# A whole message that only reacts to an answer: "ok", "cool cool", "that makes sense",
# "interesting", "lol". Not "huh?" or "why?": those ask again.
_REACTION = re.compile(
    r"^\W*(?:(?:ok|okay|k|kk|cool|nice|great|awesome|perfect|neat|sweet|got it|gotcha|"
    r"i see|(?:that |it )?makes sense|noted|fair enough|(?:all )?right|alright|interesting|"
    r"good to know|understood|sure|true|yep|yup|yeah|yes|wow|whoa|lol|lmao|haha+|hmm+|oh|ah|"
    r"wild|damn|good bot|nice one|(?:that's|thats|that is|that was|very|so|super|pretty)"
    r"(?: (?:actually|really|super|very|pretty|so))? (?:cool|nice|great|interesting|wild|"
    r"helpful|useful|neat|fair)|"
    # ...or shrugs it off: "that's wrong", "ok and?", "who asked", "bruh".
    rf"(?:(?:that's|thats|that is|this is|{_YOU_ARE})\W+)?(?:so |just |completely |"
    r"totally )?(?:wrong|incorrect|not (?:quite |exactly |really )?(?:right|true|it|helpful)|"
    r"false|useless|boring|lame|mid)|"
    r"nope|no|nah|bruh|meh|cap|whatever|so what|and|but|close enough|who asked|who cares|"
    r"bad bot)(?:\W+|$))+$",
    re.IGNORECASE,
)
# An opinion said in chat, which asks nothing ("honestly open weights are the future",
# "frontier labs should open up more, fight me"); with a question or a request it is one.
_OPINION = re.compile(
    r"\b(?:personally|honestly|imo|imho|in my opinion|"
    r"to be honest|ngl|hot take|unpopular opinion|fight me|change my mind|rise up|gang|"
    r"just saying|lowkey|highkey|wild times|love (?:that|this|it)|hate (?:that|this|it)|"
    # A verdict on what was read: "the rocket launcher example is wild".
    r"(?:is|was|are|were|that's|thats) (?:so |pretty |kinda |lowkey |actually )?(?:wild|crazy|"
    r"insane|hilarious|funny|nuts|bonkers)|"
    # ...or on the bot: "you're more concise than half our discussion leads".
    rf"(?:{_YOU_ARE}) (?:so|really|pretty|way|much|more|less|kinda|very|"
    r"actually|honestly))\b",
    re.IGNORECASE,
)
# "How are you?", "you doing ok in there?": a greeting, whatever its question mark.
_HOW_ARE_YOU = re.compile(
    r"^\W*(?:(?:hey|hi|hello|yo)\W+)?(?:how(?:'s|s| is| are| r)? (?:you|u|ya)(?: doing| doin'?)?|"
    r"how(?:'s|s| is) (?:it going|things|your day|life)|(?:are )?(?:you|u|ya) (?:doing|doin'?|"
    r"holding up) (?:ok|okay|alright|all right|well|good)|what'?s up|wassup)"
    r"(?:\W+(?:in there|today|bot|verbatim|buddy|mate|lol))*\W*$",
    re.IGNORECASE,
)
# "Is this thing on?", "testing 1 2 3", "you there?": a check that the bot is there, which a
# greeting answers.
_PRESENCE = re.compile(
    r"^\W*(?:(?:hey|hi|hello|yo|ok|okay|so|um+|bot|verbatim)\W+)?(?:is (?:this|it) (?:thing )?"
    r"(?:on|working|live|alive)|test(?:ing)?(?:\W*(?:1\W*2(?:\W*3)?|one\W+two(?:\W+three)?))?|"
    r"(?:are )?(?:you|u|ya) (?:there|here|awake|alive|online|up|working|on)|ping|"
    r"any(?:one|body) (?:home|there)|can (?:you|u) hear me|"
    r"(?:does|is) (?:this|the) bot work(?:ing)?)(?:\W+(?:bot|verbatim|lol|still|yet|now))*\W*$",
    re.IGNORECASE,
)
# The bot's own view asked for as a person's ("what do YOU think about llama", "do you
# personally think open weights are dangerous", "do you agree with them?"). Asked plainly
# ("what do you think about open source ai?"), the review's view answers; so it does when
# what the review says or means is asked ("what do you think the authors mean by…").
_BOTS_VIEW = re.compile(
    r"(?:\b(?:you|u) (?:personally|honestly|yourself|really)|(?-i:\bYOU\b)) (?:\w+ )?"
    r"(?:think|believe|reckon|feel|agree|prefer|like|support|side|stand)\b"
    r"|\b(?:your|ur) (?:own|personal|honest|real) (?:opinion|view|take|thoughts|stance)\b"
    r"|\b(?:do|would) (?:you|u) (?:agree|side)\b|\b(?:are|r) (?:you|u) (?:for|against|pro|anti)\b"
    r"|\bwhich side (?:are|r) (?:you|u)\b"
    # Asked last, of nothing named: "the EU went easy on them, what do you think?"
    r"|\bwhat do (?:you|u) think(?=\W*$)",
    re.IGNORECASE,
)
_WHAT_IT_SAYS = re.compile(
    r"\b(?:say|says|said|mean|means|meant|argue|argues|claim|claims|conclude|concludes|"
    r"suggest|suggests)\b",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"(?=[tcmagdsoxlrv])\b(?:thanks|thank you|thank u|thx|ty|cheers|much appreciated|"
    # "Much obliged", "appreciate it", "so grateful", "you're a lifesaver": not "obliged to
    # disclose", nor "I'd appreciate it if you summarised…".
    r"(?:much |most )?obliged\b(?! to)|appreciate (?:it|that|this|you|the help)\b(?! if)|"
    r"(?:so |really |very |truly |super )grateful|grateful for|lifesaver|"
    rf"{FOREIGN_THANKS})\b",
    re.IGNORECASE,
)
_ABOUT_BOT = re.compile(
    r"(?=[wacdhijmprtuy])(?:\b(?:who|what) (?:are|r) (?:you|u)\b"
    r"|\b(?:who|what) (?:even|exactly|actually|really) (?:are|r) (?:you|u)(?=\W*$)"
    # Its code: "is your source code public?"
    r"|\b(?:is|are) (?:your|ur) (?:source code|code|source|repo)(?: \w+)? (?:public|open|"
    r"available|on github|open[- ]source)\b"
    # What it does, told of it: "I've been told this bot can answer questions on…"
    r"|\b(?:this|the) bot (?:can|could|will|is able to|is supposed to) (?:answer|help|do)\b"
    r"|\bcan (?:you|u) do anything (?:besides|except|other than|else|but|apart from)\b"
    # Its languages: "can u speak chinese?", "can you answer in french"
    r"|\bcan (?:you|u) (?:speak|talk in|answer in|reply in|respond in|write in|understand) "
    r"(?:[a-z]+(?:ese|ish|ian)|french|german|arabic|hindi|korean|thai|greek|dutch|"
    r"other languages|another language|any other languages?)\b"
    # Whether it invents: "do you ever make up citations?", "do you make stuff up?"
    r"|\bdo (?:you|u) (?:ever |sometimes |just )?(?:make (?:stuff|things|it|anything|citations|"
    r"quotes|sources) up|make up (?:stuff|things|citations|quotes|sources)|hallucinate|"
    r"invent (?:stuff|things|quotes|citations|sources))\b"
    r"|\b(?:are|r) (?:you|u) (?:just |only |basically |really |secretly |literally |actually |"
    r"like |kinda |sort of )?"
    r"(?:a |an )?(?:actual |live |genuine )?(?:bot|human|ai|real|chatgpt|"
    r"generative|language model|llm|program|computer|machine|robot|person|chatbot|"
    r"open[- ]?source|llama|gpt|claude|gemini|mistral)"
    r"|\b(?:who|what) (?:built|made|created|runs|coded) (?:you|u|this bot|this thing)\b"
    # "which one of you deployed this lol"
    r"|\b(?:who|which (?:one )?of (?:you|u|y'?all))(?: \w+)? (?:deployed|added|installed|"
    r"set up|invited) (?:this|you|u|the bot|this bot|this thing)\b"
    r"|\bchatgpt wrapper\b"
    # Whether it can be broken: "can i jailbreak you lol", "have you been jailbroken?"
    r"|\b(?:jailbreak|jail break|prompt[- ]?inject) (?:you|u|this bot|the bot)\b"
    r"|\b(?:are|r|can|have) (?:you|u) (?:ever )?(?:be |been )?(?:jailbroken|jailbreak|"
    r"prompt[- ]?injected)\b"
    # Told to it, opening the message: "you are chatgpt inside?", "u r a bot lol"; not "you
    # are an open source developer…".
    r"|^\W*(?:you|u) (?:are|r|'re|’re) (?:just |only |basically |really |secretly |actually |"
    r"like )?(?:a |an )?(?:bot|ai|chatgpt|gpt|llm|language model|chatbot|robot|program|machine)\b"
    # "is there a model behind you or just a big if-else?"
    r"|\bis (?:there|it) (?:a |an |some )?(?:model|llm|ai|human|person|real person|chatgpt|gpt) "
    r"(?:behind|inside|running) (?:you|u|this bot|the bot|this thing)\b"
    # Whether it understands what it quotes: "do you even understand the stuff you quote".
    r"|\bdo (?:you|u) (?:even |actually |really |ever )?(?:understand|comprehend|get) "
    r"(?:[\w'’]+ ){0,4}(?:you|u) (?:quote|cite|say|post|show|are saying|'re saying|’re saying)\b"
    # What it runs on: "are you running on llama lol", "what model are you?"
    r"|\b(?:are|r|were) (?:you|u) (?:running|built|based|trained|powered|made|created|developed|"
    r"owned|run) (?:on|by|with)\b"
    r"|\bwhat (?:model|llm) (?:are|r) (?:you|u)\b"
    r"|\bwhat(?:'s| is) (?:your|ur) name\b|\b(?:do|have) (?:you|u) (?:have |got )?a name\b"
    r"|\bis this (?:the |a |an )?bot\b"
    # "Am I speaking with a real person, or is this one of those computer programs?"
    r"|\bam i (?:speaking|talking|chatting) (?:with|to)\b"
    r"|\bis this (?:one of those |a |an )?(?:(?:ai |computer |chat ?)?(?:bots?|programs?|"
    r"programmes?|machines?|real person|human)|(?:ai|chatgpt|gpt|llm|chatbot) things?)\b"
    r"(?=\s*(?:[?.!,]|or\b|we\b|$))"
    r"|\bhow do (?:you|u) (?:actually |really )?work\b(?=\s*(?:[?.!]|$|,? (?:like |exactly |"
    r"under the hood|behind the scenes|inside)))"
    # "Is there something you can't do?"; not "what can't you do with the weights alone?".
    r"|\bis there (?:something|anything) (?:you|u) (?:can't|can’t|cant|cannot|can not) do\b"
    r"(?=\s*(?:[?.!]|$))"
    # What it knows: "what kind of stuff can I ask you?", "what kind of question i can ask
    # you", "lol u only know one blog post?"
    r"|\bwhat (?:(?:kind|sort|type)s? of )?(?:(?:stuff|things?|questions?|topics?) )?"
    r"(?:(?:can|could|should) (?:i|we)|(?:i|we) (?:can|could|should)) ask (?:you|u)"
    r"(?: about)?(?=\W*$)"
    r"|\b(?:you|u) (?:can )?(?:only|just) (?:know|answer|talk|discuss)\b"
    # "do you know anything besides that one article"
    r"|\b(?:do|can) (?:you|u) (?:know|answer|do|read) (?:anything|stuff|things) (?:besides|"
    r"except|other than|apart from|beyond|outside)\b"
    r"|\bis that all (?:you|u) know\b"
    r"|\bcan (?:you|u) only (?:talk|answer|discuss|do)\b"
    # "can you read other reports or only this one?"
    r"|\bcan (?:you|u) (?:also )?(?:read|answer|search|handle|look at|cover|do) (?:any )?"
    r"(?:other|more|different) (?:reports?|documents?|papers?|files?|sources?|texts?|topics?|"
    r"articles?|stuff)\b"
    # What it takes in: "can i paste a patient note in here for you to summarize?"
    r"|\b(?:can|could|may) (?:i|we) (?:paste|upload|attach|send (?:you|u)|give (?:you|u)) "
    r"(?:(?:a|an|my|our|this|some|the) )?(?:[\w-]+ ){0,3}?(?:in here|here|to (?:you|u)|"
    r"for (?:you|u) to)\b"
    # "what can you actually answer? just the one report?"; not "what can you answer about
    # china?", which asks of it.
    r"|\bwhat (?:(?:kind|sort|type)s? of )?(?:(?:stuff|things?|questions?|topics?) )?"
    r"(?:can|could|do) (?:you|u)(?: (?:actually|even|really))? answer"
    r"(?=\W*(?:$|\?|,? (?:just|only)\b))"
    # Where its answers come from: "where do you get your info from?"
    r"|\bwhere do (?:you|u) get (?:your|ur|all (?:your|ur|this|that)|this|that) "
    r"(?:info|information|data|answers|facts|stuff|quotes)\b"
    # What it does with the review: "do you have opinions or do you just quote stuff?"
    r"|\bdo (?:you|u) have (?:any |your own )?opinions?\b|\b(?:you|u) (?:only|just) quote\b"
    # What it is for, at the end of a message: "what can you even do?", "how do I use this";
    # not "what can you do with open weights?".
    r"|(?:\bwhat (?:else )?(?:can|could|do) (?:you|u)(?: \w+)? (?:do|help (?:me |us )?with)|"
    r"\bhow (?:do|can|should) (?:i|we) "
    r"use (?:you|u|this bot|this thing|this|verbatim|it)|\bhow does (?:this|the) bot work)"
    r"(?=(?:\W+(?:here|for me|exactly|then|anyway|bot|verbatim|lol|pls|please|short version|"
    r"in short|briefly|quickly|in a nutshell))*\W*$)"
    # The bot's own life: "who was your biggest role model?", "how old are you?"; not "what's
    # your favourite part of the review?".
    r"|\b(?:who|what)(?:'s|s| is| was| were) (?:your|ur) (?:favou?rite|fave?|biggest|best)\b"
    r"(?! (?:part|section|bit|quote|point|argument|takeaway|line|passage)s?\b)"
    r"|\bhow old (?:are|r) (?:you|u)\b|\bwhere (?:are|r) (?:you|u) from\b"
    # What it can and cannot do: "what are your limitations?"; not "what can't you do with
    # the weights alone?", where "you" is anyone.
    r"|\bwhat (?:are|r) (?:your|ur) (?:limitations|limits|weaknesses|strengths|capabilities|"
    r"features)\b"
    r"|\bdo (?:you|u) (?:ever )?(?:sleep|dream|have feelings|get (?:bored|tired|lonely))\b)",
    re.IGNORECASE,
)
# "help", "commands?" alone ask what the bot is for.
_HELP_ALONE = re.compile(
    r"^\W*(?:help|commands|menu|options)(?:\W+(?:me|pls|please|bot|verbatim))*\W*$", re.IGNORECASE
)
# ...its use and upkeep ("how many people asked you about china?", "the cost to run you", "can
# I quote your answers?", "ur reply too long") and what it was made to be ("weren't you
# supposed to be smarter?").
_BOTS_USE = re.compile(
    r"\b(?:people|anyone|others|users|folks) (?:have )?(?:asked|ask) (?:you|u)\b"
    r"|\brun(?:ning)? (?:you|u|this bot)\b"
    r"|\b(?:your|ur) (?:answers?|repl(?:y|ies)|responses?|quotes?|quotations?)\b"
    r"|\b(?:are|were|aren't|arent|weren't|werent) (?:you|u) (?:supposed|meant) to\b",
    re.IGNORECASE,
)
# What the bot keeps of the asker's questions: "do you store what i ask?", "are my questions
# logged?", "can you delete my questions?"; not "is my data private under the AI Act?".
_PRIVACY = re.compile(
    r"\b(?:do|will|did|does) (?:you|u|this bot|the bot|verbatim) (?:\w+ )?(?:store|keep|log|save|"
    r"record|track|remember) (?:what|my|our|the (?:questions|messages|chats))\b"
    r"|\b(?:are|is|were) (?:my|our) (?:questions?|messages?|chats?|prompts?|conversations?) "
    r"(?:being )?(?:logged|stored|saved|kept|recorded|tracked|private|anonymous)\b"
    r"|\bis (?:this|our|my) (?:conversation|chat) (?:private|logged|recorded)\b"
    # "are you saving what we write here?"
    r"|\b(?:are|r) (?:you|u|this bot|the bot) (?:\w+ )?(?:storing|keeping|logging|saving|"
    r"recording|tracking) (?:what|my|our|this|these|everything|the (?:questions|messages|chats))\b"
    r"|\b(?:can|could) (?:you|u) (?:delete|forget|erase|remove) (?:my|our|what i)\b"
    r"|\bwho can see (?:my|our|what i)\b"
    # "is this channel being used to train you", "do you train on our chats?"
    r"|\b(?:used|using \w+|use \w+) to train (?:you|u|the bot|this bot)\b"
    r"|\b(?:do|will|does) (?:you|u|the bot|this bot) (?:train|learn) (?:on|from) "
    r"(?:our|my|what|this)\b"
    # "you share my data with someone?", "do you sell our questions"
    r"|\b(?:(?:do|will|would|did) )?(?:you|u|this bot|the bot) (?:\w+ )?(?:share|sell|send|give|"
    r"pass) (?:my|our) (?:data|info|information|questions?|messages?|chats?|prompts?)\b",
    re.IGNORECASE,
)
# How to cite the review: "how do I cite this?", "bibtex pls", "APA citation for the
# review?", "can you give page numbers when you quote?"; not "what's the citation for the
# pandemic agents paper?", a source it cites.
_CITING = re.compile(
    r"\bpage (?:numbers?|nos?|refs?)\b|"
    r"\bhow (?:do|should|would|can|to) (?:i |we |one |you |u )?(?:cite|reference)"
    r"(?! (?:the |that )?(?:[\w-]+ ){0,3}(?:paper|study|letter|statement|interview)\b)"
    r"|\b(?:citation|bibtex|apa|mla|chicago)(?: (?:style|format|entry|reference|citation))?"
    r" (?:for|of) (?:this|it|the review|this review|the article|this article|the post)\b"
    r"|^\W*(?:bibtex|citation|cite (?:this|it|the review))(?: (?:pls|please|plz))?\W*$"
    r"|\bcan (?:i|we|u|you) cite (?:this|it|the review|this review)\b",
    re.IGNORECASE,
)
# The review's sections as such: "table of contents?", "what sections does it have", "list
# the headings"; not "is there a section on bioweapons?", which the passages answer.
_CONTENTS = re.compile(
    r"\btable of contents\b|\bhow many (?:sections|chapters|headings)\b"
    r"|\b(?:what|which) (?:sections|chapters|headings) (?:does|do|are|is) "
    r"(?:it|this|the review|this review|there)\b(?! (?:on|about|for|that|covering)\b)"
    r"|\b(?:list|show)(?: me)? (?:the|its|all the|all its) (?:sections|chapters|headings)\b"
    r"|^\W*(?:the )?(?:contents|toc|outline|headings|sections)(?: (?:pls|please|plz))?\W*$",
    re.IGNORECASE,
)
# A message about the bot's use or its own view says "you" or names it: those patterns are
# searched only then (they run on every question).
_ADDRESSES_BOT = re.compile(r"\b(?:you|u|your|ur|bot)\b", re.IGNORECASE)
# What only a clock, a forecast or a calculator answers: "what time is it in Brussels" names
# the EU but asks the bot for the time; "what's 2+2" is a sum.
_RIGHT_NOW = re.compile(
    r"(?=[whcs])\b(?:what time (?:is it|it is)\b|what day (?:is (?:it|today)|it is)\b|"
    r"(?:what(?:'?s| is)|how much is|calculate|compute|solve)\s+-?\d[\d.,]*\s*"
    r"(?:[-+*/×÷x]|times|plus|minus|divided by|multiplied by)\s*-?\d[\d.,]*(?=\s*(?:[?.!=]|$))|"
    r"how(?:'s| is) the weather\b"
    r"|what(?:'s| is) (?:today's date|the date today)\b|what(?:'s| is) the (?:time|weather)"
    r"(?=\W*$|\W*(?:in|at|there|now|rn|right now|today|tomorrow|like)\b)"
    r"|what(?:'s| is) the weather (?:gonna|going to|be|this|next|forecast)\b)",
    re.IGNORECASE,
)
_OVERVIEW = re.compile(
    r"(?=[stkmgibocwfhrvakyulped])(?:\b(?:summary|summari[sz]e|summari[sz]ed|summari[sz]ing|"
    r"tl;? ?dr|"
    r"key (?:points|findings|takeaways)|"
    # Other words for the whole in brief ("the upshot", "the elevator pitch", "cliff notes").
    r"upshot|elevator pitch|synopsis|rundown|lowdown|cliff'?s? ?notes|pr[eé]cis|"
    # "3 bullet points on the review", not "bullet points on why open weights are risky".
    r"bullet(?:ed)? points? (?:on|about|of|for) (?:the review|this|it)\b|"
    # "key arguments, quick", not "the key arguments for keeping AI open" (one side's).
    r"key arguments(?! (?:for|against|in favou?r|of (?!(?:the|this) review)))|"
    r"main (?:points?|conclusions?|findings|messages?|argument of the review)|takeaways|"
    r"most important (?:points?|takeaways?|findings?|conclusions?|messages?|things?)|"
    # One takeaway is a summary after a determiner, before "on…" or alone; "takeaway
    # places" are food.
    r"(?:the|a|one|your|their|main|key|big|biggest|overall) takeaway|"
    r"takeaway(?= (?:on|from|for|about|re|of|pls|please)\b|\W*$)|"
    r"gist|in a nutshell|bottom line|sum (?:it |this |that )?up|big[- ]picture|highlights|"
    r"recap|short version|one[- ]sentence version|boils? (?:it )?down|verdict|outline|"
    r"abstract|headline findings|take[- ]aways?|key ideas|"
    # Not "the main argument for keeping AI open": a question about one side's argument.
    r"main (?:idea|ideas|thesis)|"
    r"(?:central|core|overarching) (?:argument|idea|ideas|message|thesis|stance|position|"
    r"point)|"
    # "describe the article to someone new", "walk me through it"; "explain this like I'm 12"
    # alone ("explain it like I'm 5" after a question asks of what that asks).
    r"(?:(?<![\w\s])\s*explain this|(?:explain|describe) the (?:review|article|paper|piece|"
    r"report|post|(?:whole|entire) thing))(?= like\b| to\b| in (?:simple|plain)\b| for\b| pls\b|"
    r" please\b|\W*$)|walk (?:me|us) through (?:it|this|the (?:review|article|paper|piece|report|"
    r"main (?:points|sections|ideas|arguments)))|"
    r"overall (?:message|position|stance|take|argument|view|thesis|tone|vibe)|"
    r"how does (?:it|the (?:review|paper|article|piece|report)) (?:conclude|end|wrap up)|"
    # "An overview of the EU", "overview?", not "is it more of an introductory overview?"
    r"(?<!\bof )(?:a|an|the) (?:[\w-]+ ){0,2}?overview(?! or\b)|"
    r"overview(?= (?:of|please|pls)\b|\W*$)|"
    # "conclusion in one sentence", not "the conclusion of the pandemic paper".
    r"(?:(?:overall|final|main|key) )?conclusions?(?! of\b)|(?:(?:overall|final|main|key) )?"
    r"conclusions? of (?:the|this) review|what does (?:the|this) review conclude)\b"
    # What the whole is about, asked of nothing narrower ("what does it cover about China?"
    # is a question about China).
    r"|\bwhat(?:'s| is| does| do)? (?:(?:topics|subjects|areas|issues) (?:does|do) )?"
    r"(?:the|this|it)(?: (?:review|article|post|piece|paper|report|series|(?:whole|entire) "
    r"thing))? (?:is |'s )?(?:(?:all|even|really|actually|mostly) )?(?:about|cover|covers|"
    r"discuss|discusses|go over|saying|arguing|trying to say)"
    # "…about, dear?", "…cover, broadly?", "…saying in simple terms?"
    r"(?:\W+\w+)?(?: in (?:simple|plain) (?:terms|english|words|language))?\W*$"
    r"|\bwhat(?:'s| is) in (?:the|this|it)(?: (?:review|article|post|piece|paper|report))?"
    r"\W*$)",
    re.IGNORECASE,
)
# Where the review itself stands, asked of no jurisdiction ("the review's view on China" is
# about China): its own analysis is the answer.
_STANCE = re.compile(
    r"(?=[tracdwivspob])\b(?:(?:the |this )?(?:review|authors?|convergence(?: analysis)?)"
    r"(?:'s|’s|'|’)? (?:own )?(?:take|view|views|stance|position|opinion|recommendations?|"
    # "Convergence Analysis" is the publisher's name, "Convergence's analysis" its stance.
    r"verdict|(?<!convergence )analysis|bottom line|conclusions?|takeaways?)\b|"
    r"according to (?:the )?(?:authors?|convergence)\b|"
    # "Bottom line from the authors: …", "the take of the review on…"
    r"(?:take|view|stance|position|opinion|verdict|bottom line|conclusions?|takeaways?) "
    r"(?:from|of) (?:the |this )?(?:review|authors?|convergence)\b|"
    r"(?:does|do) (?:the|this) (?:review|authors?|analysis(?: section)?) "
    r"(?:(?:actually|even|really|ever) )?(?:take (?:a |any )?(?:side|position|stance)|"
    r"land anywhere|land on|come down on|pick a side)|"
    r"what (?:does|do) (?:the authors|(?:the |these |those )?convergence(?: analysis)?"
    r"(?: (?:folks|people|guys|team|authors|researchers|writers))?) "
    r"(?:recommend|think|conclude|argue|suggest)\W*$|"
    # The bot has no view of its own: asked for one on the review's subject, it quotes the
    # review's ("what do you think of BadLlama?" asks about BadLlama).
    r"what do (?:you|u) think(?: (?:about|of) (?:it|this|the review|open models|"
    r"open[- ]?sourc(?:e|ing)(?: (?:ai|models?))?))?\W*$|"
    r"(?:is|are) (?:the|this) (?:review|paper|article|authors?) (?:\w+ )?"
    r"(?:biased|neutral|balanced|objective|one-sided|partisan|impartial)\b)",
    re.IGNORECASE,
)
_DOCUMENT = re.compile(
    r"(?=[wapdtibslugcfohyr])\b(?:who (?:(?:actually|really|even|exactly) )?(?:wrote|authored|"
    # Not who made an argument: "who made the case against bans — github?"
    r"writes|published|(?:made|produced)(?! (?:the|a|an|this|that) (?:case|argument|point|"
    r"claim|statement)\b)|compiled|put (?:this|it|the)"
    r"(?: (?:review|article|post|piece|report|paper|series))? (?:out|together))|"
    r"who(?: is|'s|’s)(?: (?:actually|really|even))? behind|"
    r"who(?:'s| is|'re| are) the (?:authors?|writers?)|"
    # Asked bare: "authors?"
    r"(?<![\s\S])(?:the )?(?:authors?|writers?)(?=\W*$)|"
    r"authors? of (?:this|the) (?:review|article|post|piece)|"
    # "Which individuals authored this review?", "who are the bylines?", "who put their
    # names to it?": the credit of a text, asked in a reporter's or a citer's words.
    # Not the bot's own: "when's your byline coming".
    r"authored (?:this|it|the (?:review|article|post|piece|report|paper))\b|"
    r"(?<!your )(?<!ur )bylines?\b|"
    r"put (?:their|his|her) names? (?:to|on) (?:this|it|the (?:review|article|post|piece|"
    r"report|paper))\b|"
    r"(?:people|person|folks|ones|team|writers?) (?:that|who) (?:actually |really )?"
    r"(?:wrote|made|produced|put together) (?:this|it|the (?:review|article|post|piece|report|"
    r"paper))\b|"
    # Not "how can we tell if a student essay was written by AI": this one, or by someone.
    r"(?:this|it|review|article|post|piece|report|paper) (?:was |is )?written by|"
    r"written by(?! (?:an? )?(?:ai|chatgpt|gpt|bots?|machines?|computers?|chatbots?|llms?)\b)|"
    # Who pays for it: "who's paying for this, some think tank?"
    r"who(?:'s|’s| is)? (?:paying for|funding|bankrolling|sponsoring) (?:this|it|the (?:review|"
    r"article|post|piece|report|paper|series))\b|"
    r"who (?:pays for|paid for|funds|funded|sponsors|sponsored) (?:this|it|the (?:review|"
    r"article|post|piece|report|paper|series))\b|"
    r"(?:when|what year|what date|which date) (?:was|did|is) (?:it|this|the "
    r"(?:review|article|post|piece|report))\b.*\b(?:published|written|posted|released|"
    r"come out|go up|out)|publication date|pub date|date (?:of|on) (?:this|the)|"
    r"date of publication|"
    # "date this was published?", "what date this one was posted?"
    r"(?:^|(?<=[\W]))date (?:this|it|the review)(?: one)? (?:was|got) (?:published|posted|written|"
    r"released)\b|"
    # Asked in a second language: "when was published this?"
    r"when (?:was|is) (?:published|written|posted|released|put out) (?:this|it|the (?:review|"
    r"article|post|piece|report|paper))\b|"
    # "Which outfit is behind this?", not "which outfit showed that safety tuning comes off?"
    r"what date did (?:this|it)|(?:^|(?<=[.?!] ))what year\W*$|"
    # "What date did that open source regulation review go up?"
    r"(?:when|what date|what year) (?:was|did|is) (?:this|that|the)(?: [\w-]+){1,4}? review\b"
    r".*\b(?:published|written|posted|released|come out|go up|out)\b|"
    # Asked in a second language: "this report posted what date?"
    r"(?:it|(?:this|the)(?: (?:review|article|post|piece|report|paper|document))?) "
    r"(?:was |is |got )?"
    r"(?:posted|published|written|released|put out|come out|came out)(?: on| in)? "
    r"(?:what|which) (?:date|day|year|month)\b|"
    # "your info is up to date or old?": what the bot knows is the review, told by its date.
    r"(?:your|ur) (?:info|information|data|knowledge|facts|stuff) (?:is |are )?(?:still )?"
    r"(?:up[- ]to[- ]date|current|recent|old|outdated|out of date)\b|"
    # "is this recent?", "is it still up to date?": how old it is, told by its date.
    r"(?:is|was) (?:this|it)(?: (?:review|article|post|piece|report|paper|thing|stuff|info|"
    r"information))?"
    r" (?:still )?(?:recent|current|up[- ]to[- ]date|outdated|"
    r"out of date)(?=\W*(?:$|[?.!,]|or\b))|"
    r"how (?:old|recent|new|current|dated) is (?:this|it|the (?:review|article|post|piece|"
    r"report|paper))\b|(?:which|what) (?:org|organi[sz]ation|think tank|outfit)"
    r"(?: ?/ ?(?:program(?:me)?|group|team|institute|lab|org))?"
    r"(?=\W*$|\W+(?:(?:actually|really|even|exactly) )?"
    r"(?:is|'s|’s|was|are|wrote|writes|published|made|produced|put|behind)\b)|"
    r"behind (?:this|the (?:review|article|post|piece|report|paper|series))\b|"
    r"who(?:'s| is) (?:this|it|the)(?: (?:review|article|post|piece|paper|report|series|"
    r"write-?up|primer|thing))?(?: (?:even|really|actually))? "
    # "…meant to serve as an introduction for?"
    r"(?:for|(?:meant|intended|written)(?: to(?: \w+){1,5}?)? for|aimed at)\b|"
    # Asked indirectly: "help me figure out who this review is even written for".
    r"who (?:this|the) (?:review|article|post|piece|paper|report|series|write-?up|primer|thing)"
    r" is(?: (?:even|really|actually))? (?:for|meant for|aimed at|intended for|written for)\b|"
    r"target (?:reader|audience)|intended (?:reader|audience)|who should read|"
    # Its audience asked as a yes-or-no or with "whom": "is this written for lawyers?", "for
    # which audience is this series written?", "who do they say the series is meant for?"
    r"(?:(?:is|was) (?:this|it|(?:this|the) (?:review|article|post|piece|paper|report|series|"
    r"write-?up|primer|thing))|(?:this|the) (?:review|article|post|piece|paper|report|series|"
    r"write-?up|primer|thing) is)(?: (?:even|really|actually|mainly|mostly|only|also))? "
    r"(?:written|meant|aimed|intended|pitched|geared|prepared) (?:for|at)\b|"
    r"(?:for whom|(?:which|what)(?: (?:kind|sort|type)s? of)? (?:audience|readership|readers?))"
    r" (?:is|was|are|(?:this|the) (?:review|article|post|piece|paper|report|series))\b|"
    r"for whom (?:this|the)(?: (?:review|article|post|piece|paper|report|series))? is\b|"
    # Where to read it: "what's the link to the review?", "url pls"
    r"(?<![\w ])\W*(?:(?:what(?:'s| is)|(?:can you )?(?:give|send|share|drop)(?: me)?|"
    r"got|is there|do you have) )?(?:the |a )?"
    r"(?:link|url)s?(?: (?:to|for|of) (?:this|it|the)(?: (?:review|article|post|piece|paper|"
    r"report|original))?)?(?: (?:pls|please))?\W*$|"
    # "can you link your source": the bot's source is the review.
    r"(?:can|could) (?:you|u) (?:link|send|share|give)(?: me| us)? (?:your|ur) (?:source|original)"
    r"(?: (?:pls|please))?\W*$|"
    # Where it came out: "where was this posted?", "where was the review first published?"
    r"where (?:was|is|did) (?:this|it|the (?:review|article|post|piece|paper|report))"
    r"(?: (?:first|originally|initially))? (?:posted|published|put out|come out|appear|"
    r"released)\b|"
    r"where (?:can|do|could) i (?:read|find) (?:this|it|the)(?: (?:whole|full|entire))?"
    r"(?: (?:review|article|post|piece|paper|thing))?(?: online| in full)?\W*$|"
    # Its series: "what series is this part of?", "is this a one-off or part of a series?"
    r"(?:what|which) series (?:is|does) (?:this|it|the (?:review|article|post|piece|paper))\b|"
    r"(?:is|was) (?:this|it)(?: \w+){0,2} (?:part of (?:a |an |the |some |any )?(?:\w+ )?"
    r"(?:series|bigger|larger|collection)|(?:a )?(?:standalone|stand-alone|one-off))\b|"
    # Asked in a second language: "this document is standalone paper or it belong to some
    # bigger publication?"
    r"(?:this|the) (?:document|review|article|post|piece|paper|report|text) is (?:a )?"
    r"(?:standalone|stand-alone|one-off)\b|(?:this|it|the (?:document|review|article|post|"
    r"piece|paper|report|text)) belongs? to (?:a |an |the |some )?(?:bigger|larger)\b)",
    re.IGNORECASE,
)
# "Rather than" and "other than" set something aside ("why the US, the EU and China rather
# than the UK?"): no comparison of the places named.
_COMPARISON = re.compile(
    r"(?=[vdctbwsai])\b(?:vs\.?|versus|differ|differs|difference|differences|different|"
    r"differently|similar|similarly|similarities|alike|in common|compare|compared|"
    r"comparison|contrast|(?<!rather )(?<!other )than|both|which (?:one|of)|"
    r"who(?:'s| is) (?:more|less|stricter|softer|friendlier))\b",
    re.IGNORECASE,
)
# Two things set against each other, by name.
_CONTRAST = re.compile(
    r"(?=[vb])\b(?:vs\.?|versus|between)\b.*\b(?:diff|difference|distinction|trade-?offs?)\b|"
    r"(?=[dt])\b(?:diff|difference|distinction|trade-?offs?) between\b",
    re.IGNORECASE,
)
# "Compare all three", "how do the three jurisdictions differ": every one the review covers.
_ALL_THREE = re.compile(
    r"(?=[at3])\b(?:all (?:three|3)|(?:the|these|those) (?:three|3)(?! (?:posts?|sentences?|"
    r"quotes?|passages?|points?|examples?|papers?|things?)\b)|(?:three|3) (?:jurisdictions|"
    r"regions|governments|blocs|countries))\b",
    re.IGNORECASE,
)
# "What sources does the review cite?", "references?": a list, which /sources gives.
_SOURCES = re.compile(
    r"^\W*(?:(?:what|which)(?: are)?(?: the)? (?:sources|references|citations|works cited)"
    r"(?: (?:does|do|did) (?:the review|this review|it|the authors|they) (?:cite|use|quote|"
    r"reference|draw on|rely on))?|(?:list|show)(?: me)? (?:the|its|your) (?:sources|references)"
    # "can I get the sources?", "where are the references", "sources pls"
    r"|(?:(?:can|could|may) (?:i|we) (?:get|see|have)|(?:give|send) me|where are) (?:the|its|"
    r"your|all the) (?:sources|references|citations)"
    r"|sources?|references?|bibliography|citations)(?: (?:pls|please|plz))?\W*$",
    re.IGNORECASE,
)


def names_all_jurisdictions(text: str) -> bool:
    """Whether `text` asks of all three jurisdictions without naming them ("compare all
    three")."""
    return _ALL_THREE.search(text) is not None


def asks_for_sources(text: str) -> bool:
    """Whether `text` asks only for the review's sources ("what sources does it cite?")."""
    return _SOURCES.match(text) is not None


# Small talk is short: a long message that starts with "hi" is a question. Thanks is thanks
# when it asks nothing, however long ("thanks for the help yesterday, the EU summary was
# great"); "thanks, what about China?" is a question.
_SMALL_TALK_WORDS = 6
# A question mark, a request, or a question word that opens a clause ("thanks, what about
# China?", "thanks but does the EU…"), not a verb inside one ("thanks, this is great").
# A question of nothing but one side of the subject ("benefits?", "what are the risks", "any
# downsides?"): to a bot about one review, it asks what the review's summary says of it. The
# word alone speaks for no subject.
_ASPECT = (
    r"(?:benefits?|risks?|downsides?|upsides?|pros(?: and cons)?|cons|advantages?|"
    r"disadvantages?|dangers?|harms?|trade-?offs?)"
)
_BARE_ASPECT = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|but)\W+)?(?:(?:what are|what're|whats|what's|list|name|any|"
    r"give me)\s+)?(?:(?:the|some|its|their)\s+)?(?:(?:main|key|biggest|big)\s+)?"
    rf"{_ASPECT}(?:\s+(?:and|&|vs\.?|versus)\s+{_ASPECT})?\W*$",
    re.IGNORECASE,
)


def asks_one_side(text: str) -> bool:
    """Whether `text` asks of nothing but one side of the subject ("benefits?")."""
    return _BARE_ASPECT.match(text) is not None


def asks_for_commands(text: str) -> bool:
    """Whether `text` is only "help", "commands?" or the like, which ask what the bot does."""
    return _HELP_ALONE.match(text) is not None


def intent_of(text: str, jurisdictions: int, claim: bool = False) -> Intent:
    """The kind of `text`, given how many jurisdictions it names; a `claim` looked up (the
    text of someone's message) is never an opinion that asks nothing."""
    short = len(text.split()) <= _SMALL_TALK_WORDS
    if _ABOUT_BOT.search(text) or asks_for_commands(text):
        return "about_bot"
    if _PRIVACY.search(text):
        return "privacy"
    if _CITING.search(text):
        return "citing"
    if _CONTENTS.search(text):
        return "contents"
    if _ADDRESSES_BOT.search(text):
        if _BOTS_USE.search(text):
            return "about_bot"
        if _BOTS_VIEW.search(text) and not (_WHAT_IT_SAYS.search(text) or _OVERVIEW.search(text)):
            return "bots_view"
    if _RIGHT_NOW.search(text):
        return "right_now"
    if _NEVER_MIND.match(text):
        return "never_mind"
    if _FOLLOW_UP.match(text):
        return "follow_up"
    if _THANKS.search(text) and not _ASKS.search(text):
        return "thanks"
    if _REACTION.match(text) or (
        not claim and _OPINION.search(text) and not _ASKS_OR_REQUESTS.search(text)
    ):
        return "reaction"
    if _HOW_ARE_YOU.match(text) or _PRESENCE.match(text):
        return "greeting"
    if short and _GREETING.search(text) and not text.rstrip().endswith("?"):
        return "greeting"
    if _is_farewell(text):
        return "farewell"
    if _DOCUMENT.search(text) and not names_other_work(text):
        return "document"
    if jurisdictions >= 2 and _compares(text, jurisdictions):
        return "comparison"
    # "Best open model for summarising clinical notes?" asks for a product, not a summary.
    if asks_for_pick(text):
        return "question"
    if asks_one_side(text):
        return "overview"
    # The gist of how two things differ asks the difference: "tldr open weights vs actually
    # open source, whats the diff".
    if not jurisdictions and _CONTRAST.search(text):
        return "question"
    # Someone else's bottom line is a question about what they said, unless a place is named.
    if _OVERVIEW.search(text) and (jurisdictions or not _OTHERS_VIEW.search(text)):
        return "overview"
    if not jurisdictions and _STANCE.search(text):
        return "overview"
    return "question"


# An overview's words owned by someone the review quotes, not the review: "the
# interviewee's bottom line", "his verdict", "what conclusion does the interviewee draw".
_OTHERS_VIEW = re.compile(
    rf"\b(?:his|her|(?!(?:{REVIEWS_OWN}|"
    r"today|tonight|yesterday|tomorrow|week|everyone|everybody|people)\b)\w+"
    r"(?:'s|’s|s'|s’))\s+(?:(?:own|main|overall|final|key)\s+)?(?:bottom line|conclusions?|"
    r"verdict|takeaways?|main points?)\b|"
    r"\b(?:what|which) (?:conclusions?|verdict) (?:does|do|did) (?!(?:the review|the authors?|"
    r"convergence|it|they|this)\b)[\w\s'’]+? (?:draw|reach|come to)\b",
    re.IGNORECASE,
)
# "Which countries does it cover?", "what regions does the review look at": its scope.
_ASKS_SCOPE = re.compile(
    r"(?=[wcrj])\b(?:(?:which|what) (?:countries|regions|jurisdictions|governments|places)\b.*"
    r"\b(?:cover|covers|covered|look at|looks at|looking at|discuss|discusses|discussed|"
    r"focus|focuses|include|includes|included|talk about|talks about|in scope|zoom in|zooms in|"
    r"look into|looks into|examine|examines|compare|compares|deal with|deals with|centre on|"
    r"center on)|"
    r"(?:countries|regions|jurisdictions) (?:covered|included)\b|"
    # "Why only those three?", "why these three jurisdictions?", "why do they only cover
    # three places?"
    r"why (?:only )?(?:those|these) (?:three|3)\b|"
    r"why\b[^?.!]{0,40}?\b(?:only|just)\b[^?.!]{0,20}?\b(?:three|3) (?:countries|regions|"
    r"jurisdictions|governments|places|blocs)\b)",
    re.IGNORECASE,
)


def asks_scope(text: str) -> bool:
    """Whether `text` asks which places the review covers."""
    return _ASKS_SCOPE.search(text) is not None


# "Why only the US, EU and China?", "why do they just look at those": asked of the places
# the review covers, when it names them all, it asks why they are its scope.
_WHY_ONLY = re.compile(r"(?=w)\bwhy\b[^?.!]{0,40}?\b(?:only|just)\b", re.IGNORECASE)


def asks_why_only(text: str) -> bool:
    """Whether `text` asks why only some things ("why only the US, EU and China?")."""
    return _WHY_ONLY.search(text) is not None


def without_comparison(text: str) -> str:
    """`text` without its words of comparison ("differ", "vs", "than", "all three")."""
    return _ALL_THREE.sub(" ", _COMPARISON.sub(" ", text))


def picks_one(text: str) -> bool:
    """Whether `text` asks which one of several ("which one is friendliest?")."""
    return WHICH_ONE.search(text) is not None


def _compares(text: str, jurisdictions: int) -> bool:
    """Whether `text`, naming that many jurisdictions, asks to compare them rather than to
    pick the one of all three that something holds for."""
    cues = [match.group() for match in _COMPARISON.finditer(text)]
    # "Which one", asked of all three the review covers, picks one of them ("of the US, EU
    # and China, which one is friendliest?"), as it would of "the three".
    if jurisdictions >= len(JURISDICTIONS) and cues and all(WHICH_ONE.match(c) for c in cues):
        return False
    return bool(cues)


# Emoji that say something alone: a wave greets; folded hands, a thumbs-up or a heart thank.
_WAVES = frozenset("👋🙋")
_THANKING = frozenset("🙏👍🙌❤💯👌🫶")
# A face typed in punctuation: ":)", ";-(", ":/", "^_^".
_EMOTICON = re.compile(r"[:;=]-?[()\[\]/|\\]|\^_?\^")


def gesture(text: str) -> Intent | None:
    """The small talk of a message without words, by its emoji: "👋" greets, "🙏" thanks,
    any other ("😂", "🤔") or a typed face (":)") reacts; punctuation alone
    ("???") is none."""
    held = set(text)
    if held & _WAVES:
        return "greeting"
    if held & _THANKING:
        return "thanks"
    reacts = any(unicodedata.category(ch) == "So" for ch in held) or _EMOTICON.search(text)
    return "reaction" if reacts else None


def is_small_talk(text: str) -> bool:
    """Whether `text` is a greeting, thanks, a farewell, a reaction or a question to the bot,
    which ask nothing of the review ("thanks" or "😂" after an answer, "hey," before a
    question)."""
    if not any(ch.isalnum() for ch in text):
        return gesture(text) is not None
    return intent_of(text, 0) in _SMALL_TALK


# The words that make a question an overview or one about the document.
KIND_WORDS: dict[Intent, tuple[re.Pattern[str], ...]] = {
    "overview": (_OVERVIEW, _STANCE),
    "document": (_DOCUMENT,),
}


def outside_intent(text: str, intent: Intent) -> str:
    """`text` without the words that made it an overview or a question about the document
    ("who wrote", "summarize"): what is left says what it asks of ("harry potter")."""
    for pattern in KIND_WORDS.get(intent, ()):
        text = pattern.sub(" ", text)
    return text


# What follows an overview's words when they name what it is of ("the gist of the parish
# newsletter", "summarise the club newsletter", not "the gist I can say out loud"), or
# what follows ("tl;dr the ibuprofen leaflet", "recap what they decided") or another thing
# beside it ("the overall verdict and the standout tracks").
_OBJECT_AFTER = re.compile(
    r"\s*(?:(?:of|from|on|about|re|regarding|and(?= the\b))\s+|(?<=[sz]e|up|ap|ne|dr)\s+"
    r"(?=(?:the|that|these|those|my|our|his|her|their|your|what|how|who|\w+(?:'s|’s))\s+\w"
    # ...or a title, capitalised: "summarise Atomic Habits".
    r"|(?-i:[A-Z])\w))"
    r"(?P<object>[^,;:.?!]+)",
    re.IGNORECASE,
)


# The conversation itself: "summarise what everyone said in this channel today", "tldr of
# the chat above". The bot reads only what is asked of it.
_THE_CHAT = re.compile(
    r"(?=[tmcdw])\b(?:(?:this|the) (?:channel|chat|thread|server|conversation|convo|discussion)"
    r"(?! (?:about|on|in|over|around)\b)|(?:the )?(?:messages|chat|discussion|conversation) "
    r"above|what (?:everyone|everybody|people|others|they|you guys|y'all|yall) "
    r"(?:said|wrote|posted|discussed|talked about|were saying))\b",
    re.IGNORECASE,
)


def summarises_chat(text: str) -> bool:
    """Whether `text` asks for an overview of the conversation it is sent in."""
    return _OVERVIEW.search(text) is not None and _THE_CHAT.search(text) is not None


def overview_of(text: str) -> str | None:
    """What an overview's words in `text` are of, when they name something other than the
    review or more of their own kind ("the gist of the parish newsletter"; not "a summary
    of the main points", "the gist of it", "main takeaway fast")."""
    for found in _OVERVIEW.finditer(text):
        after = _OBJECT_AFTER.match(text, found.end())
        if after is not None:
            what = after.group("object")
            if not points_at_review(what) and not _OVERVIEW.search(what):
                return what
    return None


# A thing named bare beside an overview's words, alone in its clause: "quantum entanglement
# in a nutshell?", "chernobyl tldr", "tldr lord of the flies"; not the asker's words around
# a request ("quick summary pls", "need the gist", "tldr for a busy person").
_BARE_AFTER = re.compile(
    r"(?:(?<=dr)|(?<=li5)|(?<=ri[sz]e))\s+(?P<object>(?!(?:for|by|in|on|before|so|because|to)\b)"
    # ...up to the request's own words after it: "summarize moby dick for me".
    r"[^,;:.?!]+?)(?=\s+(?:for (?:me|us)|pls|please|plz|real quick|quickly|briefly)\b|[,;:.?!]|$)",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r".*(?:[,;:.?!—–]|\s-+\s)", re.DOTALL)
_NOT_BARE = frozenset(
    "give need want can could would pls please plz me i i'm im you u what whats what's get "
    "send do let us just and or but in to for of on at by with from about as last this that "
    "it".split()
)
_MODIFIERS = frozenset(
    "a an the quick short brief fast simple basic full overall final exec executive plain "
    "english one 1 2 3 two three line sentence paragraph bullet tiny rough ok okay so your my "
    "its their any some whole entire main key big real actual super very briefly quickly "
    "everything all".split()
)
_BARE_WORDS = 4
_IN_TITLES = frozenset({"of", "the"})


def bare_object(text: str) -> str | None:
    """What an overview's words in `text` are of when it is named bare beside them
    ("chernobyl tldr" is of chernobyl), without a request's modifiers ("quick"); None when
    nothing is ("quick summary pls", "tldr for a busy person", "the review in a
    nutshell")."""
    for found in _OVERVIEW.finditer(text):
        after = _BARE_AFTER.match(text, found.end())
        before = text[: found.start()]
        start = _CLAUSE_START.match(before)
        for words in (
            after.group("object") if after else "",
            before[start.end() if start else 0 :],
        ):
            named = _bare(words)
            if named is not None:
                return named
        owner = _owner(before)
        if owner is not None:
            return owner
    return None


# Whose an overview's words are, by a possessive just before them: "the CMA's main findings".
_POSSESSOR = re.compile(
    r"(?:\b(?:the|this|that) )?\b[^\W\d_][\w.-]*(?=(?:['’]s|s['’])$)", re.IGNORECASE
)


def _owner(before: str) -> str | None:
    """Whose the overview is that follows `before` ("what were the CMA's main" → "CMA"), when
    it is not the review's ("the review's", "Convergence's", "the authors'")."""
    words = before.split()
    while words and words[-1].lower() in _MODIFIERS:
        words.pop()
    found = _POSSESSOR.search(" ".join(words))
    if found is None or points_at_review(found.group()) or names_review(found.group()):
        return None
    return " ".join(w for w in found.group().split() if w.lower() not in _MODIFIERS) or None


def _bare(words: str) -> str | None:
    """`words` as a thing named bare: a few words, none asking or pointing at the review,
    without the modifiers of a request; None if nothing is left."""
    split = words.split()
    lowered = [w.strip("\"'()").lower() for w in split]
    # "of the" may join a title's words ("lord of the flies"), not begin or end it.
    asking = [w for i, w in enumerate(lowered) if not (0 < i < len(split) - 1 and w in _IN_TITLES)]
    if not split or len(split) > _BARE_WORDS or not _NOT_BARE.isdisjoint(asking):
        return None
    if points_at_review(words) or names_review(words):
        return None
    named = [w for w, low in zip(split, lowered, strict=True) if low not in _MODIFIERS]
    return " ".join(named) or None


def _is_farewell(text: str) -> bool:
    """Whether `text` is a farewell and at most two words more ("bye", "gn chat", "good
    night everyone"), not "later, what does China require"."""
    found = _FAREWELL.search(text)
    return found is not None and len(text[found.end() :].split()) <= 2 and "?" not in text


# "Who is it for?": a document states its readers, not in its metadata but in a sentence.
_ASKS_AUDIENCE = re.compile(
    r"\bfor\W*$|\b(?:aimed|pitched|geared) at\b|\b(?:target|intended) readers?\b|"
    r"\baudiences?\b|\breadership\b|\bfor whom\b|\bwho should read\b|"
    r"\b(?:meant|intended|written|geared|prepared) for\b|"
    r"\b(?:which|what) (?:(?:kind|sort|type)s? of )?readers?\b",
    re.IGNORECASE,
)
AUDIENCE = re.compile(
    r"\b(?:intended|aimed|written|designed|meant)\b[^.]{0,40}\bfor\b|\bprimer for\b|"
    r"\baudiences?\b|\breaders\b",
    re.IGNORECASE,
)


def asks_authors_view(question: str) -> bool:
    """Whether `question` asks for the authors' (or the review's) own view."""
    return _STANCE.search(question) is not None


def asks_audience(question: str) -> bool:
    """Whether a question about the document asks whom it is for."""
    return _ASKS_AUDIENCE.search(question) is not None
