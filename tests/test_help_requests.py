"""Requests for help with something other than the review: picks, tasks, how-tos."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.help_requests import asks_for_help, asks_for_media, asks_of_chatbot_use


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
        # A hyphenated word is two before what is read: "the pro-open take".
        ("help me write the pro-open take for our blog", False),
        ("help me write a cover letter for my new job", True),
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
        ("any good AI act compliance lawyers in berlin? need intro", True),
        ("Is there an open source alternative to Microsoft Word?", True),
        ("does the review discuss alternatives to open-sourcing?", False),
        ("if i build on top of an oss model in the eu am i exempt", False),
        ("what does the review say about the datasets for llama 2?", False),
        ("is it ok to use GPL code in my closed source saas?", True),
        ("what are the best arguments for open models?", False),
        ("is it ok to share model weights, per the review?", False),
        ("cheapest api for llama 3 70b per million tokens", True),
        ("best tool for summarizing pdfs?", True),
        ("Which is the safer one for a beginner to use, ChatGPT or Claude?", True),
        ("which is safer to release, weights or code?", False),
        ("is llama guard worth using as a filter", True),
        ("mistral vs llama 3 for a trading bot, which one", True),
        ("vllm or tgi for serving llama 3 70b at scale", True),
        ("hugging face or github for hosting my fine tuned model", True),
        ("is claude or gemini better for research", True),
        ("which llm is best for giving feedback on essays, chatgpt or claude", True),
        ("what gpu is best for running llama 3 locally", True),
        ("which jurisdiction is best for open-source developers?", False),
        # Two options asked of, not picked between for a use.
        ("what does the EU or US require for open models?", False),
        ("open weights or open source, which is more transparent?", False),
        ("is there an open dataset of sign language videos people use for training", True),
        ("is there any tool for checking a model for bias with only its weights?", True),
        ("is there a section on bioweapons?", False),
        ("does the US vs EU difference matter for a startup, which is friendlier?", False),
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
    ("question", "chatbot_use"),
    [
        ("is it fine to paste pt notes into chatgpt if i strip the name and dob", True),
        ("does chatgpt keep what i paste in?", True),
        ("is it safe to type my medical stuff into an AI chatbot", True),
        ("does gemini train on my prompts", True),
        # The review's own subject: what goes into a model, not what the asker types.
        ("At which stage are the protections put into models like ChatGPT?", False),
        ("is it safe to put my medical questions into chatgpt", True),
        ("at what stage do companies put the guardrails into chatgpt", False),
        ("how does chatgpt keep people from building bombs?", False),
        ("why does chatgpt make up references that dont exist", True),
        ("how do i prompt chatgpt so it stops making up quotes", True),
        ("how do i get chatgpt to quit makin stuff up about fertilizer rates", True),
        ("is there actually a carve out or are they making it up?", False),
    ],
)
def test_how_a_chatbot_serves_its_user(question: str, chatbot_use: bool) -> None:
    # What becomes of what the asker types into one, or why one makes things up.
    assert asks_of_chatbot_use(question) is chatbot_use


def test_what_the_asker_types_into_a_chatbot_is_declined(engine: Engine) -> None:
    answer = engine.answer("is it fine to paste pt notes into chatgpt if i strip the name?")
    assert answer.status == "no_answer" and not answer.quotes
    assert engine.answer("how does chatgpt keep people from building bombs?").quotes


@pytest.mark.parametrize(
    ("question", "media"),
    [
        ("recommend a good book on the history of open source software, like the linux days", True),
        ("any good podcasts on ai governance", True),
        ("good documentaries on AI bias for a film night?", True),
        ("can u suggest a reading list on open models", True),
        # What the review itself recommends or cites is a question about it.
        ("what do the authors recommend?", False),
        ("which sources does the review cite on open models?", False),
        ("is there a good book cited in the review?", False),
    ],
)
def test_something_to_read_or_watch(question: str, media: bool) -> None:
    assert asks_for_media(question) is media


def test_a_request_for_something_to_read_is_declined(engine: Engine) -> None:
    asked = "recommend a good book on the history of open source software, like the linux days"
    assert engine.answer(asked).status == "no_answer"
