"""What kind of question this is: small talk, an overview, facts about the document, a
comparison of jurisdictions, a bare jurisdiction, or an ordinary question; what a sentence
that answers it holds; and whether it asks for help with something else."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import Literal

from corpus.types import JURISDICTIONS
from retrieval.shorthand import FOREIGN_GREETING, FOREIGN_THANKS

Intent = Literal[
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
    "overview",
    "document",
    "comparison",
    "question",
]
# The kinds that ask nothing of the review: each gets a short reply of its own.
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
# The words that open a question.
_QUESTION_WORDS = (
    r"what|how|why|who|when|where|which|does|do|did|is|are|can|could|should|would|will"
)


def _asking(openers: str, words: str, requests: str) -> re.Pattern[str]:
    """A pattern for a message that asks: a question mark, a request, or a question word
    opening a clause."""
    return re.compile(
        rf"\?|\b(?:{requests})\b|(?:^|[,.;:!—–-]|\b(?:{openers})\b)\W*(?:{words})\b",
        re.IGNORECASE,
    )


_OPENERS = "but|and|so|now|also"
_REQUESTS = "explain|tell me|show me|compare"
_ASKS = _asking(_OPENERS, _QUESTION_WORDS, _REQUESTS)
# An opinion asks after its marker too ("honestly, what does china require"), in the negative,
# or by a request a remark would not make.
_ASKS_OR_REQUESTS = _asking(
    _OPENERS + "|honestly|personally",
    _QUESTION_WORDS + "|has|have|isn't|isnt|aren't|arent|doesn't|doesnt|don't|didn't|wasn't|"
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
    r"wild|damn|good bot|nice one|(?:that's|thats|that is|very|so|super|pretty) "
    r"(?:cool|nice|great|interesting|wild|helpful|useful|neat|fair)|"
    # ...or shrugs it off: "that's wrong", "ok and?", "who asked", "bruh".
    rf"(?:(?:that's|thats|that is|this is|{_YOU_ARE}) )?(?:so |just |completely |"
    r"totally )?(?:wrong|incorrect|not (?:right|true|it|helpful)|false|useless|boring|lame|mid)|"
    r"nope|no|nah|bruh|meh|cap|whatever|so what|and|who asked|who cares|bad bot)(?:\W+|$))+$",
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
    r"(?=[wacdhiruy])(?:\b(?:who|what) (?:are|r) (?:you|u)\b"
    r"|\b(?:are|r) (?:you|u) (?:just |only |basically |really |secretly |literally |actually )?"
    r"(?:a |an )?(?:actual |live |genuine )?(?:bot|human|ai|real|chatgpt|"
    r"generative|language model|llm|program|computer|machine|robot|person|chatbot|"
    r"open[- ]?source)"
    r"|\b(?:who|what) (?:built|made|created|runs|coded) (?:you|u|this bot|this thing)\b"
    r"|\bchatgpt wrapper\b"
    # What it runs on: "are you running on llama lol", "what model are you?"
    r"|\b(?:are|r) (?:you|u) (?:running|built|based|trained|powered) (?:on|by|with)\b"
    r"|\bwhat (?:model|llm) (?:are|r) (?:you|u)\b"
    r"|\bwhat(?:'s| is) (?:your|ur) name\b|\b(?:do|have) (?:you|u) (?:have |got )?a name\b"
    r"|\bis this (?:the |a |an )?bot\b"
    # "Am I speaking with a real person, or is this one of those computer programs?"
    r"|\bam i (?:speaking|talking|chatting) (?:with|to)\b"
    r"|\bis this (?:one of those |a |an )?(?:ai |computer |chat ?)?(?:bots?|programs?|"
    r"programmes?|machines?|real person|human)\b(?=\s*(?:[?.!,]|or\b|we\b|$))"
    r"|\bhow do (?:you|u) work\b(?=\s*(?:[?.!]|$))"
    # What it knows: "what kind of stuff can I ask you?", "what kind of question i can ask
    # you", "lol u only know one blog post?"
    r"|\bwhat (?:(?:kind|sort|type)s? of )?(?:(?:stuff|things?|questions?|topics?) )?"
    r"(?:(?:can|could|should) (?:i|we)|(?:i|we) (?:can|could|should)) ask (?:you|u)"
    r"(?: about)?(?=\W*$)"
    r"|\b(?:you|u) (?:only|just) know\b|\bis that all (?:you|u) know\b"
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
    r"(?=(?:\W+(?:here|for me|exactly|then|anyway|bot|verbatim|lol|pls|please))*\W*$)"
    # The bot's own life: "who was your biggest role model?", "how old are you?"; not "what's
    # your favourite part of the review?".
    r"|\b(?:who|what)(?:'s|s| is| was| were) (?:your|ur) (?:favou?rite|fave?|biggest|best)\b"
    r"(?! (?:part|section|bit|quote|point|argument|takeaway|line|passage)s?\b)"
    r"|\bhow old (?:are|r) (?:you|u)\b|\bwhere (?:are|r) (?:you|u) from\b"
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
    r"|\brun(?:ning)? (?:you|u|this bot)\b|\b(?:your|ur) (?:answers?|repl(?:y|ies)|responses?)\b"
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
    r"|\b(?:can|could) (?:you|u) (?:delete|forget|erase|remove) (?:my|our|what i)\b"
    r"|\bwho can see (?:my|our|what i)\b",
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
    r"(?=[wapdtibslugcfoh])\b(?:who (?:(?:actually|really|even|exactly) )?(?:wrote|authored|"
    r"writes|published|made|produced|compiled|put (?:this|it|the)"
    r"(?: (?:review|article|post|piece|report|paper|series))? (?:out|together))|"
    r"who(?: is|'s|’s)(?: (?:actually|really|even))? behind|"
    r"who(?:'s| is|'re| are) the (?:authors?|writers?)|"
    r"authors? of (?:this|the) (?:review|article|post|piece)|"
    # "Which individuals authored this review?", "who are the bylines?", "who put their
    # names to it?": the credit of a text, asked in a reporter's or a citer's words.
    r"authored (?:this|it|the (?:review|article|post|piece|report|paper))\b|bylines?\b|"
    r"put (?:their|his|her) names? (?:to|on) (?:this|it|the (?:review|article|post|piece|"
    r"report|paper))\b|"
    r"(?:people|person|folks|ones|team|writers?) (?:that|who) (?:actually |really )?"
    r"(?:wrote|made|produced|put together) (?:this|it|the (?:review|article|post|piece|report|"
    r"paper))\b|"
    r"written by|(?:when|what year) (?:was|did|is) (?:it|this|the "
    r"(?:review|article|post|piece|report))\b.*\b(?:published|written|posted|released|"
    r"come out|go up|out)|publication date|pub date|date (?:of|on) (?:this|the)|"
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
    # "is this recent?", "is it still up to date?": how old it is, told by its date.
    r"(?:is|was) (?:this|it)(?: (?:review|article|post|piece|report|paper|thing|stuff|info|"
    r"information))?"
    r" (?:still )?(?:recent|current|up[- ]to[- ]date|outdated|"
    r"out of date)(?=\W*(?:$|[?.!,]|or\b))|"
    r"how (?:old|recent|new|current|dated) is (?:this|it|the (?:review|article|post|piece|"
    r"report|paper))\b|(?:which|what) (?:org|organi[sz]ation|think tank|outfit)"
    r"(?=\W*$|\W+(?:is|'s|’s|was|are|wrote|writes|published|made|produced|put|behind)\b)|"
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
    # Someone else's bottom line is a question about what they said, unless a place is named.
    if _OVERVIEW.search(text) and (jurisdictions or not _OTHERS_VIEW.search(text)):
        return "overview"
    if not jurisdictions and _STANCE.search(text):
        return "overview"
    return "question"


# An overview's words owned by someone the review quotes, not the review: "the
# interviewee's bottom line", "his verdict", "what conclusion does the interviewee draw".
# Possessors that are the review's own: "the review's", "the authors'", "Convergence's".
_REVIEWS_OWN = r"the|this|review|authors?|convergence|its|their"
_OTHERS_VIEW = re.compile(
    rf"\b(?:his|her|(?!(?:{_REVIEWS_OWN}|"
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
    r"focus|focuses|include|includes|included|talk about|talks about|in scope)|"
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
    return _WHICH_ONE.search(text) is not None


def _compares(text: str, jurisdictions: int) -> bool:
    """Whether `text`, naming that many jurisdictions, asks to compare them rather than to
    pick the one of all three that something holds for."""
    cues = [match.group() for match in _COMPARISON.finditer(text)]
    # "Which one", asked of all three the review covers, picks one of them ("of the US, EU
    # and China, which one is friendliest?"), as it would of "the three".
    if jurisdictions >= len(JURISDICTIONS) and cues and all(_WHICH_ONE.match(c) for c in cues):
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
_KIND_WORDS: dict[Intent, tuple[re.Pattern[str], ...]] = {
    "overview": (_OVERVIEW, _STANCE),
    "document": (_DOCUMENT,),
}
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+")
# Within a sentence: after a comma, colon or semicolon, or around a dash ("tl;dr" stays whole).
_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+[-–—]+\s+")


def _chat_sentences(text: str) -> list[str]:
    """The sentences of a chat message. Not `retrieval.text.sentences`: a message goes on in
    lower case ("summary? i need it for class"), which that splitter, made for prose, reads
    as one sentence."""
    return [s for s in _SENTENCE_BREAK.split(text.strip()) if s]


def outside_intent(text: str, intent: Intent) -> str:
    """`text` without the words that made it an overview or a question about the document
    ("who wrote", "summarize"): what is left says what it asks of ("harry potter")."""
    for pattern in _KIND_WORDS.get(intent, ()):
        text = pattern.sub(" ", text)
    return text


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
    r"the authors?(?:'s?|’s?)?(?! of\b))\b",
    re.IGNORECASE,
)


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
    r"(?:(?<=dr)|(?<=li5))\s+(?P<object>(?!(?:for|by|in|on|before|so|because|to)\b)[^,;:.?!]+)",
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
    "its their any some whole entire main key big real actual super very".split()
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


# "Who wrote the wealth of nations", "who published it", "who's behind llama 2": the work
# whose credit is asked.
_CREDITED = re.compile(
    r"(?=w)\bwho (?:(?:actually|really|even|exactly) )?(?:wrote|authored|published|made|"
    r"produced|compiled)\s+(?P<work>[^,;:.?!]+)|"
    r"(?=w)\bwho(?: is|'s|’s)(?: (?:actually|really|even))? behind\s+(?P<behind>[^,;:.?!]+)",
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


# A law called by its name: up to three words before "act", after "the" ("the cyber
# resilience act") or all capitalised ("CHIPS Act"); not a verb ("how developers act").
_ACT = re.compile(r"(?=a)\bact\b", re.IGNORECASE)
_NOT_IN_NAME = frozenset(
    "the a an this that these those of on in under by to for and or with about from at as "
    "its their our new proposed whole".split()
)


def named_laws(text: str) -> list[list[str]]:
    """The laws `text` names, each as the words of its name before "act" ("cyber
    resilience", "EU data"), possessives dropped."""
    laws = []
    for found in _ACT.finditer(text):
        words = text[: found.start()].split()[-4:]
        named = _last_words(words, lambda word: word.lower() not in _NOT_IN_NAME)
        if not (len(named) < len(words) and words[-len(named) - 1].lower() == "the"):
            titled = found.group() == "Act"
            named = _last_words(words, lambda word: word[0].isupper()) if titled else []
        if named:
            laws.append([_POSSESSIVE.sub("", word) for word in named])
    return laws


def _last_words(words: list[str], keep: Callable[[str], bool], most: int = 3) -> list[str]:
    """The last words of `words` that all `keep` holds of, at most `most` of them."""
    start = len(words)
    while start and len(words) - start < most and keep(words[start - 1]):
        start -= 1
    return words[start:]


# A work called by whose it is: up to three capitalised words before its kind ("the RAND
# report", "Google DeepMind's frontier safety framework"), or its first author ("(Irving et
# al.)").
_WORK_BY_NAME = re.compile(
    r"\b((?:[A-Z][\w.&-]*(?:'s|’s)?\s+){1,3})(?:[a-z][\w-]*\s+){0,2}?(?:report|paper|study|"
    r"article|book|post|framework|letter|statement|interview|survey|white ?paper|blog|essay)s?"
    r"\b|\(([A-Z][\w-]+) et al\.?\)"
)
_SENTENCE_START = re.compile(r"(?:^|[.?!]\s*)$")


def named_works(text: str) -> list[list[str]]:
    """The names of the works `text` calls by whose they are ("RAND", "Google DeepMind",
    "Irving"), possessives dropped; a sentence's first word is no name."""
    works = []
    for found in _WORK_BY_NAME.finditer(text):
        words = [_POSSESSIVE.sub("", word) for word in (found.group(1) or found.group(2)).split()]
        if _SENTENCE_START.search(text[: found.start()]):
            words = words[1:]
        if words:
            works.append(words)
    return works


# A view called by whose it is: "a16z's position on open source ai regulation?", "mozilla's
# take on it"; not the review's own ("the authors' take", "convergence's view", "their
# stance").
_VIEW_BY_NAME = re.compile(
    rf"(?<![\w'’-])(?!(?:{_REVIEWS_OWN}|his|her|our|my|your)"
    r"(?:'|’))([\w.&-]+)(?:'s|’s|s'|s’) (?:(?:official|public|current|own|overall|latest|"
    r"actual|real) )?(?:position|stance|views?|take|opinion|thoughts|line)"
    r" (?:on|about|re|regarding|towards?)\b",
    re.IGNORECASE,
)


def view_holders(text: str) -> list[str]:
    """Whose views `text` asks for by a possessive ("a16z's position on…" → "a16z"), other
    than the review's."""
    return [found.group(1) for found in _VIEW_BY_NAME.finditer(text)]


# The review by name, not by a pronoun that may stand for anything ("recap it?").
_NAMES_REVIEW = re.compile(
    r"\b(?:(?:the|this) review|convergence|the authors?(?:'s?|’s?)?(?! of\b))\b", re.IGNORECASE
)


def names_review(text: str) -> bool:
    """Whether `text` names the review ("the review's bottom line", "Convergence's view")."""
    return _NAMES_REVIEW.search(text) is not None


def points_at_review(text: str, here: bool = True) -> bool:
    """Whether `text` points at the review itself ("this", "it", "the paper"); without
    `here`, "here" does not count (beside a question it is more often the place: "I'm
    procrastinating here")."""
    return any(
        here or found.group().lower() != "here" for found in _POINTS_AT_REVIEW.finditer(text)
    )


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


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SELF = frozenset({"i", "i'm", "i’m", "i'd", "i’d", "i've", "i’ve", "i'll", "i’ll"})


def capitalised_names(text: str) -> list[str] | None:
    """The words `text` capitalises inside its sentences, as names are ("finished
    Middlemarch"), or None when it has no capital letter at all: typed so, it shows none."""
    if text == text.lower():
        return None
    return [
        found.group()
        for sentence in _chat_sentences(text)
        for found in list(_WORD.finditer(sentence))[1:]
        if found.group()[0].isupper() and found.group().lower() not in _SELF
    ]


def asking_part(text: str, intent: Intent, clauses: bool = False) -> str:
    """The sentences (or, with `clauses`, the clauses) of an overview or a question about the
    document that hold the words of its kind (all of `text` if none does): "summarise the
    DSA? I need it for a file" asks of the DSA, and "it" is the summary; the clause of
    "summary please, for my class" asks of nothing but the review."""
    asking, _ = _by_kind(_clauses(text) if clauses else _chat_sentences(text), intent)
    return " ".join(asking) if asking else text


def asking_and_context(text: str, intent: Intent) -> tuple[str, list[str]]:
    """The clauses of an overview or a question about the document that ask (`asking_part`),
    and the others, in order: what it says beside what it asks ("the oscars were last
    night. recap?")."""
    asking, context = _by_kind(_clauses(text), intent)
    return " ".join(asking) if asking else text, context


def _by_kind(parts: list[str], intent: Intent) -> tuple[list[str], list[str]]:
    """The `parts` that hold the words of `intent`'s kind, and the others."""
    patterns = _KIND_WORDS.get(intent, ())
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
    patterns = _KIND_WORDS.get(intent, ())
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


_ASKING_WORDS = (
    r"(?:what(?:['’]?s)?|how|why|who|which|where|when|is there|are there|does|do|did|can|"
    r"could|should|would|will)\b"
)
_OPENS_ASKING = re.compile(rf"\W*{_ASKING_WORDS}", re.IGNORECASE)
_LAST_CLAUSE_ASKS = re.compile(
    rf"[,;]\s+(?P<asks>(?:(?:so|but|and|ok|anyway)\s+)?{_ASKING_WORDS}[^,;]*)$", re.IGNORECASE
)


def _is_farewell(text: str) -> bool:
    """Whether `text` is a farewell and at most two words more ("bye", "gn chat", "good
    night everyone"), not "later, what does China require"."""
    found = _FAREWELL.search(text)
    return found is not None and len(text[found.end() :].split()) <= 2 and "?" not in text


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
    r"(?=[rpc])\b(?:(?:respond(?:ed|s)?|react(?:ed|s)?|push(?:ed)? back|replied) (?:to|on|against)|"
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
    (_WANTS_DATE, _DATE),
    (_WANTS_DURATION, _DURATION),
    (_WANTS_SIZE, _SIZE),
    (_WANTS_MONEY, _MONEY),
    (_WANTS_AMOUNT, _AMOUNT),
)


# "Which country…?", "of the three, which one…?": a sentence that names a jurisdiction.
_WANTS_PLACE = re.compile(
    r"(?=w)\bwhich (?:[\w-]+ )?(?:regions?|countr(?:y|ies)|governments?|jurisdictions?|blocs?)\b",
    re.IGNORECASE,
)
_WHICH_ONE = re.compile(r"(?=w)\bwhich (?:one|of)\b", re.IGNORECASE)
_PLACES_ASKED = re.compile(
    r"\b(?:regions|countries|governments|jurisdictions|blocs|(?:the|all) (?:three|3))\b",
    re.IGNORECASE,
)
_PLACE = re.compile(rf"\b(?:{_PLACE_WORDS})\b")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
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


# "Summarize the US section", "the EU part": a jurisdiction's own part of the document.
_SECTION = re.compile(r"(?=[spcb])\b(?:section|part|chapter|bit)s?\b", re.IGNORECASE)


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


def wanted_kind(question: str) -> re.Pattern[str] | None:
    """What a sentence that answers `question` holds: a jurisdiction for "which country", a
    date for "when", a span of time, a size, a sum of money or another figure for "how …";
    None when it asks for no such kind."""
    if _WANTS_PLACE.search(question) or (
        _WHICH_ONE.search(question) and _PLACES_ASKED.search(question)
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
_WANTS_NAME = re.compile(
    r"(?=w)\b(?:who|whom|whose|which (?:[\w-]+ ){0,2}(?:company|companies|person|people|"
    r"organi[sz]ations?|group|groups|president|lab|labs|researchers?|authors?|agency|"
    r"agencies|department|official|regulators?|authority|authorities|ministry|body|bodies|"
    r"regulations|laws|rules|bills|models?|llms?|pathogens?|viruses|datasets?))\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<![.!?:]\s)(?<=\s)[A-Z][a-z][\w'’-]*")


def asks_for_figure(question: str) -> bool:
    """Whether `question` asks for a figure or a date ("how many signed it? like 12?"): a
    number in it is then most likely the asker's guess, not something it refers to."""
    return wanted_kind(question) in (_DATE, _DURATION, _SIZE, _MONEY, _AMOUNT)


def names_someone(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks who, and no quote names anyone it does not name itself
    ("who is the current secretary of commerce?" is not answered by "the Secretary of
    Commerce"): a person, an organisation, or a jurisdiction ("who's friendlier to open
    source, the US or the EU?"), unless the question asks within the one it names ("which
    chinese agency…?" is not answered by "China's regulations")."""
    if not _WANTS_NAME.search(question):
        return True
    asked = {word.lower() for word in _WORD.findall(question)}
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
        and not _PLACE.fullmatch(_POSSESSIVE.sub("", name))
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
    asked = {_POSSESSIVE.sub("", word.lower()) for word in _WORD.findall(question)}
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
# act?": a law's definition. Not the authors' view of how well the laws define it.
_WANTS_DEFINITION = re.compile(
    r"^(?!.*\bauthors?\b)(?=.*\b(?:act|order|eo|law|laws|regulations?|directive|legislation|"
    r"statute)\b).*\b(?:defin(?:e|es|ed|ing|ition|itions)|counts? as|qualif(?:y|ies) as)\b",
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


def defines_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks how a law defines a term and no quote defines one of its
    words ("these exemptions do not apply to … high-risk software" only uses it)."""
    if not _WANTS_DEFINITION.search(question):
        return True
    words = {w.lower() for w in _WORD.findall(question) if len(w) > 3} - _NOT_TERMS
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
    r"(?=[srcoa])\bstill (?:in (?:force|effect|place)|a thing|valid|(?:the )?law|active|"
    r"on the books|standing|around|alive)\b|\b(?:repeal|revok|rescind|overturn|scrapp|"
    r"cancell?ed|struck down|axed)\w*",
    re.IGNORECASE,
)
_FATE = re.compile(
    r"\b(?:repeal|revok|revoc|rescind|overturn|scrap|cancel|struck|expire|lapse|"
    r"in force|in effect|remains?)\w*",
    re.IGNORECASE,
)


def _speaks_of_asked(
    asks: re.Pattern[str], stated: re.Pattern[str], question: str, quotes: Sequence[str]
) -> bool:
    """False when `question` asks after something (`asks`) and no quote speaks of it
    (`stated`)."""
    return not asks.search(question) or any(stated.search(quote) for quote in quotes)


def states_fate_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks whether something still holds or was undone
    (`_ASKS_FATE`) and no quote speaks of such a fate."""
    return _speaks_of_asked(_ASKS_FATE, _FATE, question, quotes)


# "Was Meta one of the signatories?", "is Google among the backers?", "did Meta sign it?":
# whether someone named belongs to a group, which a text answers only if it names them.
_ASKS_MEMBER = re.compile(
    r"\b(?:was|is|were|are)\s+(?P<member>[\w.&-]+(?:\s+[\w.&-]+)?)\s+(?:one of|among)\b|"
    r"\bdid\s+(?P<signer>[\w.&-]+(?:\s+[\w.&-]+)?)\s+(?:sign|endorse|co-?sign)\b",
    re.IGNORECASE,
)


def names_member_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks whether someone it names belongs to a group
    (`_ASKS_MEMBER`) and no quote names them."""
    found = _ASKS_MEMBER.search(question)
    if found is None:
        return True
    words = (found.group("member") or found.group("signer")).lower().split()
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


def states_backing_asked(question: str, quotes: Sequence[str]) -> bool:
    """False when `question` asks who funds or owns something and no quote speaks of
    money or ownership."""
    return _speaks_of_asked(_ASKS_BACKER, _BACKING, question, quotes)


def first_answers(question: str, quotes: Sequence[str]) -> bool:
    """Whether the texts of a first quote (`quotes`: its own and its continuation's) may
    answer `question` surely: they name someone for "who", speak of the year asked of,
    define the term a law's definition asks for, state the tasks asked for and count for the
    work asked of, speak of the fate asked of, name whom it asks about as one of a group; and
    the question asks for no pick the review never makes."""
    return (
        names_someone(question, quotes)
        and states_backing_asked(question, quotes)
        and states_year_asked(question, quotes)
        and defines_asked(question, quotes)
        and states_tasks_asked(question, quotes)
        and counts_for_asked(question, quotes)
        and states_fate_asked(question, quotes)
        and names_member_asked(question, quotes)
        and not asks_for_pick(question)
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


# A pick for the asker's own use ("which model should I use", "best open llm for coding rn",
# "the go-to license for a dataset"), or leave for their own work ("is it ok to use GPL code
# in my saas?"): the review recommends no product, so it answers such a question at best
# by what is related.
_PICK = (
    r"(?:which|what) (?:[\w.-]+ ){0,3}should (?:i|we) (?:use|pick|choose|go with|run|try|"
    r"start with)|(?:best|top|strongest|fastest|cheapest|go-to|goto|good|decent|solid) "
    r"(?:[\w.-]+ ){0,3}"
    r"(?:models?|llms?|licen[cs]es?|tools?|librar(?:y|ies)|frameworks?|datasets?|gpus?|books?|"
    r"textbooks?|podcasts?|courses?|tutorials?|resources?|apis?|providers?|hosts?|services?|"
    r"plans?|subscriptions?)(?= (?:for|to|on|"
    r"right now|now|atm|rn|currently|these days|out there|available|at the moment)\b)|"
    r"(?:is|are) (?:[\w.-]+ ){1,4}worth (?:using|it|trying|paying|buying|the money|learning)|"
    r"(?:which|what)(?: one)?(?: is|'s| would be) (?:[\w-]+ ){0,6}?(?:to use|to pick|to choose|"
    r"to go with|to start with)\b|"
    r"(?:is it|am i|are we|would it be) (?:\w+ )?(?:ok|okay|legal|allowed|fine|safe|illegal) "
    r"(?:to|if)\b.*\b(?:my|our)"
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
    r"\W+(?:\w+\W+){0,3}?(?:explain(?:ing)?|understand(?:ing)?|defin(?:e|ing)|"
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


# A phrase the asker puts in quotes: "what's an 'information hazard' supposed to be".
_QUOTED_PHRASE = re.compile(
    r"""(?:(?<![\w'’])'([^'\n]{3,60})'(?![\w'’])|"([^"\n]{3,60})"|‘([^’\n]{3,60})’|“([^”\n]{3,60})”)"""
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
    ("On the Dangers of Stochastic Parrots"), or a kind of work right after them."""
    titles = []
    for found in _QUOTED_PHRASE.finditer(question):
        phrase = next(g for g in found.groups() if g).strip()
        words = phrase.split()
        capitalised = sum(w[0].isupper() for w in words)
        if len(words) >= 2 and (
            capitalised * 2 > len(words) or _WORK_AFTER.match(question, found.end())
        ):
            titles.append(phrase)
    return titles
