"""End to end: the real `python -m bot` process against the local Discord stand-in.

One bot process serves the whole module (a module-scoped fixture); only the tests that need
a restart or other settings start another. After every test the wire is audited: no stub
error, no request to an unknown route, no refused request, every interaction acknowledged
within Discord's 3 s, and no message body that could ping anyone.
"""

from __future__ import annotations

import asyncio
import copy
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import pytest_asyncio

from bot.discord.components import b36
from corpus.load import Corpus, load_corpus
from tests.discord_stub import (
    Channel,
    DiscordStub,
    Guild,
    Intent,
    Permission,
    StubInteraction,
    User,
)
from tests.e2e_helpers import (
    Allowance,
    BotProcess,
    Checkpoint,
    assert_verbatim,
    audit,
    components_of,
    custom_id,
    custom_ids,
    is_ephemeral,
    live_mentions,
    nothing_sent,
    passage_ids,
    ping_problems,
    pings_nobody,
    quoted_blocks,
    run_cli,
    running_bot,
    sent_payloads,
    start_bot,
    unmarkdown,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

EU_QUESTION = "What does the EU AI Act exempt?"
BROAD_QUESTION = "What are the risks of open-source models?"  # more than one page of quotes
CHINA = "osai.policy.china.1"
USER_COMMANDS = {"ask", "jurisdiction", "compare", "sources", "passage", "help", "about"}
COMMAND_PATHS = r"/applications/\d+(/guilds/\d+)?/commands"


@dataclass
class World:
    """The module's stub, guild and running bot (replaced when a test restarts it)."""

    stub: DiscordStub
    guild: Guild
    data_dir: Path
    bot: BotProcess
    corpus: Corpus
    settings: dict[str, str | int | None]
    # Refused requests a test provokes on purpose (cumulative over the module).
    allowances: list[Allowance] = field(default_factory=list)

    @property
    def general(self) -> Channel:
        return self.guild.channel("general")

    @property
    def bot_id(self) -> str:
        return self.stub.bot_user.id

    async def restart(self) -> None:
        code = await self.bot.stop()
        assert code == 0, f"exit code {code} on SIGTERM; log:\n{self.bot.log_tail()}"
        self.bot = await start_bot(self.stub, self.data_dir, **self.settings)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    guild = Guild(
        "Verbatim E2E",
        channels=[
            Channel("general"),
            Channel("no-embeds", bot_deny=Permission.EMBED_LINKS),
            Channel("read-only", bot_deny=Permission.SEND_MESSAGES),
        ],
    )
    data_dir = tmp_path_factory.mktemp("e2e") / "data"
    # A generous cooldown: the cooldown itself is tested with its own bot below.
    settings: dict[str, str | int | None] = {"dev_guild_id": guild.id, "cooldown_rate": 1000}
    async with DiscordStub(guilds=[guild]) as stub:
        bot = await start_bot(stub, data_dir, **settings)
        world = World(stub, guild, data_dir, bot, load_corpus(), settings)
        try:
            yield world
        finally:
            code = await world.bot.stop()
        assert code == 0, f"exit code {code} on SIGTERM; log:\n{world.bot.log_tail()}"
        assert audit(stub, allow=world.allowances) == []


@pytest.fixture(autouse=True)
def wire_audit(world: World) -> Iterator[None]:
    mark = Checkpoint.of(world.stub)
    bot, logged = world.bot, len(world.bot.log)
    yield
    # Shown by pytest only when the test failed.
    lines = bot.log[logged:] + (world.bot.log if world.bot is not bot else [])
    print("--- the bot's log during this test ---", *lines, sep="\n")
    problems = audit(world.stub, mark, allow=world.allowances)
    assert problems == [], "\n".join(problems)


def user(name: str) -> User:
    return User(f"{name}-{time.monotonic_ns() % 10**6}")


async def ask(world: World, who: User, question: str, **options: object) -> dict:
    """/ask in #general; return the response message."""
    ix = await world.stub.slash(
        "ask", {"question": question, **options}, user=who, guild=world.guild
    )
    await ix.wait_response()
    assert ix.response_type == 4, ix.response
    # A copy: the stub edits its stored message in place when a button pages it.
    return copy.deepcopy(await ix.wait_final())


async def wait_followup(world: World, ix: StubInteraction, timeout: float = 5.0) -> dict:
    return await world.stub.server.wait_until(
        lambda: ix.followups[-1] if ix.followups else None, timeout, "a followup message"
    )


# --------------------------------------------------------------------------- start-up


async def test_identifies_without_privileged_intents(world: World) -> None:
    intents = world.stub.intents
    assert intents is not None
    assert not intents & (1 << 15), "message_content is privileged"
    assert not intents & (1 << 1), "guild_members is privileged"
    assert not intents & (1 << 8), "guild_presences is privileged"
    # What it does need: guilds, guild messages and DMs (mentions arrive with their content).
    for needed in (Intent.GUILDS, Intent.GUILD_MESSAGES, Intent.DIRECT_MESSAGES):
        assert intents & needed, needed
    assert world.stub.identify_payload["token"] == world.stub.token


async def test_commands_synced_globally_and_to_the_dev_guild(world: World) -> None:
    for where in (None, world.guild):
        commands = world.stub.commands(where)
        names = {c["name"] for c in commands}
        assert names >= USER_COMMANDS, names
        for command in commands:
            assert sorted(command["contexts"]) == [0, 1, 2], command
            assert sorted(command["integration_types"]) == [0, 1], command
    puts = world.stub.find_requests("PUT", COMMAND_PATHS)
    assert [r.status for r in puts] == [200, 200]
    # The dev guild gets a copy of the global commands (they show up there at once).
    global_names = sorted(c["name"] for c in world.stub.commands())
    assert sorted(c["name"] for c in world.stub.commands(world.guild)) == global_names


# --------------------------------------------------------------------------- DMs and mentions


async def test_dm_is_answered_with_verbatim_quotes(world: World) -> None:
    alice = user("alice")
    sent = await world.stub.send_dm(alice, EU_QUESTION)
    answer = await world.stub.wait_message(alice, after=sent)
    assert answer["message_reference"]["message_id"] == sent["id"]
    (embed,) = answer["embeds"]
    assert unmarkdown(embed["title"]) == EU_QUESTION
    blocks = assert_verbatim(embed["description"], world.corpus)
    assert blocks[0].passage_id == "osai.policy.eu.1"
    assert "exempts" in blocks[0].text
    assert "Quoted verbatim" in embed["footer"]["text"]
    assert "vb:src" in custom_ids(answer)


async def test_mention_gets_a_reply_that_pings_nobody(world: World) -> None:
    alice = user("alice")
    mark = world.stub.now()
    sent = await world.stub.send_channel_message(
        world.general, alice, f"<@{world.bot_id}> what does the EU AI Act exempt?"
    )
    reply = await world.stub.wait_message(world.general, after=sent)
    assert reply["message_reference"]["message_id"] == sent["id"]
    assert reply["mentions"] == [] and reply["mention_roles"] == []
    assert_verbatim(reply["embeds"][0]["description"], world.corpus)
    (post,) = world.stub.find_requests(
        "POST", rf"/channels/{world.general.id}/messages", since=mark
    )
    assert post.response["id"] == reply["id"]
    assert pings_nobody(post.body["allowed_mentions"]), post.body["allowed_mentions"]
    assert post.body["allowed_mentions"].get("parse") == []


async def test_nickname_mention_form_works(world: World) -> None:
    bob = user("bob")
    sent = await world.stub.send_channel_message(
        world.general, bob, f"<@!{world.bot_id}> what does the review say about China?"
    )
    reply = await world.stub.wait_message(world.general, after=sent)
    assert reply["message_reference"]["message_id"] == sent["id"]
    assert CHINA in passage_ids(reply)


async def test_messages_not_for_the_bot_are_ignored(world: World) -> None:
    carol = user("carol")
    other_bot = User("other-bot", bot=True)
    mark = world.stub.now()
    await world.stub.send_channel_message(world.general, carol, "what does the EU AI Act exempt?")
    await world.stub.send_channel_message(world.general, carol, "@everyone is the EU exempt?")
    await world.stub.send_channel_message(
        world.general, other_bot, f"<@{world.bot_id}> what does the EU AI Act exempt?"
    )
    await world.stub.send_dm(other_bot, EU_QUESTION)
    assert await nothing_sent(world.stub, since=mark) == []
    assert world.bot.returncode is None


async def test_empty_mention_gets_short_help(world: World) -> None:
    dave = user("dave")
    sent = await world.stub.send_channel_message(world.general, dave, f"<@{world.bot_id}>")
    reply = await world.stub.wait_message(world.general, after=sent)
    assert reply["message_reference"]["message_id"] == sent["id"]
    text = reply["embeds"][0]["description"]
    assert "/ask" in text and len(text) < 400
    assert quoted_blocks(text) == []


async def test_reply_to_an_answer_is_a_follow_up(world: World) -> None:
    erin = user("erin")
    stub = world.stub
    sent = await stub.send_channel_message(world.general, erin, f"<@{world.bot_id}> {EU_QUESTION}")
    answer = await stub.wait_message(world.general, after=sent)
    assert CHINA not in passage_ids(answer)
    # A reply pings the replied-to author by default, so the bot is in `mentions`.
    follow = await stub.send_channel_message(
        world.general, erin, "what about China?", mentions=[stub.bot_user], reference=answer
    )
    reply = await stub.wait_message(world.general, after=follow)
    assert reply["message_reference"]["message_id"] == follow["id"]
    assert CHINA in passage_ids(reply)
    title = unmarkdown(reply["embeds"][0]["title"])
    assert "China" in title and title != "what about China?", "the earlier question was lost"
    assert_verbatim(reply["embeds"][0]["description"], world.corpus)

    # The same in a DM (no mention needed there).
    sent = await stub.send_dm(erin, EU_QUESTION)
    answer = await stub.wait_message(erin, after=sent)
    follow = await stub.send_channel_message(
        stub.dm_channel(erin), erin, "what about China?", reference=answer
    )
    reply = await stub.wait_message(erin, after=follow)
    assert CHINA in passage_ids(reply)


async def test_lone_surrogate_in_a_dm_and_a_slash_question_still_gets_its_answer(
    world: World,
) -> None:
    """The gateway's JSON can carry a lone surrogate ("\\ud800"); UTF-8 cannot encode it, and
    it once failed the question log's insert, which turned the answer into "something went
    wrong". It is dropped from the question like any character no one can see."""
    odd = "What does the EU AI Act \ud800exempt?\udfff"
    alice = user("alice")
    sent = await world.stub.send_dm(alice, odd)
    reply = await world.stub.wait_message(alice, after=sent)
    (embed,) = reply["embeds"]
    assert unmarkdown(embed["title"]) == EU_QUESTION
    assert assert_verbatim(embed["description"], world.corpus)[0].passage_id == "osai.policy.eu.1"
    message = await ask(world, user("bob"), odd)
    (embed,) = message["embeds"]
    assert unmarkdown(embed["title"]) == EU_QUESTION
    assert assert_verbatim(embed["description"], world.corpus)[0].passage_id == "osai.policy.eu.1"


# --------------------------------------------------------------------------- slash commands


async def test_ask(world: World) -> None:
    frank = user("frank")
    message = await ask(world, frank, EU_QUESTION)
    assert not is_ephemeral(message)
    (embed,) = message["embeds"]
    assert unmarkdown(embed["title"]) == EU_QUESTION
    assert_verbatim(embed["description"], world.corpus)
    ids = custom_ids(message)
    assert "vb:sum:eu" in ids and "vb:src" in ids
    assert any(re.fullmatch(r"vb:fb:up:\d+", i) for i in ids), ids
    assert any(re.fullmatch(r"vb:fb:down:\d+", i) for i in ids), ids


async def test_ask_private_is_ephemeral(world: World) -> None:
    ix = await world.stub.slash(
        "ask", {"question": EU_QUESTION, "private": True}, user=user("gina"), guild=world.guild
    )
    response = await ix.wait_response()
    assert response["type"] == 4
    assert response["data"]["flags"] & 64
    assert_verbatim(response["data"]["embeds"][0]["description"], world.corpus)


async def test_ask_in_a_dm(world: World) -> None:
    ix = await world.stub.slash("ask", {"question": EU_QUESTION}, user=user("hank"))
    response = await ix.wait_response()
    assert response["type"] == 4
    assert "osai.policy.eu.1" in passage_ids(response["data"])


async def test_jurisdiction_china_says_no_mention(world: World) -> None:
    ix = await world.stub.slash("jurisdiction", {"name": "China"}, user=user("ivan"))
    data = (await ix.wait_response())["data"]
    (embed,) = data["embeds"]
    assert "China" in embed["title"]
    assert "No mention" in embed["description"]
    assert CHINA in passage_ids(data)
    assert_verbatim(embed["description"], world.corpus)


async def test_compare_has_three_embeds(world: World) -> None:
    ix = await world.stub.slash("compare", user=user("judy"), guild=world.guild)
    embeds = (await ix.wait_response())["data"]["embeds"]
    assert len(embeds) == 3
    for embed, name in zip(embeds, ("US", "EU", "China"), strict=True):
        assert name in embed["title"]
        assert_verbatim(embed.get("description"), world.corpus, at_least=0)
    assert any(quoted_blocks(e.get("description")) for e in embeds)


async def test_sources(world: World) -> None:
    ix = await world.stub.slash("sources", user=user("kim"))
    (embed,) = (await ix.wait_response())["data"]["embeds"]
    assert len(embed["fields"]) >= 5
    assert any("Llama 2" in unmarkdown(f["name"]) for f in embed["fields"])

    ix = await world.stub.slash("sources", {"source": "eu_ai_act"}, user=user("kim"))
    (embed,) = (await ix.wait_response())["data"]["embeds"]
    (only,) = embed["fields"]
    assert "Artificial Intelligence Act" in unmarkdown(only["name"])


async def test_passage_with_prev_next_buttons(world: World) -> None:
    entries = [e.id for e in world.corpus.entries]
    i = entries.index("osai.policy.eu.1")
    liam = user("liam")
    ix = await world.stub.slash("passage", {"id": entries[i]}, user=liam, guild=world.guild)
    assert (await ix.wait_response())["type"] == 4
    message = await ix.wait_final()
    (embed,) = message["embeds"]
    (block,) = assert_verbatim(embed["description"], world.corpus)
    assert block.passage_id == entries[i]
    assert f"Passage {i + 1} of {len(entries)}" in embed["footer"]["text"]
    assert custom_ids(message) == [
        f"vb:psg:prev:{entries[i - 1]}",
        f"vb:psg:next:{entries[i + 1]}",
        f"vb:del:{liam.id}",  # a public reply: its asker may delete it
    ]


async def test_passage_unknown_id_is_an_ephemeral_notice(world: World) -> None:
    ix = await world.stub.slash("passage", {"id": "no.such.passage"}, user=user("mia"))
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64
    assert "No passage" in data["embeds"][0]["description"]


async def test_help(world: World) -> None:
    ix = await world.stub.slash("help", user=user("ned"), guild=world.guild)
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64
    names = " ".join(f["name"] for f in data["embeds"][0]["fields"])
    for command in ("/ask", "/jurisdiction", "/compare", "/sources", "/passage", "/about"):
        assert command in names


async def test_help_alone_in_a_dm_or_a_mention_gets_what_slash_help_shows(world: World) -> None:
    pat = user("pat")
    for sent in (
        await world.stub.send_dm(pat, "help"),
        await world.stub.send_channel_message(world.general, pat, f"<@{world.bot_id}> commands?"),
    ):
        channel = pat if sent.get("guild_id") is None else world.general
        reply = await world.stub.wait_message(channel, after=sent)
        assert reply["message_reference"]["message_id"] == sent["id"]
        names = " ".join(f["name"] for f in reply["embeds"][0]["fields"])
        assert "/ask" in names and "/compare" in names


def readme_commands() -> set[str]:
    """The commands named in the first column of the README's "What people can do": slash
    commands as `/name`, message commands as **Apps › Name**."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("### What people can do", 1)[1].split("\n#", 1)[0]
    first_cells = [line.split("|")[1] for line in table.splitlines() if line.startswith("|")]
    slash = {name for cell in first_cells for name in re.findall(r"`/([a-z_-]+)", cell)}
    menus = {name for cell in first_cells for name in re.findall(r"\*\*Apps › ([^*]+)\*\*", cell)}
    return slash | menus


async def test_every_synced_command_is_in_help_and_in_the_readme(world: World) -> None:
    synced = {c["name"] for c in world.stub.commands()}
    assert synced >= USER_COMMANDS
    ix = await world.stub.slash("help", user=user("nia"), guild=world.guild)
    fields = (await ix.wait_response())["data"]["embeds"][0]["fields"]
    in_help = {f["name"].split()[0].removeprefix("/") for f in fields}
    in_help |= {f["name"].removeprefix("Apps › ") for f in fields}
    assert synced - in_help == set(), "missing from /help"
    assert synced - readme_commands() == set(), "missing from the README's table"


async def test_about_has_an_invite_url(world: World) -> None:
    ix = await world.stub.slash("about", user=user("olga"))
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64
    values = " ".join(f["value"] for f in data["embeds"][0]["fields"])
    found = re.search(r"\((https://discord\.com/oauth2/authorize\?[^)\s]+)\)", values)
    assert found, values
    query = parse_qs(urlparse(found[1]).query)
    assert query["client_id"] == [world.stub.app_id]
    assert set(query["scope"][0].split()) == {"bot", "applications.commands"}
    permissions = int(query["permissions"][0])
    assert permissions & Permission.SEND_MESSAGES and permissions & Permission.EMBED_LINKS
    assert not permissions & Permission.ADMINISTRATOR


# --------------------------------------------------------------------------- autocomplete


def check_choices(choices: list[dict]) -> None:
    assert len(choices) <= 25
    for choice in choices:
        assert 1 <= len(choice["name"]) <= 100, choice
        assert len(str(choice["value"])) <= 100, choice


async def test_sources_autocomplete(world: World) -> None:
    ix = await world.stub.autocomplete("sources", "source", "llama", user=user("pat"))
    assert (await ix.wait_response())["type"] == 8
    check_choices(ix.choices)
    values = {c["value"] for c in ix.choices}
    assert {"meta_llama2", "meta_llama3", "badllama"} <= values, values
    for choice in ix.choices:
        assert "llama" in (choice["name"] + choice["value"]).casefold(), choice

    ix = await world.stub.autocomplete("sources", "source", "", user=user("pat"))
    await ix.wait_response()
    check_choices(ix.choices)
    assert len(ix.choices) == min(25, len(world.corpus.sources))


async def test_passage_autocomplete(world: World) -> None:
    ix = await world.stub.autocomplete("passage", "id", "china", user=user("quin"))
    assert (await ix.wait_response())["type"] == 8
    check_choices(ix.choices)
    assert CHINA in [c["value"] for c in ix.choices]
    for choice in ix.choices:
        entry = world.corpus.by_id[choice["value"]]
        assert "china" in (entry.id + entry.text).casefold(), choice
        assert choice["name"].startswith(entry.id), choice

    # Every passage matches "osai": more than 25, so the list is cut at Discord's limit.
    assert len(world.corpus.entries) > 25
    ix = await world.stub.autocomplete("passage", "id", "osai", user=user("quin"))
    await ix.wait_response()
    check_choices(ix.choices)
    assert len(ix.choices) == 25


# --------------------------------------------------------------------------- buttons


async def test_more_quotes_pages_in_place_for_the_asker_and_copies_for_others(
    world: World,
) -> None:
    rose, sam = user("rose"), user("sam")
    message = await ask(world, rose, BROAD_QUESTION)
    first = passage_ids(message)
    more = custom_id(message, "vb:more:")
    assert more.startswith(f"vb:more:{rose.id}:1:")

    # Someone else: their own ephemeral copy; the message is untouched.
    ix = await world.stub.click(more, message=message, user=sam)
    response = await ix.wait_response()
    assert response["type"] == 4 and response["data"]["flags"] & 64
    assert set(passage_ids(response["data"])).isdisjoint(first)
    assert passage_ids(world.stub.message(message["id"])) == first

    # The asker: the same message, edited to page 2.
    ix = await world.stub.click(more, message=message, user=rose)
    response = await ix.wait_response()
    assert response["type"] == 7
    edited = world.stub.message(message["id"])
    second = passage_ids(edited)
    assert second and set(second).isdisjoint(first), (first, second)
    assert "page 2" in edited["embeds"][0]["footer"]["text"]
    assert_verbatim(edited["embeds"][0]["description"], world.corpus)


async def test_summary_and_sources_buttons(world: World) -> None:
    tess = user("tess")
    message = await ask(world, tess, EU_QUESTION)

    ix = await world.stub.click("vb:sum:eu", message=message, user=tess)
    data = (await ix.wait_response())["data"]
    assert ix.response_type == 4 and data["flags"] & 64
    assert "EU" in data["embeds"][0]["title"]
    assert "osai.policy.eu.1" in passage_ids(data)

    ix = await world.stub.click("vb:src", message=message, user=tess)
    data = (await ix.wait_response())["data"]
    assert ix.response_type == 4 and data["flags"] & 64
    (embed,) = data["embeds"]
    cited = {
        s.id
        for pid in passage_ids(message)
        for e in [world.corpus.by_id[pid]]
        for s in ([e.source] if e.source else []) + list(e.cited)
    }
    if cited:
        assert embed["title"] == "Sources of these quotes"
        assert len(embed["fields"]) == len(cited)
    else:
        assert embed["title"] == "Sources the review quotes"


async def test_feedback_is_recorded_and_reported(world: World) -> None:
    uma = user("uma")
    message = await ask(world, uma, EU_QUESTION)
    up, down = custom_id(message, "vb:fb:up:"), custom_id(message, "vb:fb:down:")
    question_id = int(down.rsplit(":", 1)[1])
    assert up == f"vb:fb:up:{question_id}"

    ix = await world.stub.click(up, message=message, user=uma)
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64 and "Thanks" in data["embeds"][0]["description"]
    ix = await world.stub.click(down, message=message, user=user("victor"))
    data = (await ix.wait_response())["data"]
    assert data["flags"] & 64 and "Thanks" in data["embeds"][0]["description"]

    # The bot writes votes off the event loop: poll the database it shares with `report`.
    db = world.data_dir / "verbatim.sqlite3"
    votes: list[tuple[int, int]] = []
    for _ in range(50):
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            votes = conn.execute(
                "SELECT question_id, vote FROM feedback WHERE question_id = ? ORDER BY vote",
                (question_id,),
            ).fetchall()
        if len(votes) == 2:
            break
        await asyncio.sleep(0.1)
    assert votes == [(question_id, -1), (question_id, 1)]

    code, out = await run_cli("report", env=world.bot.env, cwd=world.data_dir.parent)
    assert code == 0, out
    section = out.split("Most downvoted answers", 1)[1]
    row = next((line for line in section.splitlines() if f" {question_id} " in line), None)
    assert row is not None, out
    assert row.split()[:3] == ["1", "1", str(question_id)], row
    assert "osai.policy.eu.1" in row


async def test_passage_next_and_previous(world: World) -> None:
    wendy = user("wendy")
    entries = [e.id for e in world.corpus.entries]
    i = entries.index("osai.policy.eu.1")
    ix = await world.stub.slash("passage", {"id": entries[i]}, user=wendy, guild=world.guild)
    await ix.wait_response()
    message = await ix.wait_final()

    ix = await world.stub.click(f"vb:psg:next:{entries[i + 1]}", message=message, user=wendy)
    assert (await ix.wait_response())["type"] == 7
    edited = world.stub.message(message["id"])
    assert passage_ids(edited) == [entries[i + 1]]
    assert f"Passage {i + 2} of" in edited["embeds"][0]["footer"]["text"]
    assert custom_ids(edited) == [
        f"vb:psg:prev:{entries[i]}",
        f"vb:psg:next:{entries[i + 2]}",
        f"vb:del:{wendy.id}",  # kept across the edit
    ]

    ix = await world.stub.click(f"vb:psg:prev:{entries[i]}", message=message, user=wendy)
    assert (await ix.wait_response())["type"] == 7
    assert passage_ids(world.stub.message(message["id"])) == [entries[i]]


async def test_expired_more_quotes_button_is_disabled(world: World) -> None:
    xena = user("xena")
    message = await ask(world, xena, BROAD_QUESTION)
    # As if the message had been sent two days ago: its More quotes id carries an old stamp.
    old = f"vb:more:{xena.id}:1:-:{b36(int(time.time()) - 2 * 24 * 3600)}"
    stored = world.stub.message(message["id"])
    for component in components_of(stored):
        if component.get("custom_id", "").startswith("vb:more:"):
            component["custom_id"] = old
    ix = await world.stub.click(old, message=message, user=xena)
    assert (await ix.wait_response())["type"] == 7
    notice = await wait_followup(world, ix)
    assert notice["flags"] & 64
    assert "expired" in notice["embeds"][0]["description"]
    edited = world.stub.message(message["id"])
    buttons = components_of(edited)
    assert buttons and all(b.get("disabled") for b in buttons), buttons
    assert passage_ids(edited) == passage_ids(message)  # the quotes stay


async def test_restart_keeps_commands_and_buttons(world: World) -> None:
    yuri = user("yuri")
    message = await ask(world, yuri, BROAD_QUESTION)
    more = custom_id(message, "vb:more:")
    identifies = world.stub.identify_count
    mark = world.stub.now()

    await world.restart()

    assert world.stub.identify_count == identifies + 1
    fetched = world.stub.find_requests("GET", COMMAND_PATHS, since=mark)
    assert len(fetched) == 2, fetched  # global and the dev guild were compared...
    assert world.stub.find_requests("PUT", COMMAND_PATHS, since=mark) == []  # ...not re-put
    assert world.stub.find_requests("POST", COMMAND_PATHS, since=mark) == []

    ix = await world.stub.click(more, message=message, user=yuri)
    assert (await ix.wait_response())["type"] == 7
    edited = world.stub.message(message["id"])
    assert set(passage_ids(edited)).isdisjoint(passage_ids(message))
    assert "page 2" in edited["embeds"][0]["footer"]["text"]


# --------------------------------------------------------------------------- mentions, permissions


async def test_mention_syntax_in_questions_pings_nobody(world: World) -> None:
    zoe, target = user("zoe"), user("target")
    world.stub.server.register_user(target)
    role = world.guild.bot_role_id
    noise = f"@everyone @here <@&{role}> <@{target.id}>"
    question = f"What does the EU AI Act exempt? {noise}"
    mark = Checkpoint.of(world.stub)

    sent = await world.stub.send_dm(zoe, question)
    dm_answer = await world.stub.wait_message(zoe, after=sent)
    sent = await world.stub.send_channel_message(
        world.general, zoe, f"<@{world.bot_id}> {question}"
    )
    mention_answer = await world.stub.wait_message(world.general, after=sent)
    ix = await world.stub.slash("ask", {"question": question}, user=zoe, guild=world.guild)
    await ix.wait_response()
    slash_answer = await ix.wait_final()

    for answer in (dm_answer, mention_answer, slash_answer):
        assert "osai.policy.eu.1" in passage_ids(answer)
        assert live_mentions(answer) == [], answer
    payloads = sent_payloads(world.stub, mark.requests)
    kinds = {p.kind for p in payloads}
    assert {"message", "callback"} <= kinds, kinds
    assert ping_problems(payloads) == []
    for p in payloads:
        assert p.body["allowed_mentions"]["parse"] == []


async def test_channel_without_embed_links_gets_plain_text(world: World) -> None:
    no_embeds = world.guild.channel("no-embeds")
    mark = world.stub.now()
    sent = await world.stub.send_channel_message(
        no_embeds, user("amy"), f"<@{world.bot_id}> {EU_QUESTION}"
    )
    reply = await world.stub.wait_message(no_embeds, after=sent)
    assert reply["embeds"] == []
    assert 0 < len(reply["content"]) <= 2000
    blocks = assert_verbatim(reply["content"], world.corpus)
    assert blocks[0].passage_id == "osai.policy.eu.1"
    (post,) = world.stub.find_requests("POST", rf"/channels/{no_embeds.id}/messages", since=mark)
    assert not post.body.get("embeds")


async def test_channel_without_send_messages_gets_nothing(world: World) -> None:
    read_only = world.guild.channel("read-only")
    ben = user("ben")
    mark = world.stub.now()
    await world.stub.send_channel_message(read_only, ben, f"<@{world.bot_id}> {EU_QUESTION}")
    sent = await nothing_sent(world.stub, since=mark, path=rf"/channels/{read_only.id}/.*")
    assert sent == []
    assert world.bot.returncode is None
    assert any("cannot send messages" in line for line in world.bot.log)
    # Still serving.
    sent_dm = await world.stub.send_dm(ben, EU_QUESTION)
    answer = await world.stub.wait_message(ben, after=sent_dm)
    assert "osai.policy.eu.1" in passage_ids(answer)


# --------------------------------------------------------------------------- cooldown


async def test_cooldown(tmp_path: Path) -> None:
    guild = Guild("Cooldown", channels=[Channel("general")])
    async with DiscordStub(guilds=[guild]) as stub:
        async with running_bot(
            stub, tmp_path / "data", cooldown_rate=2, cooldown_seconds=60
        ) as bot:
            asker = User("asker")
            for n in (1, 2):
                ix = await stub.slash("ask", {"question": EU_QUESTION}, user=asker, guild=guild)
                data = (await ix.wait_response())["data"]
                assert not is_ephemeral(data), n
                assert "osai.policy.eu.1" in passage_ids(data), n
            ix = await stub.slash("ask", {"question": EU_QUESTION}, user=asker, guild=guild)
            data = (await ix.wait_response())["data"]
            assert ix.response_type == 4 and is_ephemeral(data), (data, bot.log_tail())
            assert "Try again" in data["embeds"][0]["description"]
            assert passage_ids(data) == []

            texter = User("texter")
            for n in (1, 2):
                sent = await stub.send_dm(texter, EU_QUESTION)
                answer = await stub.wait_message(texter, after=sent)
                assert "osai.policy.eu.1" in passage_ids(answer), n
            sent = await stub.send_dm(texter, EU_QUESTION)
            notice = await stub.wait_message(texter, after=sent)
            assert "Try again" in notice["content"] and not notice["embeds"]
            mark = stub.now()
            await stub.send_dm(texter, EU_QUESTION)
            assert await nothing_sent(stub, since=mark) == []  # one notice per window
            assert bot.returncode is None
        # Without VERBATIM_DEV_GUILD_ID the commands are synced globally only.
        assert [r.path for r in stub.find_requests("PUT", COMMAND_PATHS)] == [
            f"/applications/{stub.app_id}/commands"
        ]
        assert stub.commands(guild) == []
        assert audit(stub) == []


# --------------------------------------------------------------------------- the whole module


async def test_every_interaction_was_acknowledged_in_time(world: World) -> None:
    """Over the whole module so far (the per-test audit checks each test's share too)."""
    ix = await world.stub.slash("help", user=user("last"))
    await ix.wait_response()
    interactions = world.stub.interactions
    assert all(ix.dispatched_at is not None for ix in interactions)
    late = [(ix, ix.latency) for ix in interactions if ix.latency is None or ix.latency >= 3.0]
    assert late == []
    assert world.stub.unknown_requests == []
    assert [r for r in world.stub.requests if r.status >= 400] == []
