"""End to end, issue 11's features against the local Discord stand-in: text-fragment links,
/cite and the Cite button (more below as they land).

Its own bot process, as tests/test_e2e_bot.py does, with the same wire audit after each test.
"""

from __future__ import annotations

import copy
import re
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from corpus.load import Corpus, load_corpus
from tests.discord_stub import Channel, DiscordStub, Guild, Permission, User
from tests.e2e_helpers import (
    BotProcess,
    Checkpoint,
    assert_verbatim,
    audit,
    custom_ids,
    passage_ids,
    start_bot,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

EU_QUESTION = "What does the EU AI Act exempt?"
EU = "osai.policy.eu.1"


@dataclass
class World:
    stub: DiscordStub
    guild: Guild
    data_dir: Path
    bot: BotProcess
    corpus: Corpus


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    guild = Guild("Verbatim research", channels=[Channel("general")])
    data_dir = tmp_path_factory.mktemp("e2e-research") / "data"
    async with DiscordStub(guilds=[guild]) as stub:
        bot = await start_bot(stub, data_dir, dev_guild_id=guild.id, cooldown_rate=1000)
        world = World(stub, guild, data_dir, bot, load_corpus())
        try:
            yield world
        finally:
            code = await world.bot.stop()
        assert code == 0, f"exit code {code} on SIGTERM; log:\n{world.bot.log_tail()}"
        assert audit(stub) == []


@pytest.fixture(autouse=True)
def wire_audit(world: World) -> Iterator[None]:
    mark = Checkpoint.of(world.stub)
    logged = len(world.bot.log)
    yield
    print("--- the bot's log during this test ---", *world.bot.log[logged:], sep="\n")
    problems = audit(world.stub, mark)
    assert problems == [], "\n".join(problems)


def user(name: str) -> User:
    return User(f"{name}-{time.monotonic_ns() % 10**6}")


async def ask(world: World, who: User, question: str, **options: object) -> dict:
    ix = await world.stub.slash(
        "ask", {"question": question, **options}, user=who, guild=world.guild
    )
    await ix.wait_response()
    return copy.deepcopy(await ix.wait_final())


def fields(data: dict) -> dict[str, str]:
    return {f["name"]: f["value"] for f in data["embeds"][0].get("fields", [])}


# --------------------------------------------------------------------------- links


async def test_every_quote_links_to_its_words_with_a_text_fragment(world: World) -> None:
    message = await ask(world, user("ada"), EU_QUESTION)
    description = message["embeds"][0]["description"]
    links = re.findall(r"\]\((https://[^)\s]+)\)", description)
    assert links and len(links) == len(passage_ids(message))
    for link in links:
        assert "#:~:text=" in link
        directive = link.split("#:~:text=", 1)[1]
        assert re.fullmatch(r"([A-Za-z0-9!$'*+./:;=?@_~,]|%[0-9A-F]{2}|-(?=,)|(?<=,)-)+", directive)


# --------------------------------------------------------------------------- /cite


async def test_cite_in_every_style_and_one(world: World) -> None:
    ix = await world.stub.slash("cite", {"id": EU}, user=user("bo"), guild=world.guild)
    data = (await ix.wait_response())["data"]
    assert not data.get("flags", 0) & 64
    found = fields(data)
    assert set(found) == {"APA", "Chicago", "MLA", "BibTeX"}
    assert "@online{mckernon2024opensource," in found["BibTeX"]
    assert "Convergence Analysis" in found["APA"] and "The EU" in found["APA"]

    ix = await world.stub.slash(
        "cite", {"id": EU, "style": "BibTeX", "private": True}, user=user("bo")
    )
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64
    assert list(fields(data)) == ["BibTeX"]


async def test_cite_an_excerpt_cites_the_quoted_work(world: World) -> None:
    excerpt = next(e for e in world.corpus.entries if e.kind == "excerpt" and e.source)
    ix = await world.stub.slash("cite", {"id": excerpt.id, "style": "APA"}, user=user("cy"))
    found = fields((await ix.wait_response())["data"])
    assert any("quotes" in name for name in found)
    assert excerpt.source is not None
    assert any(excerpt.source.title in value for value in found.values())


async def test_cite_autocomplete_and_unknown_id(world: World) -> None:
    ix = await world.stub.autocomplete("cite", "id", "china", user=user("di"))
    await ix.wait_response()
    assert "osai.policy.china.1" in [c["value"] for c in ix.choices]
    ix = await world.stub.slash("cite", {"id": "no.such"}, user=user("di"))
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64 and "No passage" in data["embeds"][0]["description"]


async def test_cite_button_on_an_answer(world: World) -> None:
    asker, other = user("ed"), user("flo")
    message = await ask(world, asker, EU_QUESTION)
    assert "vb:cite" in custom_ids(message)
    ix = await world.stub.click("vb:cite", message=message, user=other)
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64
    assert set(fields(data)) >= {"APA", "Chicago", "MLA", "BibTeX"}
    assert passage_ids(message)[0] in data["embeds"][0]["description"]


# --------------------------------------------------------------------------- privacy


async def test_privacy_says_what_is_stored_and_how_to_delete_it(world: World) -> None:
    ix = await world.stub.slash("privacy", user=user("gus"), guild=world.guild)
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64
    found = fields(data)
    assert "hash" in found["Stored"] and "question" in found["Stored"] and "👍" in found["Stored"]
    assert "90 days" in found["How long"]
    assert "/forget" in found["Delete it"] and "python -m bot forget" in found["Delete it"]


async def test_forget_deletes_only_after_the_askers_confirmation(world: World) -> None:
    hal, ivy = user("hal"), user("ivy")
    first = await ask(world, hal, EU_QUESTION)
    await ask(world, hal, "What is RLHF?")
    vote = next(i for i in custom_ids(first) if i.startswith("vb:fb:up:"))
    ix = await world.stub.click(vote, message=first, user=hal)
    await ix.wait_response()

    ix = await world.stub.slash("forget", user=hal, guild=world.guild)
    prompt = await ix.wait_final()
    assert (await ix.wait_response())["data"]["flags"] & 64
    (confirm,) = [i for i in custom_ids(prompt) if i.startswith("vb:forget:")]
    assert confirm.startswith(f"vb:forget:{hal.id}:")

    # Someone else cannot confirm it for them (the stub lets us click another's prompt).
    ix = await world.stub.click(confirm, message=prompt, user=ivy)
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64 and "Only the person" in data["embeds"][0]["description"]

    ix = await world.stub.click(confirm, message=prompt, user=hal)
    response = await ix.wait_response()
    assert response["type"] == 7  # the prompt is replaced by the result
    text = response["data"]["embeds"][0]["description"]
    assert "deleted 3 stored rows" in text, text  # two questions and one vote
    assert response["data"]["components"] == []

    # Nothing is left: a second /forget deletes nothing.
    ix = await world.stub.slash("forget", user=hal, guild=world.guild)
    prompt = await ix.wait_final()
    (confirm,) = [i for i in custom_ids(prompt) if i.startswith("vb:forget:")]
    ix = await world.stub.click(confirm, message=prompt, user=hal)
    assert "deleted 0 stored rows" in (await ix.wait_response())["data"]["embeds"][0]["description"]


# --------------------------------------------------------------------------- sharing


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("jurisdiction", {"name": "EU"}),
        ("compare", {}),
        ("sources", {}),
        ("passage", {"id": EU}),
        ("cite", {"id": EU}),
        ("ask", {"question": EU_QUESTION}),
    ],
)
async def test_private_replies_can_be_posted_and_public_ones_deleted(
    world: World, command: str, options: dict[str, object]
) -> None:
    jo, kim = user("jo"), user("kim")
    ix = await world.stub.slash(command, {**options, "private": True}, user=jo, guild=world.guild)
    await ix.wait_response()
    private = copy.deepcopy(await ix.wait_final())
    assert private["flags"] & 64
    assert f"vb:post:{jo.id}" in custom_ids(private)
    assert not any(i.startswith("vb:del:") for i in custom_ids(private))

    # Posting: a public message with the same embeds, its other buttons, and a 🗑.
    ix = await world.stub.click(f"vb:post:{jo.id}", message=private, user=jo)
    response = await ix.wait_response()
    assert response["type"] == 4 and not response["data"].get("flags", 0) & 64
    posted = await ix.wait_final()
    assert [e.get("title") for e in posted["embeds"]] == [e.get("title") for e in private["embeds"]]
    assert f"vb:del:{jo.id}" in custom_ids(posted)
    assert not any(i.startswith("vb:post:") for i in custom_ids(posted))
    others = [i for i in custom_ids(private) if not i.startswith("vb:post:")]
    assert [i for i in custom_ids(posted) if not i.startswith("vb:del:")] == others

    # 🗑: refused to someone else, done for the asker.
    ix = await world.stub.click(f"vb:del:{jo.id}", message=posted, user=kim)
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64 and "Only the person who asked" in data["embeds"][0]["description"]
    assert posted["id"] in world.stub.server.messages
    ix = await world.stub.click(f"vb:del:{jo.id}", message=posted, user=jo)
    assert (await ix.wait_response())["type"] == 6
    await world.stub.server.wait_until(
        lambda: posted["id"] not in world.stub.server.messages, 5.0, "the deletion"
    )


async def test_someone_who_manages_messages_may_delete_a_public_answer(world: World) -> None:
    lea, mod = user("lea"), user("mod")
    world.stub.member_permissions[mod.id] = Permission.MANAGE_MESSAGES | Permission.SEND_MESSAGES
    message = await ask(world, lea, EU_QUESTION)
    ix = await world.stub.click(f"vb:del:{lea.id}", message=message, user=mod)
    assert (await ix.wait_response())["type"] == 6
    await world.stub.server.wait_until(
        lambda: message["id"] not in world.stub.server.messages, 5.0, "the deletion"
    )


async def test_a_reply_to_a_mention_or_a_dm_has_a_delete_button_for_its_asker(
    world: World,
) -> None:
    nia, kim = user("nia"), user("kim")
    general = world.guild.channel("general")
    sent = await world.stub.send_channel_message(
        general, nia, f"<@{world.stub.bot_user.id}> {EU_QUESTION}"
    )
    reply = copy.deepcopy(await world.stub.wait_message(general, after=sent))
    assert f"vb:del:{nia.id}" in custom_ids(reply)
    ix = await world.stub.click(f"vb:del:{nia.id}", message=reply, user=kim)
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64 and "Only the person who asked" in data["embeds"][0]["description"]
    ix = await world.stub.click(f"vb:del:{nia.id}", message=reply, user=nia)
    assert (await ix.wait_response())["type"] == 6
    await world.stub.server.wait_until(
        lambda: reply["id"] not in world.stub.server.messages, 5.0, "the mention reply deleted"
    )

    sent = await world.stub.send_dm(nia, EU_QUESTION)
    answer = copy.deepcopy(await world.stub.wait_message(nia, after=sent))
    ix = await world.stub.click(f"vb:del:{nia.id}", message=answer, user=nia)
    assert (await ix.wait_response())["type"] == 6
    await world.stub.server.wait_until(
        lambda: answer["id"] not in world.stub.server.messages, 5.0, "the DM answer deleted"
    )


async def test_more_quotes_keeps_the_delete_button(world: World) -> None:
    mo = user("mo")
    message = await ask(world, mo, "What are the risks of open-source models?")
    more = next(i for i in custom_ids(message) if i.startswith("vb:more:"))
    ix = await world.stub.click(more, message=message, user=mo)
    assert (await ix.wait_response())["type"] == 7
    assert f"vb:del:{mo.id}" in custom_ids(world.stub.message(message["id"]))


# --------------------------------------------------------------------------- Find in the review

FIND = "Find in the review"


def someone_says(world: World, text: str, channel: Channel | None = None) -> dict:
    """A message by another user (never dispatched to the bot: it only meets it through
    the interaction, as without the message-content intent)."""
    from tests.discord_stub.payloads import message_payload, new_snowflake

    return message_payload(
        message_id=new_snowflake(),
        channel=channel or world.guild.channel("general"),
        author=User("claimant"),
        content=text,
    )


async def test_find_in_the_review_is_synced_as_a_message_command_everywhere(world: World) -> None:
    (menu,) = [c for c in world.stub.commands() if c["name"] == FIND]
    assert menu["type"] == 3
    assert "description" not in menu or not menu["description"]
    assert sorted(menu["contexts"]) == [0, 1, 2]  # guild, bot DM, private channel
    assert sorted(menu["integration_types"]) == [0, 1]  # guild install, user install


async def test_find_in_the_review_quotes_privately_and_never_judges(world: World) -> None:
    nia = user("nia")
    target = someone_says(world, "The EU AI Act exempts open-source models from everything!")
    ix = await world.stub.message_command(FIND, target, user=nia, guild=world.guild)
    await ix.wait_response()
    message = copy.deepcopy(await ix.wait_final())
    assert message["flags"] & 64
    (embed,) = message["embeds"]
    assert embed["title"] == "What the review says about this"
    assert "About this message" in embed["description"]
    assert_verbatim(embed["description"], world.corpus)
    assert "osai.policy.eu.1" in passage_ids(message)
    # Passages, no verdict: nothing but the label, the message and quotes with citations.
    assert not re.search(r"\b(true|false|fact.check|misleading)\b", embed["title"].casefold())
    ids = custom_ids(message)
    assert f"vb:post:{nia.id}" in ids and "vb:cite" in ids
    assert not any(i.startswith(("vb:fb:", "vb:more:")) for i in ids)

    ix = await world.stub.click(f"vb:post:{nia.id}", message=message, user=nia)
    posted = await ix.wait_final()
    assert not posted.get("flags", 0) & 64
    assert posted["embeds"][0]["title"] == "What the review says about this"


async def test_find_in_the_review_in_a_dm_and_on_an_empty_message(world: World) -> None:
    oz = user("oz")
    dm = world.stub.dm_channel(oz)
    ix = await world.stub.message_command(
        FIND, someone_says(world, "Is China regulating open source models?", dm), user=oz
    )
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64 and "osai.policy.china.1" in passage_ids(data)

    ix = await world.stub.message_command(
        FIND, someone_says(world, "   "), user=oz, guild=world.guild
    )
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64 and "no text" in data["embeds"][0]["description"]


async def test_find_in_the_review_looks_up_an_opinion_that_asks_nothing(world: World) -> None:
    # Asked, such a message gets a prompt for a question; looked up, it is a claim.
    target = someone_says(world, "honestly, the EU going easy on open source is the way to go")
    ix = await world.stub.message_command(FIND, target, user=user("ode"), guild=world.guild)
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64 and "osai.policy.eu.1" in passage_ids(data)
    assert_verbatim(data["embeds"][0]["description"], world.corpus)


async def test_help_lists_the_message_command(world: World) -> None:
    ix = await world.stub.slash("help", user=user("pia"))
    names = [f["name"] for f in (await ix.wait_response())["data"]["embeds"][0]["fields"]]
    assert f"Apps › {FIND}" in names


# --------------------------------------------------------------------------- finding your way


async def test_contents(world: World) -> None:
    ix = await world.stub.slash("contents", user=user("quinn"), guild=world.guild)
    message = await ix.wait_final()
    text = message["embeds"][0]["description"]
    for section in world.corpus.documents[0].sections:
        assert section.title.replace("-", "\\-") in text
    assert "#:~:text=" in text and "19 passages" in text
    assert any(i.startswith("vb:del:") for i in custom_ids(message))


async def test_ask_suggests_titles_and_examples_never_what_others_asked(world: World) -> None:
    rex = user("rex")
    unusual = "What does the EU say about zanzibar marmalade?"
    await ask(world, rex, unusual)
    ix = await world.stub.autocomplete("ask", "question", "", user=user("sol"))
    assert (await ix.wait_response())["type"] == 8
    values = [c["value"] for c in ix.choices]
    assert "What does the EU AI Act exempt?" in values and "The EU" in values
    ix = await world.stub.autocomplete("ask", "question", "marmalade", user=user("sol"))
    await ix.wait_response()
    assert ix.choices == []
    ix = await world.stub.autocomplete("ask", "question", "EU", user=user("sol"))
    await ix.wait_response()
    assert unusual not in [c["value"] for c in ix.choices]


# --------------------------------------------------------------------------- restarts


async def test_new_buttons_work_after_a_restart(world: World) -> None:
    """Cite, Post to channel, 🗑 and the /forget confirmation keep their state in their
    custom ids (DynamicItem): a restarted bot answers clicks on messages sent before."""
    sam = user("sam")
    public = await ask(world, sam, EU_QUESTION)
    ix = await world.stub.slash("cite", {"id": EU, "private": True}, user=sam, guild=world.guild)
    private = copy.deepcopy(await ix.wait_final())
    ix = await world.stub.slash("forget", user=sam, guild=world.guild)
    prompt = copy.deepcopy(await ix.wait_final())

    code = await world.bot.stop()
    assert code == 0, world.bot.log_tail()
    world.bot = await start_bot(
        world.stub, world.data_dir, dev_guild_id=world.guild.id, cooldown_rate=1000
    )

    ix = await world.stub.click("vb:cite", message=public, user=sam)
    assert "BibTeX" in fields((await ix.wait_response())["data"])
    ix = await world.stub.click(f"vb:post:{sam.id}", message=private, user=sam)
    assert (await ix.wait_response())["type"] == 4
    confirm = next(i for i in custom_ids(prompt) if i.startswith("vb:forget:"))
    ix = await world.stub.click(confirm, message=prompt, user=sam)
    assert "deleted" in (await ix.wait_response())["data"]["embeds"][0]["description"]
    ix = await world.stub.click(f"vb:del:{sam.id}", message=public, user=sam)
    assert (await ix.wait_response())["type"] == 6
