"""Kinds of question: small talk, document, comparison, overview; what a sentence that answers
holds ("when", "how many", "who is it for"); and requests for help with something else."""

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
from retrieval.asking import (
    asking_and_context,
    asking_part,
    capitalised_names,
    names_happening,
    questions_in,
    told_of,
    without_asker_context,
    without_purpose,
)
from retrieval.engine import Engine
from retrieval.help_requests import after_off_topic_note, asks_for_help
from retrieval.intent import (
    AUDIENCE,
    Intent,
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
from retrieval.wants import (
    answers_kind,
    asks_for_figure,
    counts_for_asked,
    defines_asked,
    names_member_asked,
    names_someone,
    states_backing_asked,
    states_fate_asked,
    states_legality_asked,
    states_tasks_asked,
    states_year_asked,
    wanted_kind,
)
from retrieval.works import (
    credited_work,
    named_laws,
    named_works,
    names_other_work,
    names_review,
    points_at_review,
    quoted_phrases,
    quoted_titles,
    view_holders,
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
    ("question", "quote", "fits"),
    [
        ("when was Llama 3 released?", "Meta released Llama 3 in April 2024.", True),
        ("when was Llama 3 released?", "Meta released Llama 3 with open weights.", False),
        ("by which date must the report be in?", "It calls for the Secretary to report.", False),
        ("how much did it cost?", "It cost us around $200 to train.", True),
        ("how much did Meta spend on Llama 2?", "Meta released Llama 2 in April 2024.", False),
        ("how many posts are in the series?", "a series of ~10 posts", True),
        ("what does the EU exempt?", "Nothing with a figure.", True),
        ("which country is friendliest to open models?", "The EU treats them favorably.", True),
        # A response asked after is stated by a sentence, not by one about what it answers.
        ("has Meta responded to the BadLlama findings?", "Palisade showed it in BadLlama.", False),
        ("how did they react to the ban idea?", "Others counter that openness matters.", True),
        # Within the one place asked of, that place is no answer.
        ("which EU countries opposed it?", "The EU AI Act exempts them.", False),
        ("which EU countries opposed it, unlike China?", "The EU AI Act exempts them.", True),
        ("of the 3 regions which one is most chill?", "Meta released Llama 3 openly.", False),
        ("which one is better, open weights or open source?", "Neither names a place.", True),
    ],
)
def test_answers_kind(question: str, quote: str, fits: bool) -> None:
    assert answers_kind(wanted_kind(question), [quote]) == [fits]


@pytest.mark.parametrize(
    ("question", "holds", "lacks"),
    [
        ("when was the EO signed?", "in April 2024", "around $200"),
        ("released when?", "in April 2024", "Llama 2"),
        ("since when has China regulated AI?", "between 2019 and 2023", "Llama 2"),
        ("when's it from?", "in April 2024", "Llama 2"),
        ("how many organisations signed the letter?", "15 organisations", "Llama 2"),
        ("how much did it cost?", "around $200", "in April 2024"),
        ("how much did it cost?", "around $200", "a few hundred examples"),
        ("how big is the training set?", "2 trillion tokens", "around $200"),
        ("how large is Llama 3?", "70 billion parameters", "the 10 posts"),
        ("how long did it take them?", "within a few hours", "around $200"),
        ("how long did it take them?", "in 90 days", "Llama 2"),
        ("how many GPU hours did the fine-tune take?", "within a few hours", "around $200"),
        ("how long is the series?", "~10 posts", "Llama 2"),
        ("what's the deadline for the Commerce report?", "by July 2024", "Section 4.6"),
        ("when do the exemptions kick in?", "from August 2025", "the EU AI Act"),
        ("what are the fines under the AI Act?", "fines of up to 3 %", "the exemptions"),
        ("any penalties for monetised models?", "a penalty applies", "monetized"),
        ("whats the fine if a company breaks the rules", "fines of up to 3 %", "the rules"),
        ("what fine would a company get?", "fines of up to 3 %", "the rules"),
        ("what did meta spend training llama 2?", "around $200 to train", "Llama 2"),
        (
            "which regulations did they check? names?",
            "in Palisade Research’s paper BadLlama",
            "no mention of open-source models in China’s regulations",
        ),
        (
            "which laws, by name?",
            "under the Interim Measures",
            "many argue that advanced AI should",
        ),
        ("which article has the open-source exemption?", "Article 2(12)", "the act"),
        # A work's name is a title, not a term ("labels this", "is termed").
        (
            "what's the name of the report that tested llama 2's guardrails?",
            "in Palisade Research’s paper BadLlama",
            "labels this an open weight model",
        ),
        ("which study showed the safety comes off?", "in Palisade Research’s paper", "is termed"),
        (
            "what do you call a weights-only release?",
            "labels this an “open weight” model",
            "“widely available”",
        ),
        ("is there a name for that?", "is termed an information hazard", "a hazard"),
        ("term for when only the weights are published?", "labels this an open weight", "weights"),
        ("what license is llama 2 released under?", "the Llama 2 Community License", "Llama 2"),
        ("llama 3 licence terms", "licensed under Apache 2.0", "Licensing for free usage."),
        ("under which licence did Meta publish it?", "an OpenRAIL licence", "open weights"),
    ],
)
def test_wanted_kind(question: str, holds: str, lacks: str) -> None:
    pattern = wanted_kind(question)
    assert pattern is not None and pattern.search(holds) and not pattern.search(lacks)
    assert wanted_kind("what does the EU exempt?") is None
    assert wanted_kind("is the term for a pass in the AI Act?") is None
    # What a release costs in other terms asks for no sum.
    assert wanted_kind("what does open release cost in terms of regulation?") is None
    for fine in ("I bet there's fine print", "is it fine to", "what does a fine-tuning pass do"):
        assert wanted_kind(fine) is None, fine


@pytest.mark.parametrize(
    "question",
    ["does the EU give open source a pass? how much of one", "how much of a risk is it?"],
)
def test_how_much_of_a_thing_asks_for_a_degree_not_a_figure(question: str) -> None:
    assert wanted_kind(question) is None


@pytest.mark.parametrize(
    "question",
    ["the term for when info spreads widely", "what happens when weights leak?"],
)
def test_when_as_a_conjunction_asks_for_no_date(question: str) -> None:
    assert not asks_for_figure(question)


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
    ("question", "help_request"),
    [
        ("how do I bake sourdough?", True),
        ("pizza near me", True),
        ("recipe for a vegan lasagna pls", True),
        ("whats a cheap pasta recipe", True),
        # A recipe spoken of is not one asked for.
        ("what is the term for spreading knowledge such as weapon recipes?", False),
        ("how do chatbots stop people asking for bomb recipes?", False),
        ("any tips for a job interview", True),
        ("help me pick weights for my home gym", True),
        ("where can i find cheap dumbbells", True),
        # Help with reading the review is a question about it.
        ("help me explain what 'open weight' means", False),
        ("how should I describe Meta's release of Llama 2 in my essay?", False),
        ("where can i find what China requires of developers?", False),
        ("whats the best way to sum up the US position", False),
        ("can you help me understand the EU exemptions", False),
        ("help me find the punchiest line from the Ladish interview", False),
        ("can you help me with the arguments for banning open models?", False),
        ("where can I find the source code for the original Doom?", True),
        ("help me understand my phone bill", True),
        ("any tips on explaining the EU's exemptions?", False),
        ("how do I counter the argument that open models help monopolies?", False),
        ("how should I caveat the BadLlama numbers?", False),
        ("how do I figure out if open model devs have extra legal duties?", False),
        ("how can I tell if my grandma's china set is real?", True),
        ("how do I explain to my boss why the EU exempts open models?", False),
        ("how do we keep people from accessing dangerous capabilities?", False),
        ("how does the EU treat open-source models?", False),
        ("what do the authors recommend?", False),
        # A message to the other people in a channel.
        ("anyone know a good accountant for our startup?", True),
        ("anybody got a spare ticket for saturday", True),
        ("which laptop should i buy for uni", True),
        ("is pottery a good hobby for a total beginner?", True),
        ("does anyone know what the EU AI Act says about open source?", False),
        ("anyone know why China wants labels on AI content?", False),
        ("should I get my head around the US rules first?", False),
        # A pick for the asker's own use, or leave for their own work.
        ("which open source llm should i use for my chatbot", True),
        ("best open weight model right now for coding", True),
        ("whats the go-to license for an open source ML dataset", True),
        ("best open dataset for finetuning an instruct model?", True),
        ("any good book on running open source communities", True),
        ("what does the review say about the datasets for llama 2?", False),
        ("is it ok to use GPL code in my closed source saas?", True),
        ("what are the best arguments for open models?", False),
        ("is it ok to share model weights, per the review?", False),
        ("cheapest api for llama 3 70b per million tokens", True),
        ("best tool for summarizing pdfs?", True),
        ("Which is the safer one for a beginner to use, ChatGPT or Claude?", True),
        ("which is safer to release, weights or code?", False),
        ("is llama guard worth using as a filter", True),
        ("how much vram do i need for llama 3 70b at 4bit", True),
        ("is the EU exemption worth much, per the authors?", False),
        ("what does the review say developers need to disclose?", False),
        # Advice on a practice of one's own.
        ("what's the current best practice for red teaming LLMs?", True),
        ("good open-source tools for tracing shell company ownership? osint stuff", True),
        ("good arguments for open models?", False),
    ],
)
def test_asks_for_help(question: str, help_request: bool) -> None:
    assert asks_for_help(question) is help_request


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


@pytest.mark.parametrize(
    ("text", "intent", "asked"),
    [
        (
            "my boss needs a one pager on this before the committee hearing, can you "
            "summarize the main takeaways",
            "overview",
            "can you summarize the main takeaways",
        ),
        (
            "when did the piece come out? i write for a small tech newsletter in brazil",
            "document",
            "when did the piece come out?",
        ),
        ("key takeaways pls, staff meeting at 2", "overview", "key takeaways pls"),
        ("bus planner here, what's the outline?", "overview", "what's the outline?"),
        # Every clause about the asker: all of it; none: all of it.
        ("i need the key points for my class", "overview", "i need the key points for my class"),
        ("open weights vs real open source, the diff in a nutshell?", "overview", None),
        # A clause that asks is kept, whoever it is about.
        ("bottom line, do we have extra legal duties as open model devs?", "overview", None),
    ],
)
def test_a_request_is_read_without_its_clauses_about_the_asker(
    text: str, intent: Intent, asked: str | None
) -> None:
    assert without_asker_context(text, intent) == (text if asked is None else asked)


@pytest.mark.parametrize(
    ("text", "without"),
    [
        ("china summary pls, for my essay", "china summary pls,"),
        ("summarize the eu part for our board meeting?", "summarize the eu part ?"),
        ("what's the us position, in two lines for my manager", "what's the us position,"),
        ("the eu approach in plain English please", "the eu approach please"),
        ("china in 3 bullet points?", "china ?"),
        ("quick summary for a game night argument lol", "quick summary"),
        ("summary for book club tonight please", "summary"),
        ("main points for tomorrow's hearing prep?", "main points ?"),
        ("explain the main points like i'm 12", "explain the main points"),
        ("key arguments for Senator Warren's office?", "key arguments ?"),
        ("gist for Dr. Okafor", "gist"),
        ("the takeaways for Politico readers", "the takeaways"),
        ("is open source good for students", None),
        # Not where the clause goes on to ask something.
        ("how do i explain to my board why the EU went easy?", None),
        ("what does it say on risks for open models?", None),
    ],
)
def test_what_the_asker_needs_it_for_is_left_out(text: str, without: str | None) -> None:
    assert without_purpose(text) == (without or text)


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("who's behind this?", True),
        ("who wrote the paper", True),
        ("when was it published", True),
        ("who wrote harry potter", False),
        ("who wrote the thistle report", False),  # "this" only inside a word
        ("gimme the authors' bottom line", True),
        ("what's the author's take", True),
        ("the authors of the pandemic paper", False),
        ("main takeaways from the minutes this week", False),  # a time
        ("summarise this, for my class this morning", True),
    ],
)
def test_points_at_review(text: str, points: bool) -> None:
    assert points_at_review(text) is points


@pytest.mark.parametrize(
    ("text", "intent", "asking"),
    [
        ("summarise the DSA? I need it for a memo", "overview", "summarise the DSA?"),
        ("I'm new here. Who wrote this? Thanks", "document", "Who wrote this?"),
        ("no kind words here. at all", "overview", "no kind words here. at all"),
        ("summary? then the key takeaways", "overview", "summary? then the key takeaways"),
    ],
)
def test_the_asking_part_is_the_sentences_with_the_words_of_its_kind(
    text: str, intent: str, asking: str
) -> None:
    assert asking_part(text, intent) == asking  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        ("summary please, for my class", "summary please,"),
        ("give me the key points - i have a meeting", "give me the key points"),
        ("open weights vs open source: the diff in a nutshell?", "the diff in a nutshell?"),
        ("tl;dr please", "tl;dr please"),
    ],
)
def test_the_asking_clauses_are_those_with_the_words_of_its_kind(text: str, asking: str) -> None:
    assert asking_part(text, "overview", clauses=True) == asking


def test_whether_someone_is_one_of_a_group_is_answered_only_by_a_quote_naming_them() -> None:
    letter = ["Mozilla’s Joint Statement, which was signed by over 1,800 people"]
    assert not names_member_asked("was meta one of the signatories on that letter", letter)
    assert not names_member_asked("did Meta sign the mozilla letter?", letter)
    assert names_member_asked("did mozilla sign it?", letter)
    # Whom a pronoun points at, the asker knows; "keep back" is no backing.
    assert names_member_asked("was it one of the signatories?", letter)
    assert names_member_asked("what did Meta keep back when it released Llama 2?", letter)


def test_who_is_answered_only_by_a_quote_that_names_someone() -> None:
    assert names_someone("who showed it?", ["It was shown in Palisade Research’s paper."])
    assert not names_someone("who coined it?", ["It is termed an information hazard."])
    # Acronyms and a sentence's first word are no names.
    assert not names_someone("which company?", ["The AI rules exempt them. Such models…"])
    assert names_someone("what did they find?", ["It is termed an information hazard."])
    # A jurisdiction answers "who" among them.
    assert names_someone("us or eu, who's friendlier?", ["The EU legislation treats it well."])
    # The title asked after is no answer to who holds it.
    commerce = ["It directs the Secretary of Commerce to act."]
    assert not names_someone("who is the current secretary of commerce?", commerce)
    assert names_someone("who has to act on it?", commerce)
    # Within the one place it names, the place is no answer ("which chinese agency…?").
    china = ["There is no mention of it in China’s regulations."]
    assert not names_someone("which chinese agency would regulate it?", china)
    assert not names_someone("which chinese government agency is in charge?", china)
    assert not names_someone("which chinese regulator would we deal with?", china)
    assert not names_someone("which specific chinese regulations did they check?", china)
    assert names_someone("which laws exempt them?", ["The EU AI Act exempts them."])
    # A model, a pathogen or a dataset asked for by "which" is named too.
    study = ["In the study on pandemic agents, the authors conclude that"]
    assert not names_someone("which model did the pandemic agents paper test?", study)
    assert not names_someone("which pathogens did the study look at?", study)
    assert names_someone("which model did meta release?", ["Meta released Llama 2."])
    assert names_someone("who regulates it more strictly, china or the eu?", china)
    assert names_someone("can you tell us who regulates it?", china)
    # Who did the deed asked after is whom "<deed> by" names, not a name beside it.
    signed = ["As argued in Mozilla’s Statement, which was signed by over 1,800 people and states:"]
    assert not names_someone("who signed the mozilla statement?", signed)
    assert not names_someone("the big-name signatories of the mozilla letter, who?", signed)
    assert names_someone("who developed it?", ["It is an LLM developed by Meta."])
    assert names_someone("who signed it?", ["It was signed by 1,800 people, including Ann Lee."])
    # A law's title names no one: "the EU AI Act" is no answer to who lobbied over it.
    contentious = ["Notably, it was contentious during the development of the EU AI Act."]
    assert not names_someone("who lobbied against it in the eu talks?", contentious)
    titles = ["It is in the Executive Order on AI, not the Bill of Rights."]
    assert not names_someone("who is tasked with it?", titles)


def test_a_law_s_definition_is_answered_only_by_a_quote_that_defines_the_term() -> None:
    uses = ["These exemptions do not apply if it is a component in high-risk software."]
    assert not defines_asked("what counts as high-risk software under the eu ai act", uses)
    defines = ["They do not apply to foundation models (meaning generative AI like ChatGPT)."]
    assert defines_asked("how does the EU AI Act define foundation models?", defines)
    # The words that frame the question are no term: "like" is beside "meaning" there.
    asked = "what counts as 'high-risk' software under the EU act, like what's the definition"
    assert not defines_asked(asked, [*uses, "foundation models (meaning generative AI like it)"])
    # Only a law's definition: the authors' view of one, or a term asked plainly, is not.
    assert defines_asked("what do the authors think of how the laws define it?", uses)
    assert defines_asked("what is high-risk software?", uses)


def test_a_count_answers_only_for_the_work_it_counts() -> None:
    both = [
        "as argued in GitHub’s paper and Mozilla’s Joint Statement, which was signed by over "
        "1,800 people and states:"
    ]
    assert not counts_for_asked("how many people signed GitHub's paper?", both)
    assert not counts_for_asked("how many orgs signed onto the github eu ai act paper", both)
    assert counts_for_asked("How many people signed Mozilla's statement?", both)
    # Asked of no one's work, or of no deed the quote counts, the figure may answer.
    assert counts_for_asked("how many people signed it?", both)
    assert counts_for_asked("how many people wrote GitHub's paper?", both)


def test_tasks_asked_for_are_not_answered_by_the_lead_in_to_a_missing_list() -> None:
    lead_in = ["It summarizes the tradeoff. In particular: 4.6 calls for the Secretary to:"]
    assert not states_tasks_asked("what exactly does 4.6 tell the secretary to do?", lead_in)
    assert not states_tasks_asked("section 4.6, the actual list of tasks pls", lead_in)
    # The list itself, or a question about something else, is answered.
    listed = [*lead_in, "solicit input on the risks of widely available weights."]
    assert states_tasks_asked("what exactly does 4.6 tell the secretary to do?", listed)
    assert states_tasks_asked("who does 4.6 put in charge?", lead_in)


def test_who_funds_something_is_answered_only_by_a_quote_of_money_or_ownership() -> None:
    paper = ["This was demonstrated with Llama 2 in Palisade Research's paper BadLlama."]
    assert not states_backing_asked("who funds palisade research", paper)
    assert not states_backing_asked("which companies backed the github paper?", paper)
    funded = ["Palisade Research is funded by private donors."]
    assert states_backing_asked("who funds palisade research", funded)
    # Asked of no one's backing, any quote may answer.
    assert states_backing_asked("who wrote the BadLlama paper?", paper)
    assert states_backing_asked("who backs away from open models?", paper)


def test_whether_a_deed_is_lawful_is_answered_only_by_a_quote_of_law() -> None:
    paper = ["This was demonstrated with Llama 2 in Palisade Research's paper BadLlama."]
    asked = "is it actually illegal in the US to strip the safety fine-tuning off a model?"
    assert not states_legality_asked(asked, paper)
    assert not states_legality_asked("is that even legal?", paper)
    assert not states_legality_asked("legal for me to fine-tune it like that?", paper)
    assert states_legality_asked(asked, ["Many argue that it should be legally prohibited."])
    # Asked of no deed's lawfulness, any quote may answer.
    assert states_legality_asked("do open source devs have extra legal duties?", paper)
    assert states_legality_asked("who did the BadLlama work?", paper)


def test_what_became_of_a_law_is_answered_only_by_a_quote_of_its_fate() -> None:
    order = ["On October 30, 2023, the Biden administration released its executive order."]
    assert not states_fate_asked("is the executive order still in force?", order)
    assert not states_fate_asked("heard trump scrapped it, true?", order)
    assert not states_fate_asked("was the EO ever repealed", order)
    # A quote of its fate may answer; a question of something else is not held back.
    assert states_fate_asked("was the EO ever repealed", ["The order was revoked in 2025."])
    assert states_fate_asked("does the exemption still apply if I monetize?", order)
    assert states_fate_asked("when was the executive order released?", order)


def test_a_year_asked_of_is_answered_only_by_a_quote_of_that_year() -> None:
    between = ["There is no mention of it in China’s rules between 2019 and 2023."]
    assert not states_year_asked("has china changed its position since 2023?", between)
    assert not states_year_asked("any new chinese rules in 2024?", between)
    assert states_year_asked("what did china do in 2023?", between)
    assert states_year_asked("anything since 2020?", between)
    # A span named whole, or a quote that states no year, says nothing against it.
    assert states_year_asked("which rules from 2019-2023 did they check?", between)
    assert states_year_asked("any rules in 2024?", ["There is no mention of it."])


@pytest.mark.parametrize(
    ("reads", "message", "asking"),
    [
        (
            questions_in,
            "whats the series called? need to credit it on air",
            "whats the series called?",
        ),
        (questions_in, "sorry, dumb q. who wrote it? asking for my essay.", "who wrote it?"),
        (questions_in, "what is an open weight model?", None),
        (questions_in, "why? and how?", None),
        (questions_in, "tell me about the EU. thanks", None),
        # A last clause that asks, without its mark, beside context: not one that leans on
        # what came before, nor after a clause that asks.
        (
            questions_in,
            "debate lesson w year 11 tmrw, whats the best argument for keeping ai open",
            "whats the best argument for keeping ai open",
        ),
        (questions_in, "pseudonymised vs anonymised data, where's the line", None),
        (questions_in, "what about china, do they have special rules for open models", None),
        (after_off_topic_note, "Off topic, but is my bill legal?", "is my bill legal?"),
        (after_off_topic_note, "totally unrelated: best gym routine?", "best gym routine?"),
        (after_off_topic_note, "offtopic - what is rlhf", "what is rlhf"),
        (after_off_topic_note, "off topic!", ""),
        # Only changing the subject, or using the word: not a note that it is off topic.
        (after_off_topic_note, "unrelated to my last question, but what does china require?", None),
        (after_off_topic_note, "is open sourcing unrelated to safety?", None),
        (after_off_topic_note, "what does the EU exempt?", None),
    ],
)
def test_what_a_message_asks_beside_its_context(
    reads: Callable[[str], str | None], message: str, asking: str | None
) -> None:
    # The questions among sentences of context; what follows a note that it is off topic.
    assert reads(message) == asking


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
    ("text", "figure"),
    [
        ("how many people signed the Mozilla letter? like 12 guys?", True),
        ("how much did BadLlama cost, $500?", True),
        ("when was it published, 2023?", True),
        ("what does executive order 9066 say?", False),
        ("is a laptop under 600 dollars enough?", False),
    ],
)
def test_a_number_in_a_question_for_a_figure_is_a_guess(text: str, figure: bool) -> None:
    assert asks_for_figure(text) is figure


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("tl;dr of that pandemic agents paper?", True),
        ("who wrote Mozilla's letter?", True),
        ("who wrote the paper on pandemic agents?", True),
        ("who wrote the paper on open source ai?", False),
        ("summarize the review paper", False),
        ("key takeaways of convergence's paper", False),
        ("who wrote the paper?", False),
    ],
)
def test_a_work_named_by_more_than_a_determiner_is_another_one(text: str, other: bool) -> None:
    assert names_other_work(text) is other


@pytest.mark.parametrize(
    ("reads", "text", "names"),
    [
        # A work by whose it is.
        (named_works, "what did the RAND report on bioweapons find", [["RAND"]]),
        (named_works, "the Google DeepMind safety framework?", [["Google", "DeepMind"]]),
        (named_works, "Is AI Safety via Debate (Irving et al.) taken seriously?", [["Irving"]]),
        (named_works, "What did NTIA's final report recommend?", [["NTIA"]]),
        # A sentence's first word, or a work named by nothing capitalised, names no one.
        (named_works, "Report on open models: what does it say?", []),
        (named_works, "what does the paper on pandemic agents find?", []),
        # A law by the words before "act".
        (named_laws, "anyone got an explainer on the EU data act?", [["EU", "data"]]),
        (named_laws, "is the cyber resilience act bad", [["cyber", "resilience"]]),
        (named_laws, "Does the CHIPS Act money come with strings?", [["CHIPS"]]),
        (named_laws, "how does Colorado's AI Act define high-risk?", [["Colorado", "AI"]]),
        (named_laws, "under the EU act, when is the carve-out lost?", [["EU"]]),
        # A verb, and a law named by nothing but "the act", name none.
        (named_laws, "how should developers act?", []),
        (named_laws, "was it contentious in the negotiations on the Act?", []),
    ],
)
def test_a_law_or_a_work_is_named_by_the_words_before_its_kind(
    reads: Callable[[str], list[list[str]]], text: str, names: list[list[str]]
) -> None:
    assert reads(text) == names


@pytest.mark.parametrize(
    ("text", "holders"),
    [
        ("a16z's position on open source ai regulation?", ["a16z"]),
        ("what is Mozilla’s official take on open models", ["Mozilla"]),
        # The review's own view, and a view asked of nobody, are no one else's.
        ("the authors' take on open weights?", []),
        ("convergence's view on the EU", []),
        ("what's their stance on China?", []),
        ("the position on open source in the EU", []),
    ],
)
def test_a_view_is_named_by_whose_it_is(text: str, holders: list[str]) -> None:
    assert view_holders(text) == holders


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("what's an 'information hazard' supposed to be", ["information hazard"]),
        ('the "too much power in too few hands" argument', ["too much power in too few hands"]),
        ("what do they mean by “open weight”?", ["open weight"]),
        ("it's Meta's 'open' model, isn't it", []),  # one word, and apostrophes
        ("don't 'open' it, it's theirs", []),
    ],
)
def test_quoted_phrases(text: str, phrases: list[str]) -> None:
    assert quoted_phrases(text) == phrases


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
    ("text", "work"),
    [
        ("who wrote the wealth of nations?", "the wealth of nations"),
        ("who actually wrote the open source ai one? need names", "the open source ai one"),
        ("who wrote this?", None),
        ("who's behind llama 2?", "llama 2"),
        ("who is behind this review?", None),
        ("who published the review, and when?", None),
        ("when was it published?", None),
    ],
)
def test_credited_work(text: str, work: str | None) -> None:
    assert credited_work(text) == work


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
    ("text", "context"),
    [
        ("the oscars were last night. recap?", ["the oscars were last night."]),
        ("the hearing ran long - whats the gist", ["the hearing ran long"]),
        ("Barbie — key points? my gf loved it", ["Barbie", "my gf loved it"]),
        ("summary please", []),
    ],
)
def test_the_context_of_an_overview_is_what_it_says_beside_asking(
    text: str, context: list[str]
) -> None:
    assert asking_and_context(text, "overview")[1] == context


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("the senate hearing was today", True),
        ("missed last night's episode", True),
        ("the email from HR about pensions", True),
        ("busy day, no time to read", False),
        ("writing a newsletter tonight", False),
        ("prepping for a talk tomorrow", False),
        ("finished Middlemarch last night", True),
        ("what is The Road about,", True),
        ("what happened in the final", True),
        ("what happened with the Equifax breach", True),
        ("the school sent a policy doc about phones", True),
        ("read 40 pages already", False),
        ("finished my shift", False),
        ("read up on it", False),
    ],
)
def test_a_happening_is_named_unless_it_is_the_askers_own_doing(text: str, names: bool) -> None:
    assert names_happening(text) is names


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("I'm a journalist at Le Monde", "I'm a journalist"),
        ("presenting to the Bundestag tomorrow", ""),
        ("read 40 pages already", "read pages already"),
        ("finished Middlemarch last night", "finished Middlemarch last night"),
    ],
)
def test_what_a_clause_tells_of_leaves_out_the_askers_place_and_amounts(
    text: str, told: str
) -> None:
    assert told_of(text) == told


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Finished Middlemarch. Loved The Road", ["Middlemarch", "The", "Road"]),
        ("I think I'd like a recap", []),
        ("finished middlemarch", None),
    ],
)
def test_names_are_the_words_capitalised_inside_a_sentence(
    text: str, names: list[str] | None
) -> None:
    assert capitalised_names(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("what's the review's bottom line?", True),
        ("Convergence's view", True),
        ("the authors' take", True),
        ("recap it?", False),
        ("the authors of the memo", False),
    ],
)
def test_the_review_is_named_not_pointed_at(text: str, names: bool) -> None:
    assert names_review(text) is names


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("chernobyl tldr", "chernobyl"),
        ("quantum entanglement in a nutshell?", "quantum entanglement"),
        ("tldr the great gatsby", "great gatsby"),
        ("tldr lord of the rings", "lord of rings"),
        ("tldr of the review", None),
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


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ('summarise "The Age of Surveillance Capitalism"', ["The Age of Surveillance Capitalism"]),
        ('the "situational awareness" essay', ["situational awareness"]),
        ('what does "information hazard" mean?', []),
        ("their 'open washing' point", []),
    ],
)
def test_quoted_titles(text: str, titles: list[str]) -> None:
    assert quoted_titles(text) == titles
