"""Works a question names: the review itself, another paper, a law, a view by whose it is,
and titles in quotes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from retrieval.works import (
    court_cases,
    credited_work,
    founded,
    named_laws,
    named_works,
    names_other_work,
    names_review,
    opening_possessor,
    openness_asked_of,
    owned_titles,
    plain_works,
    points_at_review,
    quoted_phrases,
    quoted_titles,
    title_pieces,
    view_holders,
)


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


def test_it_may_be_left_out_of_what_points_at_the_review() -> None:
    assert not points_at_review("what year did it come out", it=False)
    assert points_at_review("when did this come out", it=False)
    assert points_at_review("what year did it come out")


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
        # Typed in lower case, by a possessive; not the review's, nor the asker's.
        (named_works, "matt sheehan's carnegie paper, the main argument?", [["sheehan"]]),
        (named_works, "the authors' paper, main argument?", []),
        (named_works, "for the principal's briefing book: what does open source mean?", []),
        (named_works, "for my seminar paper: what does open source mean?", []),
        (named_works, "bengio's international ai safety report, what does it say?", [["bengio"]]),
        (named_works, "trump's ai action plan, anything on open weights?", [["trump"]]),
        (named_works, "doctorow's enshittification essay, tl;dr?", [["doctorow"]]),
        # By its first author in any case, or by author and year.
        (named_works, "qi et al 'fine-tuning aligned models…' how many examples?", [["qi"]]),
        (named_works, "the international ai safety report (bengio, 2025)?", [["bengio"]]),
        # A possessive first word is a name, capitalised or not.
        (named_works, "RAND's red team study, what did it conclude", [["RAND"]]),
        (named_works, "OSI open source ai definition 1.0 — training data?", [["OSI"]]),
        # Bare, opening the message.
        (named_works, "deepseek r1 tech report, what did it cost?", [["deepseek", "r1"]]),
        (named_works, "ftc blog post on open weights, their position?", [["ftc"]]),
        (named_works, "what paper is this?", []),
        (named_works, "osi's open source ai definition, training data?", [["osi"]]),
        # A possessive before "the" owns a title.
        (named_works, "brian christian's the alignment problem any good?", [["christian"]]),
        (named_works, "the review's the best source, right?", []),
        # "'s" for "is" owns nothing.
        (named_works, "there's apparently a paper on bioweapons?", []),
        # Typed in lower case, the words before its kind are its title.
        (owned_titles, "anthropic's sleeper agents paper, does it hold?", ["sleeper agents"]),
        (owned_titles, "dario's machines of loving grace essay?", ["machines of loving grace"]),
        # ...but not words that tell which of someone's works.
        (owned_titles, "meta's new paper on open weights", []),
        (owned_titles, "github's policy paper, what did it ask", []),
        # A sentence's first word, or a work named by nothing capitalised, names no one.
        (named_works, "Report on open models: what does it say?", []),
        (named_works, "what does the paper on pandemic agents find?", []),
        # In lower case after "the", the words before its kind; not the asker's own work.
        (plain_works, "what did the stanford ai index say", [["stanford", "ai"]]),
        (plain_works, "the rand red team study, what did it find", [["rand", "red", "team"]]),
        (plain_works, "that bloom paper, who wrote it", [["bloom"]]),
        (plain_works, "what does the paper say", []),
        (plain_works, "need it for our annual report", []),
        # A law by the words before "act".
        (named_laws, "anyone got an explainer on the EU data act?", [["EU", "data", "act"]]),
        (named_laws, "is the cyber resilience act bad", [["cyber", "resilience", "act"]]),
        (named_laws, "Does the CHIPS Act money come with strings?", [["CHIPS", "act"]]),
        (named_laws, "how does Colorado's AI Act define high-risk?", [["Colorado", "AI", "act"]]),
        (named_laws, "under the EU act, when is the carve-out lost?", [["EU", "act"]]),
        # Other kinds of law: a directive, a Regulation by its capitalised name.
        (named_laws, "is the copyright directive stricter?", [["copyright", "directive"]]),
        (
            named_laws,
            "is the General Data Protection Regulation stricter?",
            [["General", "Data", "Protection", "regulation"]],
        ),
        (named_laws, "the AI regulation debate in china", []),
        # Opening the message, a name needs no "the".
        (
            named_laws,
            "colorado AI act — what counts as high-risk system there",
            [["colorado", "AI", "act"]],
        ),
        (named_laws, "act now, ask later", []),
        (named_laws, "will china act", []),
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
    ("text", "names"),
    [
        (
            "european accessibility act deadline was june 2025 right",
            [["european", "accessibility", "act"]],
        ),
        ("does the uk online safety act apply", [["uk", "online", "safety", "act"]]),
        (
            "does the revised eu product liability directive cover open source software now",
            [["eu", "product", "liability", "directive"]],
        ),
        # "Act" as a verb, or no place leading the words before it.
        ("how do european regulators act on open models?", []),
        ("how will china act on this", []),
        ("a weird data act lol", []),
    ],
)
def test_a_law_in_lower_case_is_named_from_a_place_on(text: str, names: list[list[str]]) -> None:
    places = {"european", "uk", "china", "eu"}
    assert named_laws(text, lambda word: word.lower() in places) == names


@pytest.mark.parametrize(
    ("text", "holders"),
    [
        ("a16z's position on open source ai regulation?", ["a16z"]),
        ("what is Mozilla’s official take on open models", ["Mozilla"]),
        ("can i cite a chatgpt output in a paper? whats AGU's policy", ["AGU"]),
        ("the AGU's policy is what exactly, for citing chatbots", []),
        # The review's own view, and a view asked of nobody, are no one else's.
        ("the authors' take on open weights?", []),
        ("convergence's view on the EU", []),
        ("what's their stance on China?", []),
        ("the position on open source in the EU", []),
        # Whom the review is asked to agree with, by name.
        ("do the authors agree with Bender and Gebru that llms parrot?", ["Bender", "Gebru"]),
        ("does it side with LeCun", ["LeCun"]),
        ("do they agree with the EU", []),
        # What someone said, by a name; not by an everyday word or a pronoun.
        ("what did openai say about open sourcing", ["openai"]),
        ("what does Mozilla argue", ["Mozilla"]),
        ("what did everyone say about it", []),
        ("what did they argue", []),
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
    ("text", "work"),
    [
        ("who wrote the wealth of nations?", "the wealth of nations"),
        ("who actually wrote the open source ai one? need names", "the open source ai one"),
        ("who wrote this?", None),
        ("who's behind llama 2?", "llama 2"),
        # The work, not what the question says after it.
        ("who wrote linux originally and when", "linux"),
        ("who made llama 2 in the first place", "llama 2"),
        (
            "who wrote attention is all you need lol i always forget the author list",
            "attention is all you need",
        ),
        ("who is behind this review?", None),
        ("who published the review, and when?", None),
        ("when was it published?", None),
    ],
)
def test_credited_work(text: str, work: str | None) -> None:
    assert credited_work(text) == work


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
    ("text", "titles"),
    [
        ('summarise "The Age of Surveillance Capitalism"', ["The Age of Surveillance Capitalism"]),
        ('the "situational awareness" essay', ["situational awareness"]),
        ('what does "information hazard" mean?', []),
        ("their 'open washing' point", []),
        # Its authors right before it.
        (
            "zou et al 'universal and transferable attacks' any good?",
            ["universal and transferable attacks"],
        ),
        (
            "kapoor & bommasani 'on open foundation models' - the gist?",
            ["on open foundation models"],
        ),
        # ...or a summary asked of it.
        (
            "tldr of 'on the opportunities and risks'? the crfm one",
            ["on the opportunities and risks"],
        ),
        # ...or whose it is, however long; not the review's, nor "what's".
        (
            "bostrom's 'information hazards: a typology of potential harms from knowledge'?",
            ["information hazards: a typology of potential harms from knowledge"],
        ),
        ("the review's 'structured access' idea?", []),
        ("what's 'open weights' supposed to mean", []),
    ],
)
def test_quoted_titles(text: str, titles: list[str]) -> None:
    assert quoted_titles(text) == titles


def test_a_title_shortened_by_an_ellipsis_is_in_pieces() -> None:
    assert title_pieces("will releasing the weights... pandemic agents") == [
        "will releasing the weights",
        "pandemic agents",
    ]
    assert title_pieces("Sparks of AGI") == ["Sparks of AGI"]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("bernstein v DOJ said code is speech", [["bernstein", "DOJ"]]),
        ("what did Authors Guild v. Google decide?", [["Guild", "Google"]]),
        ("llama 2 v llama 3?", []),
        ("US vs EU?", []),
    ],
)
def test_a_court_case_is_named_by_its_parties(text: str, parties: list[list[str]]) -> None:
    assert court_cases(text) == parties


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("is alphafold open source? our biochem prof won't stop", [["alphafold"]]),
        ("deepseek r1 is it really open source or just open weights", [["deepseek", "r1"]]),
        ("Is Llama 2 open source?", [["Llama", "2"]]),
        ("does ecmwf's aifs have open weights?", [["ecmwf", "aifs"]]),
        # A version number names with the everyday word before it.
        ("is evo 2 open source? can i download it", [["evo", "2"]]),
        ("did meta release open weights?", []),
        # Whether it ever opened one of its models.
        ("has openai ever open sourced any of its models", [["openai"]]),
        ("has meta open sourced llama 2?", []),
        ("has anyone ever open sourced a frontier model", []),
        # Said of a noun after it, or of nothing named.
        ("Meta is usually cited as the open-source champion", []),
        ("what are some examples of ordinary open source software?", []),
        ("is it open source?", []),
        ("are meta's models genuinely open source?", []),
    ],
)
def test_whether_a_model_is_open_is_asked_of_it_by_name(text: str, names: list[list[str]]) -> None:
    assert openness_asked_of(text) == names


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("aschenbrenner's situational awareness, does he talk about it?", "aschenbrenner"),
        ("Mozilla’s letter, how many signed?", "Mozilla"),
        # Only opening the message, and not the review's, a pronoun's or "what's".
        ("what's the interviewee's bottom line?", None),
        ("the review's bottom line?", None),
        ("my boss's question: what does china require?", None),
    ],
)
def test_opening_possessor(text: str, owner: str | None) -> None:
    assert opening_possessor(text) == owner


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("who founded OpenAI and why did it stop being open", [["OpenAI"]]),
        ("who owns huggingface these days", [["huggingface"]]),
        # Not an everyday word: what started is no name.
        ("who started the debate about open source", []),
    ],
)
def test_who_founded_something_is_asked_of_it_by_name(text: str, names: list[list[str]]) -> None:
    assert founded(text) == names
