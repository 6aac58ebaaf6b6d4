"""What a sentence that answers holds ("when", "how many", "who") and whether a first
quote states what was asked."""

from __future__ import annotations

import pytest

from retrieval.wants import (
    answers_kind,
    asks_for_figure,
    asks_origin_date,
    asks_other_post,
    asks_other_works_by,
    compares_safety_asked,
    counts_for_asked,
    counts_kind_asked,
    dated,
    defined_quote,
    defines_asked,
    guide_asked,
    measured,
    names_member_asked,
    names_other_person,
    names_someone,
    names_version_asked,
    speaks_of_asked,
    states_first_asked,
    states_own_view,
    states_tasks_asked,
    states_year_asked,
    wanted_kind,
)


@pytest.mark.parametrize(
    ("question", "quote", "fits"),
    [
        ("when was Llama 3 released?", "Meta released Llama 3 in April 2024.", True),
        ("when was Llama 3 released?", "Meta released Llama 3 with open weights.", False),
        ("by which date must the report be in?", "It calls for the Secretary to report.", False),
        ("how much did it cost?", "It cost us around $200 to train.", True),
        ("how much did Meta spend on Llama 2?", "Meta released Llama 2 in April 2024.", False),
        ("how many posts are in the series?", "a series of ~10 posts", True),
        # A share is not stated by a count.
        ("what % of bad outputs does it block?", "It was signed by over 1,800 people.", False),
        ("what percentage of prompts got answered?", "It answered 95% of them.", True),
        ("% of frontier models that are open weights", "Meta released open weights.", False),
        ("percentage of prompts answered", "It answered 95% of them.", True),
        ("what does the EU exempt?", "Nothing with a figure.", True),
        ("which country is friendliest to open models?", "The EU treats them favorably.", True),
        # A response asked after is stated by a sentence, not by one about what it answers.
        ("has Meta responded to the BadLlama findings?", "Palisade showed it in BadLlama.", False),
        ("did meta ever respond publicly to the badllama paper", "Palisade showed it.", False),
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
        # Both sides: a sentence that weighs a benefit against a risk.
        (
            "does the EO say open weights are good or bad?",
            "substantial benefits to innovation, but also substantial security risks",
            "initiate an investigation into the risk-reward tradeoff",
        ),
        (
            "so washington thinks public weights are all downside?",
            "improves transparency and accountability, but also gives the public broader access",
            "the removal of safeguards within the model",
        ),
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


def test_whether_someone_is_one_of_a_group_is_answered_only_by_a_quote_naming_them() -> None:
    letter = ["Mozilla’s Joint Statement, which was signed by over 1,800 people"]
    assert not names_member_asked("was meta one of the signatories on that letter", letter)
    assert not names_member_asked("did Meta sign the mozilla letter?", letter)
    assert names_member_asked("did mozilla sign it?", letter)
    # Whom a pronoun points at, the asker knows; "keep back" is no backing.
    assert names_member_asked("was it one of the signatories?", letter)
    assert names_member_asked("what did Meta keep back when it released Llama 2?", letter)
    # ...and whether someone released weights, only by a quote naming them.
    released = ["Meta released the model weights of their LLM, Llama 2."]
    assert not names_member_asked("has openai ever released open weights for anything", released)
    assert not names_member_asked("is claude ever going to release its weights?", released)
    assert names_member_asked("did meta actually release the weights or the code?", released)
    assert names_member_asked("did they release weights?", released)


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
    # "…or some other model?" asks which one, as "which model" does.
    assert not names_someone("did the pandemic paper test llama 2 or some other model", study)
    assert names_someone("did they test llama 2 or some other model?", ["They tested Mistral."])
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
    # "Who" after those it speaks of begins a clause about them, unless names are asked for.
    duties = ["Developers of open models are under no additional legal obligations."]
    asked = "do ppl who release open models have extra legal stuff vs closed companies?"
    assert names_someone(asked, duties)
    assert not names_someone("any big names among the people who signed it?", signed)


def test_a_law_s_definition_is_answered_only_by_a_quote_that_defines_the_term() -> None:
    uses = ["These exemptions do not apply if it is a component in high-risk software."]
    assert not defines_asked("what counts as high-risk software under the eu ai act", uses)
    defines = ["They do not apply to foundation models (meaning generative AI like ChatGPT)."]
    assert defines_asked("how does the EU AI Act define foundation models?", defines)
    # The words that frame the question are no term: "like" is beside "meaning" there.
    asked = "what counts as 'high-risk' software under the EU act, like what's the definition"
    assert not defines_asked(asked, [*uses, "foundation models (meaning generative AI like it)"])
    # The term is what "counts as" names, not the words after it: "open source models
    # (meaning…)" defines neither "systemic" nor "risk".
    open_models = ["They exempt open-source models (meaning those with public weights)."]
    asked = "what counts as 'systemic risk' for open models under the eu act"
    assert not defines_asked(asked, open_models)
    assert defines_asked("what counts as open-source models under the act?", open_models)
    # ...or ends its sentence: "define 'monetized'?" is not answered by "models (meaning…)".
    monetized = ["It does not apply to foundation models (meaning GPT), or if it is monetized."]
    asked = "how does the EU AI Act define 'monetized'? would a paid support contract count?"
    assert not defines_asked(asked, monetized)
    asked = "how does the EU define 'monetized' for the open-source exemption?"
    assert not defines_asked(asked, monetized)
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
    assert not speaks_of_asked("who funds palisade research", paper)
    assert not speaks_of_asked("which companies backed the github paper?", paper)
    funded = ["Palisade Research is funded by private donors."]
    assert speaks_of_asked("who funds palisade research", funded)
    # Asked of no one's backing, any quote may answer.
    assert speaks_of_asked("who wrote the BadLlama paper?", paper)
    assert speaks_of_asked("who backs away from open models?", paper)


def test_whether_a_deed_is_lawful_is_answered_only_by_a_quote_of_law() -> None:
    paper = ["This was demonstrated with Llama 2 in Palisade Research's paper BadLlama."]
    asked = "is it actually illegal in the US to strip the safety fine-tuning off a model?"
    assert not speaks_of_asked(asked, paper)
    assert not speaks_of_asked("is that even legal?", paper)
    assert not speaks_of_asked("legal for me to fine-tune it like that?", paper)
    assert speaks_of_asked(asked, ["Many argue that it should be legally prohibited."])
    # Asked of no deed's lawfulness, any quote may answer.
    assert speaks_of_asked("do open source devs have extra legal duties?", paper)
    assert speaks_of_asked("who did the BadLlama work?", paper)


def test_what_a_process_came_to_is_answered_only_by_a_quote_of_its_outcome() -> None:
    task = ["4.6 calls for the Secretary of Commerce to submit a report with recommendations."]
    for asked in (
        "so what did Commerce actually recommend after the section 4.6 consultation?",
        "what was the result of the consultation of section 4.6?",
        "did NTIA ever finish that open weights report?",
        "did commerce ever publish that report on open weight models the EO asked for",
        "what did the secretary conclude after the 4.6 consultation",
    ):
        assert not speaks_of_asked(asked, task), asked
    assert speaks_of_asked(
        "what did Commerce end up recommending?", ["Commerce recommended no new limits."]
    )
    # Asked of the task itself, or of a paper's conclusion, any quote may answer.
    assert speaks_of_asked("what does 4.6 ask the secretary of commerce to do?", task)
    assert speaks_of_asked("what did the pandemic agents paper end up concluding?", task)


def test_what_a_model_learnt_from_is_answered_only_by_a_quote_of_its_training_data() -> None:
    kept = ["Meta released the weights of Llama 2, but not its original datasets."]
    for asked in (
        "what datasets was llama 2 actually trained on",
        "what training data did meta use for llama 2?",
        "what dataset of harmful prompts did the badllama team use to fine tune?",
        "what sort of harmful examples did the badllama team fine tune on?",
        "llama 2 was trained on what?",
    ):
        assert not speaks_of_asked(asked, kept), asked
    told = ["Llama 2 was trained on two trillion tokens of public web text."]
    assert speaks_of_asked("what datasets was llama 2 actually trained on", told)
    # Asked whether the data were released, the quote that says so may answer.
    assert speaks_of_asked("did meta release llama 2's training data?", kept)


def test_whether_something_happened_is_answered_only_by_a_quote_of_a_case() -> None:
    risk = ["These models may enable people to create bioweapons."]
    for asked in (
        "has anyone actually built a bioweapon using an open source ai model",
        "any real cases of open models used for attacks??",
        "real world examples of harm from open models?",
    ):
        assert not speaks_of_asked(asked, risk), asked
    case = ["Safety fine-tuning was removed from Llama 2, as demonstrated by BadLlama."]
    assert speaks_of_asked("has anyone actually used an open model to do harm?", case)
    # "Use cases" are not cases of something happening.
    assert speaks_of_asked("does it fit real world use cases?", risk)


def test_who_else_is_answered_only_by_a_quote_that_names_another_person() -> None:
    named = ["It was shown in Palisade Research’s paper; one of its authors, Jeoffrey Ladish:"]
    for asked in (
        "who else wrote the badllama paper besides ladish",
        "besides ladish who else is an author on the badllama paper",
        "who were the other authors on badllama, not ladish?",
    ):
        assert not names_other_person(asked, named), asked
    listed = ["It is by Pranav Gade, Simon Lermen and Jeffrey Ladish."]
    assert names_other_person("who else wrote it besides ladish?", listed)
    assert names_other_person("who wrote badllama?", named)


def test_the_authors_own_view_is_not_stated_by_what_others_argue() -> None:
    others = ["Many argue that open-sourcing advanced AI should be legally prohibited."]
    for asked in (
        "do the authors personally think open source AI should be banned, yes or no",
        "so do the authors recommend banning open source AI or not?",
    ):
        assert not states_own_view(asked, others), asked
    own = ["Open-sourcing models improves transparency and accountability."]
    assert states_own_view("do the authors think open sourcing helps transparency?", own)
    assert states_own_view("do people argue it should be banned?", others)


def test_a_legal_consequence_is_answered_only_by_a_quote_of_a_suit_or_fine() -> None:
    released = ["Meta released the model weights of their LLM, Llama 2, to the public."]
    for asked in (
        "did meta get in any legal trouble for releasing llama 2 to everyone",
        "was palisade ever sued over badllama?",
        "any lawsuits against open model devs yet?",
    ):
        assert not speaks_of_asked(asked, released), asked
    fined = ["Developers were fined under the new rules."]
    assert speaks_of_asked("has anyone been fined for releasing weights?", fined)
    assert speaks_of_asked("did meta release llama 2 to everyone?", released)


def test_whether_a_model_was_released_is_answered_only_by_a_quote_of_a_release() -> None:
    named = ["This was demonstrated with Llama 2, a partly open-source LLM, in BadLlama."]
    for asked in (
        "did palisade put their badllama model out for anyone to download",
        "did the badllama ppl release their unlocked model",
        "did meta release the weights of llama 2?",
    ):
        assert not speaks_of_asked(asked, named), asked
    released = ["Meta released the model weights of their LLM, Llama 2, to the public."]
    assert speaks_of_asked("did meta release the weights of llama 2?", released)
    assert speaks_of_asked("what did palisade show with llama 2?", named)


@pytest.mark.parametrize(
    ("question", "other_post"),
    [
        ("what does the model registries post in the same series say", True),
        ("what did convergence find in their incident reporting post from the same series", True),
        ("what did the other convergence posts say about ai incident reporting", True),
        # By its title: Convergence's, or in the same series, whatever it asks of it.
        ("convergence's incident reporting post from march, what does it say", True),
        ("the model registries post in the same convergence series, does china have one?", True),
        ("the model registries post in that convergence series - does china have one?", True),
        ("is there a post in the series on model registries?", False),
        ("what does convergence's open source post say about china", False),
        # Which posts there are, the review's own introduction tells.
        ("how many posts in the series", False),
        ("what other posts are in the series?", False),
        ("what do other people say about the EU?", False),
    ],
)
def test_what_another_post_of_the_series_says(question: str, other_post: bool) -> None:
    assert asks_other_post(question) is other_post


@pytest.mark.parametrize(
    ("question", "other_works"),
    [
        ("what else has toby shevlane written besides the structured access paper", True),
        ("what else has jeffrey ladish worked on besides the badllama thing", True),
        ("any other papers by palisade?", True),
        # What else the review says of someone is asked of it.
        ("what else does the review say about ladish?", False),
        ("who else wrote the badllama paper?", False),
    ],
)
def test_what_else_someone_wrote(question: str, other_works: bool) -> None:
    assert asks_other_works_by(question) is other_works


def test_a_performance_is_answered_only_by_a_quote_of_a_benchmark_or_score() -> None:
    claim = ["Meta released Llama 3, claiming that it is the most capable openly available LLM."]
    for asked in (
        "is llama 3 way better than llama 2 on benchmarks",
        "how does llama 3 compare to llama 2 on benchmarks",
    ):
        assert not speaks_of_asked(asked, claim), asked
    scored = ["It scored 82% on the standard benchmark."]
    assert speaks_of_asked("how does llama 3 do on benchmarks?", scored)
    assert speaks_of_asked("is llama 3 more capable than llama 2?", claim)


def test_what_someone_asked_of_lawmakers_needs_a_quote_of_a_call() -> None:
    argued = ["Prohibitions won't be effective safeguards, as argued in GitHub’s paper."]
    for asked in (
        "what exactly did github's eu ai act paper ask lawmakers to change",
        "what exactly did github and the others want changed in the eu ai act",
    ):
        assert not speaks_of_asked(asked, argued), asked
    called = ["The paper calls for a clearer exemption for open-source components."]
    assert speaks_of_asked("what did the github paper ask lawmakers to change?", called)
    assert speaks_of_asked("what did the github paper argue?", argued)


def test_where_someone_sits_or_their_title_needs_a_quote_that_tells_it() -> None:
    paper = ["It was shown in Palisade Research’s paper BadLlama, by Jeffrey Ladish."]
    for asked in ("where is palisade research based", "What's Ladish's job title?"):
        assert not speaks_of_asked(asked, paper), asked
    assert speaks_of_asked("where is it based?", ["The lab is based in Berkeley."])
    assert speaks_of_asked("what's his job title?", ["Jeffrey Ladish, director of the lab."])
    assert speaks_of_asked("where is the section on bioweapons?", paper)


def test_two_versions_compared_on_safety_need_a_quote_of_safety() -> None:
    policy = ["Meta released Llama 3 with the same open-weights policy as Llama 2."]
    for asked in (
        "does llama 3 have better safety guardrails than llama 2",
        "is llama 3 harder to un-safety than llama 2? any numbers on that",
    ):
        assert not compares_safety_asked(asked, policy), asked
    robust = ["Llama 3 is more robust to safety fine-tuning removal than Llama 2."]
    assert compares_safety_asked("is llama 3 safer than llama 2?", robust)
    # One version, or no comparison of safety, asks nothing of it.
    assert compares_safety_asked("is llama 3 safer?", policy)
    assert compares_safety_asked("llama 3, same release policy as llama 2?", policy)


def test_a_numbered_name_is_answered_only_by_a_quote_of_that_number() -> None:
    two = ["This was demonstrated with Llama 2 in Palisade Research's paper BadLlama."]
    three = ["Meta released Llama 3 with the same open-weights policy."]
    asked = "did palisade research do the same badllama attack on llama 3"
    assert not names_version_asked(asked, two)
    assert names_version_asked(asked, three)
    # One of the numbers asked of is enough; a quote of no number says nothing against it.
    assert names_version_asked("llama 3, same release policy as llama 2?", three)
    assert names_version_asked(asked, ["Palisade Research removed the safety fine-tuning."])
    assert names_version_asked("what does Section 4.6 ask for?", ["Section 4.6 calls for…"])
    # "…llama 3 too, or only llama 2?" asks of the one it does not know.
    assert not names_version_asked("did badllama work on llama 3 too or only llama 2", two)
    assert names_version_asked("did badllama work on llama 3 too or only llama 2", three)


def test_what_became_of_a_law_is_answered_only_by_a_quote_of_its_fate() -> None:
    order = ["On October 30, 2023, the Biden administration released its executive order."]
    assert not speaks_of_asked("is the executive order still in force?", order)
    assert not speaks_of_asked("heard trump scrapped it, true?", order)
    assert not speaks_of_asked("was the EO ever repealed", order)
    assert not speaks_of_asked(
        "what happened to biden's ai executive order once trump got in", order
    )
    # A quote of its fate may answer; a question of something else is not held back.
    assert speaks_of_asked("was the EO ever repealed", ["The order was revoked in 2025."])
    assert speaks_of_asked("does the exemption still apply if I monetize?", order)
    assert speaks_of_asked("when was the executive order released?", order)


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
    ("question", "origin"),
    [
        ("when was linux first released", True),
        ("when did chatgpt first come out", True),
        ("what year was the transformer originally published?", True),
        ("when was the executive order released?", False),
        ("who first argued that open-sourcing should be banned?", False),
        ("who started linux and when", True),
        ("who coined the term 'open source' and when", True),
        ("who wrote the badllama paper?", False),
    ],
)
def test_when_something_first_came_about(question: str, origin: bool) -> None:
    assert asks_origin_date(question) is origin


def test_a_meaning_asked_for_prefers_the_sentence_that_says_what_it_is() -> None:
    said = "Some developers open-source their software; they freely share the code."
    used = "This has produced many popular pieces of software."
    for asked in (
        "total beginner here, what does it actually mean when devs make their stuff open source",
        "what does 'open source' even mean?",
    ):
        prefer = guide_asked(asked)
        assert prefer is not None and prefer.search(said) and not prefer.search(used), asked
    # What something means for someone is its consequence, not its meaning.
    assert guide_asked("what does this mean for developers?") is None
    assert guide_asked("what did meta release?") is None


def test_a_reason_asked_for_prefers_the_sentence_that_gives_one() -> None:
    gives = "This drew fresh attention, as the harms grow with the model's power."
    tells = "Meta released Llama 3 in April 2024."
    for asked in (
        "why did llama 3 dropping get everyone worked up about this all over again",
        "ok so why did it matter?",
    ):
        prefer = guide_asked(asked)
        assert prefer is not None and prefer.search(gives) and not prefer.search(tells), asked
    # Inside the question, "why" does not ask for a reason: this asks for the analogy.
    assert (
        guide_asked("whats the weapon analogy they use for why u wouldnt share everything") is None
    )


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("how much water does chatgpt use per prompt", "water"),
        ("How many signatures did the Mozilla letter get?", "signatures"),
        ("how much does it cost to strip the safety tuning", None),
        ("how many of them signed?", None),
        ("how much more dangerous are open models?", None),
        ("what did the letter say?", None),
    ],
)
def test_what_a_how_much_question_counts(question: str, counted: str | None) -> None:
    assert measured(question) == counted


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("what does 'restricted weights' mean?", "restricted weights"),
        ("what is 'model collapse' and is that nature paper legit", "model collapse"),
        ("what's an 'information hazard'? keep seeing that", "information hazard"),
        # A phrase quoted on the way to something else is not asked the meaning of.
        ("what's the 'too much power in too few hands' argument exactly?", None),
        ("what are the constituent elements of 'opening up' an AI system?", None),
        ("What is the Stanford 'AI Index' report?", None),
    ],
)
def test_the_quoted_term_a_question_asks_the_meaning_of(question: str, term: str | None) -> None:
    assert defined_quote(question) == term


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("when did netscape open source its browser and why", "netscape"),
        ("When was the executive order signed?", "executive"),
        ("when did llama 3 come out", "llama"),
        ("what happened when the EU voted?", None),
        ("how many signed it?", None),
    ],
)
def test_whose_date_a_when_question_asks(question: str, subject: str | None) -> None:
    assert dated(question) == subject


def test_who_came_first_is_answered_only_by_a_sentence_that_says_so() -> None:
    llama = ["This was demonstrated practically with Llama 2, developed by Meta."]
    assert not states_first_asked("which company was first one to open source a LLM", llama)
    assert not states_first_asked("who was the first to publish weights?", llama)
    assert states_first_asked("who was the first to publish weights?", ["Meta was first."])
    # A first step, a first author or a first-ever thing asked of is not who came first.
    assert states_first_asked("what is the first step the order asks for?", llama)
    assert states_first_asked("who wrote this? need the first author", llama)


def test_a_count_of_one_kind_is_not_answered_by_a_count_of_another() -> None:
    letter = ["Mozilla's statement, which was signed by over 1,800 people and states:"]
    series = ["This article is part of a series of ~10 posts comprising a review."]
    assert not counts_kind_asked("how many countries signed mozillas letter", letter)
    assert not counts_kind_asked("how many ppl work at convergence analysis", series)
    # The same kind, by another word of it.
    assert counts_kind_asked("how many signatures did it get?", letter)
    assert counts_kind_asked("one-off or part of a series? how many installments", series)
    # Asked of no kind, or a quote that counts none: nothing said against it.
    assert counts_kind_asked("how many signed that mozilla letter", letter)
    assert counts_kind_asked("how many countries did it cover?", ["It covers the US and China."])
    assert counts_kind_asked("how many examples does it take?", ["Llama 2, a partly open LLM"])
