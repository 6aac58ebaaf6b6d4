"""Kinds of message: small talk, document, comparison, overview, the review's scope and
audience; and the patterns of every question module led by a lookahead on first letters."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

import retrieval.asking
import retrieval.help_requests
import retrieval.intent
import retrieval.wants
import retrieval.works
from retrieval.engine import Engine
from retrieval.intent import (
    AUDIENCE,
    asks_audience,
    asks_for_sources,
    asks_scope,
    asks_why_only,
    bare_object,
    intent_of,
    names_all_jurisdictions,
    outside_intent,
    overview_of,
)


@pytest.mark.parametrize(
    ("text", "jurisdictions", "intent"),
    [
        ("hi", 0, "greeting"),
        ("what's your takeaway from it?", 0, "overview"),
        ("whats the upshot of this article", 0, "overview"),
        ("give me the elevator pitch of this doc", 0, "overview"),
        ("key arguments, quick, deadline at 5", 0, "overview"),
        ("the key arguments for keeping AI open?", 0, "question"),
        ("3 bullet points on the review for my manager", 0, "overview"),
        ("bullet points on why open weights are risky", 0, "question"),
        ("explain this like im 12 pls", 0, "overview"),
        ("what is a foundation model? explain it like im 5", 0, "question"),
        ("how would you describe the article to someone who knows nothing about ai", 0, "overview"),
        ("walk me through the main sections", 0, "overview"),
        ("need a one-paragraph overview by noon", 0, "overview"),
        ("what's the overarching stance of the report on openness versus risk?", 0, "overview"),
        ("can you explain what the whole thing is saying in simple terms?", 0, "overview"),
        ("how would you characterize the big-picture argument here", 0, "overview"),
        ("is this recent? what year", 0, "document"),
        ("is it still up to date?", 0, "document"),
        ("how old is this review? is it before the final eu ai act", 1, "document"),
        ("how old is llama 2", 0, "question"),
        ("is it current EU policy to exempt open models?", 1, "question"),
        ("Is this review aimed at people in my line of work, or at academics?", 0, "document"),
        ("when do the EU AI Act's exemptions kick in — what year?", 1, "question"),
        ("the ones who wrote this, who are they?", 0, "document"),
        ("good morning!", 0, "greeting"),
        ("thanks!", 0, "thanks"),
        ("morning! thanks for the help yesterday, the team loved the EU summary", 1, "thanks"),
        ("thanks, what does the EU exempt?", 1, "question"),
        ("thanks but does china exempt them", 1, "question"),
        ("thanks, this is exactly what I needed", 0, "thanks"),
        # Thanks in other words, and in other languages.
        ("appreciate it!", 0, "thanks"),
        ("much obliged, that settles the memo", 0, "thanks"),
        ("so grateful for this", 0, "thanks"),
        ("you're a lifesaver", 0, "thanks"),
        ("gracias!", 0, "thanks"),
        ("merci beaucoup", 0, "thanks"),
        ("danke schön", 0, "thanks"),
        ("are developers obliged to disclose their weights?", 0, "question"),
        ("I'd appreciate it if you summarised the EU part", 1, "overview"),
        ("I'd like it if you summarized the review", 0, "overview"),
        ("heyy is this the bot for the open source AI reading?", 0, "about_bot"),
        ("who are you?", 0, "about_bot"),
        ("are YOU open source? lol didn't think so", 0, "about_bot"),
        ("are open source models safe?", 0, "question"),
        ("what's your name?", 0, "about_bot"),
        # What it is for, asked whole; not a question that goes on.
        ("what can you even do?", 0, "about_bot"),
        ("help", 0, "about_bot"),
        ("how do i use this", 0, "about_bot"),
        ("what can you do with open weights?", 0, "question"),
        ("help me understand the EU exemption", 1, "question"),
        ("how many users have asked you about the EU?", 0, "about_bot"),
        ("what's the cost of running you?", 0, "about_bot"),
        ("may I cite your replies in a paper?", 0, "about_bot"),
        ("aren't you meant to know everything?", 0, "about_bot"),
        # The bot's own view, not what the review says or means.
        ("what do you honestly think of mistral?", 0, "bots_view"),
        ("do you agree with Convergence or not", 0, "bots_view"),
        ("your personal take on releasing weights?", 0, "bots_view"),
        ("what do you think", 0, "bots_view"),
        ("what do you think the review says about china", 1, "question"),
        ("are you pro or anti open weights", 0, "bots_view"),
        ("can YOU tell me what china requires?", 0, "question"),
        ("can you honestly tell me the EU's position?", 0, "question"),
        ("what do you think the authors mean by structured access?", 0, "question"),
        ("in your view, what's the review's bottom line?", 0, "overview"),
        ("am I speaking with a real person, or is this one of those programs?", 0, "about_bot"),
        ("are you a generative model?", 0, "about_bot"),
        ("are u an actual human or a script?", 0, "about_bot"),
        ("how do you work?", 0, "about_bot"),
        # What it is and knows, however put; not what may be asked of a subject.
        ("are you just chatgpt with a hat on", 0, "about_bot"),
        ("what kind of stuff can i ask you?", 0, "about_bot"),
        ("lol u only know one blog post?", 0, "about_bot"),
        ("do you have opinions or do you just quote stuff at people", 0, "about_bot"),
        ("where do you get your info from", 0, "about_bot"),
        ("do you store what i ask", 0, "privacy"),
        ("can you delete my questions", 0, "privacy"),
        ("is my data private under the AI act?", 0, "question"),
        ("bibtex pls", 0, "citing"),
        ("citation for this review?", 0, "citing"),
        # A work the review cites: what it says of the work, and /sources.
        ("how do I cite the pandemic agents paper", 0, "question"),
        ("whats the citation for the badllama paper", 0, "question"),
        ("what sections does it have", 0, "contents"),
        ("list the headings", 0, "contents"),
        ("is there a section on bioweapons", 0, "question"),
        ("which sections are there on china?", 1, "question"),
        # The series' parts are its posts, which a passage counts.
        ("how many parts are there in the series?", 0, "question"),
        ("where do you get open weights?", 0, "question"),
        ("what can you even help with", 0, "about_bot"),
        ("what kind of question i can ask you", 0, "about_bot"),
        ("which model should i use to summarise meeting notes", 0, "question"),
        # "rn" is read as "now".
        ("what's the best open model now for summarizing clinical notes", 0, "question"),
        ("this report posted what date?", 0, "document"),
        ("what date was this published? checking if its still current", 0, "document"),
        ("when was published this? the date exactly", 0, "document"),
        ("when was published the executive order?", 1, "question"),
        (
            "when was this review posted? need the date for the refs in our AI governance paper",
            0,
            "document",
        ),
        (
            "what date did that open source regulation review go up, need it for the citation",
            0,
            "document",
        ),
        ("when was the BadLlama paper published?", 0, "question"),
        ("the review was published in which year?", 0, "document"),
        ("the EU act was passed in which year?", 1, "question"),
        ("what page number is that on?", 0, "citing"),
        ("what can you help with on open weights?", 0, "question"),
        ("what can i ask you about china", 1, "question"),
        ("is this a human rights issue?", 0, "question"),
        ("how do you work out which countries are covered?", 0, "question"),
        ("what time is it in Brussels rn", 1, "right_now"),
        ("do you know what time it is", 0, "right_now"),
        ("how's the weather in beijing today?", 1, "right_now"),
        ("what's the weather gonna be like in Brussels this weekend", 1, "right_now"),
        ("what is the time for the EU exemptions to kick in", 1, "question"),
        # A sum is a calculator's; a figure of the review is not one.
        ("what's 2+2. actually think about it", 0, "right_now"),
        ("whats 12 x 7", 0, "right_now"),
        ("what is 10^25 flops?", 0, "question"),
        ("what's 1,800 signatures out of how many?", 0, "question"),
        ("Guten Tag!", 0, "greeting"),
        ("who exactly wrote this review?", 0, "document"),
        ("what's the time frame of the chinese regulations?", 1, "question"),
        ("gn chat", 0, "farewell"),
        # Taking a message back; a correction is still a question.
        ("nvm", 0, "never_mind"),
        ("and the other one?", 0, "follow_up"),
        # The gist of how two things differ asks the difference, not for the review's summary.
        ("tldr open weights vs actually open source, whats the diff", 0, "question"),
        ("in a nutshell, the difference between open weights and open source?", 0, "question"),
        ("tl;dr, do i have extra legal obligations vs closed labs?", 0, "overview"),
        ("what about the second point you mentioned", 0, "follow_up"),
        ("ok and the last part u quoted", 0, "follow_up"),
        ("and then?", 0, "follow_up"),
        ("and then what did the EU do?", 1, "question"),
        ("and the EU?", 1, "question"),
        ("What are your limitations?", 0, "about_bot"),
        ("what can you actually do, short version", 0, "about_bot"),
        ("Is there something you can't do? Everyone has limits", 0, "about_bot"),
        ("is there anything you can't do with open weights?", 0, "question"),
        ("how do you work, like under the hood", 0, "about_bot"),
        ("you share my data with someone? 😬", 0, "privacy"),
        ("are you saving what we write here?", 0, "privacy"),
        ("are you like chatgpt", 0, "about_bot"),
        ("what can you actually answer? just the one report?", 0, "about_bot"),
        ("what can you answer about china?", 1, "question"),
        ("what can you actually answer, just the one report?", 0, "about_bot"),
        ("u can only answer about that one article?? lame", 0, "about_bot"),
        ("can you read other reports or only this one convergence thing", 0, "about_bot"),
        ("ur quotes are way too long, tldr next time pls", 0, "about_bot"),
        ("do you know anything besides that one article", 0, "about_bot"),
        ("can you answer other topics too?", 0, "about_bot"),
        ("can you read the part on other reports about china?", 1, "question"),
        ("can i paste a de-identified patient note in here for you to summarize", 0, "about_bot"),
        ("date this was published?", 0, "document"),
        ("what date this one was posted? my prof want exact date in the citation", 0, "document"),
        ("which one of you deployed this lol", 0, "about_bot"),
        ("can you only talk about that one lesswrong post or what", 0, "about_bot"),
        ("are you made by openai?", 0, "about_bot"),
        ("can you link your source", 0, "document"),
        ("what even are you", 0, "about_bot"),
        # Told to it, or asked of what is behind it; not the asker's own role.
        ("you are chatgpt inside?", 0, "about_bot"),
        ("is this one of those chatgpt things", 0, "about_bot"),
        ("is there a model behind you or just a big if-else", 0, "about_bot"),
        ("do you even understand the stuff you quote", 0, "about_bot"),
        ("do u actually get any of what u say", 0, "about_bot"),
        ("do you understand what the EU says about open source models?", 1, "question"),
        ("you are an open source developer: what applies to you?", 0, "question"),
        ("what exactly are you saying about china", 1, "question"),
        ("is your source code public? would be kinda ironic if not", 0, "about_bot"),
        ("is llama 2 source code public?", 0, "question"),
        (
            "I've been told this bot can answer questions on the open-source AI paper?",
            0,
            "about_bot",
        ),
        ("can you do anything besides quote that one review", 0, "about_bot"),
        ("is this channel being used to train you", 0, "privacy"),
        ("can u speak chinese? 可以用中文回答吗", 1, "about_bot"),
        ("can you speak to the chinese rules?", 1, "question"),
        ("do you ever make up citations?", 0, "about_bot"),
        ("do you make stuff up or is it all from a source", 0, "about_bot"),
        ("ok that was actually useful, nice", 0, "reaction"),
        ("date of publication pls, for the citation", 0, "document"),
        ("can you only give quotes from the EU section?", 1, "question"),
        ("who added the eu exemption?", 1, "question"),
        ("your info is up to date or old?", 0, "document"),
        ("if all you get is the weights, what can't you do?", 0, "question"),
        ("sorry, wrong channel", 0, "never_mind"),
        ("oops wrong chat lol", 0, "never_mind"),
        ("sorry, I meant the EU", 1, "question"),
        ("r u a real person or an llm", 0, "about_bot"),
        ("who built this thing lol", 0, "about_bot"),
        ("who was your biggest role model growing up", 0, "about_bot"),
        ("how old are u", 0, "about_bot"),
        ("do you ever sleep?", 0, "about_bot"),
        ("what's your favourite part of the review?", 0, "question"),
        ("r u sure the EU exempts them?", 1, "question"),
        ("bye bye for now", 0, "farewell"),
        # A reaction to an answer asks nothing; one that goes on to ask is a question.
        ("ok that makes sense", 0, "reaction"),
        ("cool cool", 0, "reaction"),
        ("interesting!", 0, "reaction"),
        ("that's wild lol", 0, "reaction"),
        ("right right", 0, "reaction"),
        ("ok so what does China require?", 1, "question"),
        ("right to repair laws?", 0, "question"),
        ("interesting, why did the EU exempt them?", 1, "question"),
        # ...so does one that shrugs it off or disagrees; a question about it does not.
        ("that's wrong", 0, "reaction"),
        ("ok and?", 0, "reaction"),
        ("who asked", 0, "reaction"),
        ("nope, bad bot", 0, "reaction"),
        ("that's... not quite it but close enough", 0, "reaction"),
        ("is that wrong?", 0, "question"),
        ("who cares about china's rules?", 1, "question"),
        ("so what does the EU exempt?", 1, "question"),
        ("how are you?", 0, "greeting"),
        ("you doing ok in there?", 0, "greeting"),
        # A check that the bot is there is greeted.
        ("is this thing on?", 0, "greeting"),
        ("testing 1 2 3", 0, "greeting"),
        ("bot are you alive", 0, "greeting"),
        ("testing the eu rules", 1, "question"),
        ("how are you regulating open models?", 0, "question"),
        # An opinion said in chat asks nothing; with a question it is one.
        ("honestly open weights are the future", 0, "reaction"),
        ("frontier labs should open up more, fight me", 0, "reaction"),
        ("haha the 3d printed rocket launcher example is wild", 0, "reaction"),
        ("you're more concise than half our discussion leads 😅", 0, "reaction"),
        ("you're so sure the EU exempts them?", 1, "question"),
        ("is it crazy to open source frontier models?", 0, "question"),
        ("honestly, do open weights have a future?", 0, "question"),
        ("isn't closed ai just as risky tbh", 0, "question"),
        ("ngl explain the EU part to me", 1, "question"),
        ("are you running on llama lol", 0, "about_bot"),
        ("are you a llama under the hood or what", 0, "about_bot"),
        ("can i jailbreak you lol", 0, "about_bot"),
        ("how do people jailbreak llama", 0, "question"),
        ("are llama models open", 0, "question"),
        ("Which outfit actually produced this review?", 0, "document"),
        ("which org / program produced this thing", 0, "document"),
        ("authors?", 0, "document"),
        ("authors of badllama?", 0, "question"),
        # Who made an argument is asked of the review's text, not of its authors.
        ("who made the case against bans — github?", 0, "question"),
        ("who made this", 0, "document"),
        ("who's paying for this, some think tank?", 0, "document"),
        ("was this written by AI?", 0, "document"),
        ("how can we tell if a student essay was written by AI", 0, "question"),
        ("which outfit actually showed that the safeguards come off?", 0, "question"),
        ("what model are you?", 0, "about_bot"),
        ("are models trained on public data?", 0, "question"),
        # The bottom line of someone the review quotes is a question about what they said.
        ("what's the interviewee's bottom line on it?", 0, "question"),
        ("what conclusion does the interviewee draw about weights", 0, "question"),
        ("Mozilla's verdict on closed AI", 0, "question"),
        ("what's the review's bottom line", 0, "overview"),
        ("today's key takeaways pls", 0, "overview"),
        ("who is it meant to serve as an introduction for?", 0, "document"),
        ("later, what does china require", 0, "question"),
        ("tl;dr?", 0, "overview"),
        ("Convergence's analysis", 0, "overview"),
        ("convergence analysis conclusions", 0, "overview"),
        # The publisher's name, not its analysis: once the review's summary was quoted.
        ("What's Convergence Analysis?", 0, "question"),
        ("who are the actual people that wrote this?", 0, "document"),
        ("who are the writers", 0, "document"),
        ("the people that wrote the mozilla letter", 0, "question"),
        ("what's the link to the review", 0, "document"),
        ("url of this article", 0, "document"),
        ("where can I read it online?", 0, "document"),
        ("link to the mozilla letter", 0, "question"),
        ("which group showed it? need the paper title for a link", 0, "question"),
        ("what's the most important point", 0, "overview"),
        ("what's the main point?", 0, "overview"),
        # The bot has no view of its own: the review's is quoted.
        ("what do you think about open source ai?", 0, "overview"),
        ("is this review biased?", 0, "overview"),
        ("what do you think of badllama", 0, "question"),
        ("what are the key takeaways", 0, "overview"),
        # One side of the subject, asked alone, is asked of the review's summary.
        ("upsides?", 0, "overview"),
        ("so what are the main dangers", 0, "overview"),
        ("what are the dangers of crypto", 0, "question"),
        ("what's the takeaway", 0, "overview"),
        ("any good takeaway places near the office?", 0, "question"),
        ("takeaway please", 0, "overview"),
        ("what's the downside of open models according to the authors?", 0, "overview"),
        ("in the authors' own analysis, what is good about open models?", 0, "overview"),
        ("what's the authors' bottom line on the tradeoffs?", 0, "overview"),
        ("bottom line from the authors: is openness net positive?", 0, "overview"),
        ("what is the opinion of convergence on bans?", 0, "overview"),
        ("bottom line, what do these convergence folks conclude", 0, "overview"),
        ("bottom line: do open model devs have extra legal duties today?", 0, "overview"),
        ("sum up in 3 bullets for my slides pls", 0, "overview"),
        ("conclusion in one sentence for a thread pls", 0, "overview"),
        ("give me the highlights", 0, "overview"),
        ("retired teacher here. what's the verdict, in plain words?", 0, "overview"),
        ("philosophy undergrad: what's the core argument here?", 0, "overview"),
        ("what is the conclusion of the pandemic paper", 0, "question"),
        ("is it a legal analysis or more of an introductory overview? deciding", 0, "question"),
        ("what year did this come out", 0, "document"),
        ("grandma here. what is this all about, dear?", 0, "overview"),
        ("museum curator — how does it conclude?", 0, "overview"),
        ("Give me the headline findings, please.", 0, "overview"),
        ("Rabbi here — what's the central argument?", 0, "overview"),
        ("whats the main argument in favour of making ai open", 0, "question"),
        ("final conclusion?", 0, "overview"),
        ("what is the position of the EU on open source?", 1, "question"),
        ("according to the review, how much did BadLlama cost?", 0, "question"),
        ("who wrote this review?", 0, "document"),
        ("who wrote the paper?", 0, "document"),
        ("help me figure out who this review is even written for", 0, "document"),
        # Its audience asked as a yes-or-no or with "whom".
        ("is this written for lawyers or can a non-policy person use it?", 0, "document"),
        ("for which audience is this series written?", 0, "document"),
        ("hello, for whom this review is written?", 0, "document"),
        ("who do the authors say the series is written for?", 0, "document"),
        ("is the act aimed at big labs?", 0, "question"),
        ("is this model meant for coding?", 0, "question"),
        # Asked in a second language.
        ("For which kind of readers this series is prepared?", 0, "document"),
        (
            "This document is standalone paper or it belong to some bigger publication?",
            0,
            "document",
        ),
        ("does the model belong to a bigger family?", 0, "question"),
        ("is the BadLlama paper a standalone paper?", 0, "question"),
        ("what series is this review part of", 0, "document"),
        ("is this a one-off or part of a whole series?", 0, "document"),
        ("is this review a standalone thing?", 0, "document"),
        ("is the AI Act part of a bigger package?", 0, "question"),
        ("is it part of the EU AI Act?", 0, "question"),
        ("which series of models did Meta release?", 0, "question"),
        ("who wrote the pandemic agents paper?", 0, "question"),
        ("who wrote Mozilla's letter?", 0, "question"),
        ("who wrote the paper on pandemic agents and releasing weights?", 0, "question"),
        ("who actually wrote this?", 0, "document"),
        ("who are the bylines on this piece?", 0, "document"),
        ("bot, when's your byline coming", 0, "question"),
        ("which individuals authored this review, please?", 0, "document"),
        ("ok, who actually put their names to it? I like to know whom I read", 0, "document"),
        ("where can I read the whole thing?", 0, "document"),
        ("where was this first posted?", 0, "document"),
        ("is this review still up to date", 0, "document"),
        ("is this info current?", 0, "document"),
        ("where was llama 2 released?", 0, "question"),
        ("who authored the pandemic paper?", 0, "question"),
        ("the byline on the mozilla letter", 0, "question"),
        ("who's really behind this review?", 0, "document"),
        ("which outfit is actually behind this review?", 0, "document"),
        ("which org wrote this?", 0, "document"),
        ("which think tank?", 0, "document"),
        ("which outfit showed that the safety tuning of Llama 2 comes off?", 0, "question"),
        ("which company is behind llama 2?", 0, "question"),
        ("who put this review out?", 0, "document"),
        ("who actually put this review together?", 0, "document"),
        ("who put out a ban on open models?", 0, "question"),
        ("when was the article published?", 0, "document"),
        ("EU vs China on open models", 2, "comparison"),
        ("how do the US and EU differ?", 2, "comparison"),
        ("who is this writeup even aimed at?", 0, "document"),
        ("who is the act aimed at", 0, "question"),
        ("do the US and EU treat open models differently?", 2, "comparison"),
        ("what do the EU and China have in common", 2, "comparison"),
        ("are the US and China alike here?", 2, "comparison"),
        ("is the EU stricter than the US?", 2, "comparison"),
        # Of all three, "which one" picks one; of two, it compares them.
        ("of the US, EU and China, which one is friendliest?", 3, "question"),
        ("US or EU, which one is stricter?", 2, "comparison"),
        ("which one is friendliest, US vs EU vs China?", 3, "comparison"),
        # "Rather than" sets a place aside: the review's scope, not a comparison.
        ("why the US, the EU and the PRC rather than the UK?", 3, "question"),
        ("any rules other than the EU and US ones?", 2, "question"),
        ("hi, what does the EU AI Act exempt for open-source developers?", 1, "question"),
        ("what does the EU AI Act exempt?", 1, "question"),
        ("What do the authors of the pandemic paper conclude?", 0, "question"),
        ("what is this review about?", 0, "overview"),
        ("what does the review cover", 0, "overview"),
        ("what topics does it cover?", 0, "overview"),
        ("what's in this review", 0, "overview"),
        ("what does the review cover about China?", 1, "question"),
        ("what does the EU AI Act cover?", 1, "question"),
        ("does the review take a side?", 0, "overview"),
        ("does the review actually land anywhere or just shrug?", 0, "overview"),
        ("does the analysis section take a position on the tradeoff", 0, "overview"),
        ("does the review take a look at China?", 1, "question"),
        ("what does Convergence recommend?", 0, "overview"),
        ("what's the authors' take", 0, "overview"),
        ("the review's stance on China", 1, "question"),
    ],
)
def test_intent(text: str, jurisdictions: int, intent: str) -> None:
    assert intent_of(text, jurisdictions) == intent


def test_a_claim_looked_up_is_never_an_opinion_that_asks_nothing() -> None:
    said = "honestly open weights are the future"
    assert intent_of(said, 0) == "reaction"
    assert intent_of(said, 0, claim=True) == "question"


@pytest.mark.parametrize(
    ("question", "scope"),
    [
        ("which countries does this review actually look at?", True),
        ("what regions are covered", True),
        ("which countries covered", True),
        ("jurisdictions covered?", True),
        ("which regions are in scope?", True),
        ("what places does the review talk about?", True),
        ("why only those three?", True),
        ("why these 3 jurisdictions", True),
        ("why does it only cover three places?", True),
        ("why just 3 countries", True),
        ("why only three regulators fined meta", False),
        ("which countries voted against the EU AI Act?", False),
        ("which country is friendliest to open models?", False),
    ],
)
def test_asks_scope(question: str, scope: bool) -> None:
    assert asks_scope(question) is scope


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        ("who is this review for?", True),
        ("who's the target reader here?", True),
        ("what audience is this written for", True),
        ("for which audience is this series written?", True),
        ("for whom is this review written?", True),
        ("is it pitched at legislators?", True),
        ("for which kind of readers is it prepared?", True),
        ("who wrote this review?", False),
        ("which org is behind this", False),
    ],
)
def test_asks_audience(question: str, audience: bool) -> None:
    assert asks_audience(question) is audience


def test_audience_sentences() -> None:
    assert AUDIENCE.search("This series is intended to be a primer for policymakers.")
    assert AUDIENCE.search("Written for journalists and students alike.")
    assert not AUDIENCE.search("It was conducted by the Governance Recommendations Program.")


@pytest.mark.parametrize(
    ("text", "intent", "rest"),
    [
        ("who wrote harry potter", "document", "harry potter"),
        ("which organization is behind this", "document", "is"),
        ("summarize the plot of dune", "overview", "the plot of dune"),
        ("what does convergence recommend?", "overview", ""),
        ("who wrote harry potter", "question", "who wrote harry potter"),
    ],
)
def test_what_a_question_asks_of_is_what_its_kind_leaves(text: str, intent: str, rest: str) -> None:
    assert outside_intent(text, intent).split() == rest.split()  # type: ignore[arg-type]


def test_a_question_said_to_be_off_topic_is_declined_unless_the_review_surely_answers_it(
    engine: Engine,
) -> None:
    drones = "are the rules on drones stricter in the EU or the US?"
    assert engine.answer(drones).quotes  # alone, related passages (they share words)
    declined = engine.answer(f"Off topic, but {drones}")
    assert declined.status == "no_answer" and not declined.quotes
    plain = engine.answer("what does the EU AI Act exempt?")
    noted = engine.answer("off topic, but what does the EU AI Act exempt?")
    assert plain.confidence == "high"
    assert noted.quotes == plain.quotes and noted.question.startswith("off topic")


@pytest.mark.parametrize(
    ("reads", "text", "expected"),
    [
        (names_all_jurisdictions, "compare all three", True),
        (names_all_jurisdictions, "how do the three jurisdictions differ on open source?", True),
        (names_all_jurisdictions, "what are the three posts about", False),
        (names_all_jurisdictions, "the 3 examples of open source software", False),
        (asks_for_sources, "what sources does the review cite?", True),
        (asks_for_sources, "sources?", True),
        (asks_for_sources, "source?", True),
        (asks_for_sources, "source code?", False),
        (asks_for_sources, "list the references", True),
        (asks_for_sources, "can I see the sources?", True),
        (asks_for_sources, "references pls", True),
        (asks_for_sources, "can I get the sources on bioweapons?", False),
        # A question about some of them, which the quotes answer.
        (asks_for_sources, "what sources does the review cite on bioweapons", False),
        (asks_for_sources, "which source says it cost $200?", False),
    ],
)
def test_all_three_jurisdictions_and_the_sources_as_a_whole(
    reads: Callable[[str], bool], text: str, expected: bool
) -> None:
    assert reads(text) is expected


@pytest.mark.parametrize(
    ("text", "why_only"),
    [
        ("why only the US, EU and China?", True),
        ("Why does the review just bother with those?", True),
        ("why the US and not the UK?", False),
        ("only the EU exempts them, why?", False),
    ],
)
def test_asks_why_only(text: str, why_only: bool) -> None:
    assert asks_why_only(text) is why_only


# The regex parser's opcodes (a private module, read only by this test).
_SRE: Any = re._constants  # type: ignore[attr-defined]


_NO_LETTERS = (_SRE.CATEGORY_NOT_WORD, _SRE.CATEGORY_SPACE)


def _first_letters(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """The lower-case characters a parsed regex sequence may begin with, and whether it may
    match nothing (zero-width assertions and optional parts let the next item begin it)."""
    letters: set[str] = set()
    for op, arg in items:
        if op in (_SRE.AT, _SRE.ASSERT, _SRE.ASSERT_NOT):
            continue
        if op is _SRE.LITERAL:
            letters.add(chr(int(arg)).lower())
            return letters, False
        if op is _SRE.IN:
            for kind, value in arg:
                # Spaces and punctuation ("\W*" before "link") begin no letter.
                if kind is _SRE.CATEGORY and value in _NO_LETTERS:
                    continue
                assert kind is _SRE.LITERAL, f"a class of {kind} begins an alternative"
                letters.add(chr(value).lower())
            return letters, False
        if op is _SRE.SUBPATTERN:
            found, empty = _first_letters(list(arg[-1]))
        elif op is _SRE.BRANCH:
            found, empty = set(), False
            for branch in arg[1]:
                more, nothing = _first_letters(list(branch))
                found, empty = found | more, empty or nothing
        elif op in (_SRE.MAX_REPEAT, _SRE.MIN_REPEAT):
            least, _, body = arg
            found, empty = _first_letters(list(body))
            empty = empty or least == 0
        else:
            raise AssertionError(f"{op} begins an alternative")
        letters |= found
        if not empty:
            return letters, False
    return letters, True


def _led_by_lookahead() -> list[re.Pattern[str]]:
    """The patterns of the question modules that lead with a lookahead on first letters."""
    modules = (
        retrieval.asking,
        retrieval.help_requests,
        retrieval.intent,
        retrieval.wants,
        retrieval.works,
    )
    return [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, re.Pattern) and value.pattern.startswith("(?=[")
    ]


def _led(items: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """The sequences of a parsed pattern (itself, or each of its top-level alternatives)
    that lead with a lookahead."""
    if len(items) == 1 and items[0][0] is _SRE.BRANCH:
        return [seq for branch in items[0][1][1] for seq in _led(list(branch))]
    return [items] if items and items[0][0] is _SRE.ASSERT else []


@pytest.mark.parametrize("pattern", _led_by_lookahead(), ids=lambda p: p.pattern[:30])
def test_a_leading_lookahead_lists_the_first_letter_of_every_alternative(
    pattern: re.Pattern[str],
) -> None:
    # re skips ahead to the letters a pattern's lookahead lists: an alternative whose first
    # letter is missing from them would never match.
    parsed = list(re._parser.parse(pattern.pattern, pattern.flags))  # type: ignore[attr-defined]
    for lookahead, *rest in _led(parsed):
        listed, _ = _first_letters(list(lookahead[1][1]))
        needed, empty = _first_letters(rest)
        assert not empty
        assert needed <= listed, sorted(needed - listed)


@pytest.mark.parametrize(
    ("text", "of"),
    [
        ("gist of the parish newsletter?", "the parish newsletter"),
        ("summarise the model railway club newsletter", "the model railway club newsletter"),
        ("tl;dr the ibuprofen leaflet side effects", "the ibuprofen leaflet side effects"),
        (
            "can someone recap what they decided about start times",
            "what they decided about start times",
        ),
        ("what's the overall verdict and the standout tracks", "the standout tracks"),
        ("summarise Brave New World", "Brave New World"),
        ("summarise it for me", None),
        ("a summary of the main points, please", None),
        ("the gist of it", None),
        ("need the main takeaway fast", None),
        ("what's the main message I should remember?", None),
    ],
)
def test_overview_of(text: str, of: str | None) -> None:
    assert overview_of(text) == of


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("chernobyl tldr", "chernobyl"),
        ("quantum entanglement in a nutshell?", "quantum entanglement"),
        ("tldr the great gatsby", "great gatsby"),
        ("tldr lord of the rings", "lord of rings"),
        ("tldr of the review", None),
        # After "summarize", up to the request's own words.
        ("summarize moby dick for me", "moby dick"),
        ("summarize briefly pls", None),
        ("summarize everything for me", None),
        ("quick summary pls", None),
        ("tldr for a busy person", None),
        ("give me the gist", None),
        ("the review in a nutshell", None),
        # Whose it is, by a possessive just before the overview's words.
        ("what were the CMA's main findings", "CMA"),
        ("the review's key takeaways?", None),
        ("convergence's main conclusions", None),
        ("the authors' key points", None),
    ],
)
def test_what_is_named_bare_beside_an_overview(text: str, named: str | None) -> None:
    assert bare_object(text) == named
