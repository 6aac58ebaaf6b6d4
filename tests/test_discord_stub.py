"""Self-test of the Discord stub: a tiny real discord.py client (not our bot) runs against it.

Each test starts a fresh stub and a minimal ``discord.Client`` with a ``CommandTree`` in this
process, then checks one behaviour the bot's end-to-end tests rely on.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Callable

import aiohttp
import discord
import pytest
from discord import app_commands

from tests.discord_stub import (
    DEFAULT_BOT_PERMISSIONS,
    Channel,
    DiscordStub,
    Guild,
    Intent,
    MessageFlag,
    Permission,
    User,
    discord_py_pointed_at,
)
from tests.discord_stub.validation import FormErrors, check_message

SOURCES = [f"llama-{n}" for n in range(30)] + ["mistral", "falcon"]


class MiniClient(discord.Client):
    """A minimal client: echoes messages, and has /ask (with a button), /sources
    (autocomplete), /think (defer + followup + edit) and /slow (answers too late)."""

    def __init__(self) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(intents=intents, guild_ready_timeout=0.1)
        self.tree = app_commands.CommandTree(self)
        self.errors: list[discord.HTTPException] = []
        self._add_commands()

    def _add_commands(self) -> None:
        client = self

        class MoreView(discord.ui.View):
            @discord.ui.button(label="More", custom_id="ask:more")
            async def more(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
                await interaction.response.edit_message(content="More details", view=None)

        @self.tree.command(description="Ask a question")
        async def ask(interaction: discord.Interaction, question: str) -> None:
            await interaction.response.send_message(f"You asked: {question}", view=MoreView())

        @self.tree.command(description="Pick a source")
        async def sources(interaction: discord.Interaction, source: str) -> None:
            await interaction.response.send_message(source, ephemeral=True)

        @sources.autocomplete("source")
        async def source_choices(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            names = [s for s in SOURCES if current in s]
            return [app_commands.Choice(name=s, value=s) for s in names[:25]]

        @self.tree.command(description="Think, then answer")
        async def think(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send("done thinking")
            await interaction.edit_original_response(content="done thinking (edited)")

        @self.tree.command(description="Answer after the deadline")
        async def slow(interaction: discord.Interaction) -> None:
            await asyncio.sleep(3.2)
            try:
                await interaction.response.send_message("too late")
            except discord.HTTPException as error:
                client.errors.append(error)

    async def setup_hook(self) -> None:
        await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.author == self.user:
            return
        try:
            if message.content.endswith("long"):
                await message.channel.send("x" * 2001)
            elif message.content.endswith("embed"):
                await message.channel.send("with embed", embed=discord.Embed(title="T"))
            elif message.content.endswith("file"):
                upload = discord.File(io.BytesIO(b"hello"), filename="hello.txt")
                await message.channel.send("a file", file=upload)
            elif message.content.endswith("react"):
                await message.add_reaction("\N{THUMBS UP SIGN}")
                fetched = await message.channel.fetch_message(message.id)
                await message.channel.send(f"fetched: {fetched.content}")
            else:
                await message.reply(f"echo: {message.content}")
        except discord.HTTPException as error:
            self.errors.append(error)


async def eventually(condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Poll client-side state (the stub's own waits only wake on stub-side changes)."""
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


@pytest.fixture
def alice() -> User:
    return User("alice")


@pytest.fixture
def guild(alice: User) -> Guild:
    return Guild(
        "Stub Guild",
        channels=[
            Channel("general"),
            Channel("read-only", bot_deny=Permission.SEND_MESSAGES),
            Channel("no-embeds", bot_deny=Permission.EMBED_LINKS),
        ],
        members=[alice],
    )


@pytest.fixture
async def stub(guild: Guild) -> AsyncIterator[DiscordStub]:
    async with DiscordStub(guilds=[guild]) as running:
        yield running
        assert running.server.internal_errors == []


@pytest.fixture
async def client(stub: DiscordStub) -> AsyncIterator[MiniClient]:
    with discord_py_pointed_at(stub.api_base, stub.gateway_url):
        mini = MiniClient()
        task = asyncio.create_task(mini.start(stub.token))
        try:
            await stub.wait_identified(timeout=10)
            await asyncio.wait_for(mini.wait_until_ready(), 10)
            yield mini
        finally:
            await mini.close()
            await asyncio.wait_for(task, 10)


async def test_identify_ready_guild_create_and_command_sync(
    stub: DiscordStub, client: MiniClient, guild: Guild
) -> None:
    assert stub.identify_payload is not None
    assert stub.identify_payload["token"] == stub.token
    assert stub.intents == client.intents.value
    assert stub.intents & Intent.MESSAGE_CONTENT
    assert "compress=zlib-stream" in stub.server.gateway_urls[0]
    assert client.user is not None and str(client.user.id) == stub.bot_user.id
    assert client.application_id is not None and str(client.application_id) == stub.app_id

    seen = client.get_guild(int(guild.id))
    assert seen is not None
    assert [c.name for c in seen.text_channels] == ["general", "read-only", "no-embeds"]
    general = seen.get_channel(int(guild.channel("general").id))
    read_only = seen.get_channel(int(guild.channel("read-only").id))
    assert isinstance(general, discord.TextChannel) and isinstance(read_only, discord.TextChannel)
    assert general.permissions_for(seen.me).value == DEFAULT_BOT_PERMISSIONS
    assert not read_only.permissions_for(seen.me).send_messages

    commands = await stub.wait_commands_synced()
    assert sorted(c["name"] for c in commands) == ["ask", "slow", "sources", "think"]
    assert all(c["id"] and c["application_id"] == stub.app_id for c in commands)
    assert stub.unknown_requests == []


async def test_dm_and_mention_get_replies(
    stub: DiscordStub, client: MiniClient, alice: User, guild: Guild
) -> None:
    sent = await stub.send_dm(alice, "what is open source?")
    reply = await stub.wait_message(alice, after=sent)
    assert reply["content"] == "echo: what is open source?"
    assert reply["message_reference"]["message_id"] == sent["id"]

    general = guild.channel("general")
    sent = await stub.send_channel_message(general, alice, f"{stub.bot_user.mention} hi")
    assert sent["mentions"][0]["id"] == stub.bot_user.id
    reply = await stub.wait_message(general, after=sent)
    assert reply["content"] == f"echo: {stub.bot_user.mention} hi"
    post = await stub.wait_for("POST", rf"/channels/{general.id}/messages")
    assert post.status == 200 and post.body["content"] == reply["content"]


async def test_reactions_fetches_and_uploads(
    stub: DiscordStub, client: MiniClient, alice: User, guild: Guild
) -> None:
    general = guild.channel("general")
    fetched = await client.fetch_channel(int(general.id))
    assert isinstance(fetched, discord.TextChannel) and fetched.name == "general"

    sent = await stub.send_channel_message(general, alice, "please react")
    await stub.wait_message(general, after=sent)
    reaction = await stub.wait_for("PUT", rf"/channels/{general.id}/messages/{sent['id']}/.+")
    assert reaction.status == 204
    assert stub.message(sent["id"])["reactions"][0]["emoji"]["name"] == "\N{THUMBS UP SIGN}"
    assert stub.messages_in(general)[-1]["content"] == "fetched: please react"

    sent = await stub.send_dm(alice, "send a file")
    message = await stub.wait_message(alice, after=sent)
    upload = await stub.wait_for("POST", r"/channels/\d+/messages", where=lambda r: bool(r.files))
    assert upload.body["content"] == "a file"
    assert (upload.files[0].filename, upload.files[0].data) == ("hello.txt", b"hello")
    assert message["attachments"][0]["filename"] == "hello.txt"


async def test_slash_command_then_button(
    stub: DiscordStub, client: MiniClient, alice: User, guild: Guild
) -> None:
    ix = await stub.slash("ask", {"question": "what?"}, user=alice, guild=guild)
    response = await ix.wait_response()
    assert response["type"] == 4
    assert response["data"]["content"] == "You asked: what?"
    assert ix.latency is not None and ix.latency < 3.0
    original = ix.original
    assert original is not None and original["interaction_metadata"]["user"]["id"] == alice.id
    assert stub.messages_in(guild.channel("general"))[-1]["id"] == original["id"]

    url = f"{stub.api_base}/interactions/{ix.id}/{ix.token}/callback?with_response=1"
    async with aiohttp.ClientSession() as session:
        again = {"type": 4, "data": {"content": "again"}}
        async with session.post(url, json=again) as second:
            assert second.status == 400
            assert (await second.json())["code"] == 40060

    click = await stub.click("ask:more", message=original, user=alice)
    assert (await click.wait_response())["type"] == 7
    assert stub.message(original["id"])["content"] == "More details"
    assert stub.message(original["id"])["components"] == []


async def test_autocomplete(stub: DiscordStub, client: MiniClient, alice: User) -> None:
    ix = await stub.autocomplete("sources", focused="source", value="lla", user=alice)
    response = await ix.wait_response()
    assert response["type"] == 8
    assert len(ix.choices) == 25
    assert all("lla" in choice["name"] for choice in ix.choices)

    picked = await stub.slash("sources", {"source": "mistral"}, user=alice)
    final = await picked.wait_final()
    assert final["content"] == "mistral"
    assert final["flags"] & MessageFlag.EPHEMERAL


async def test_defer_followup_and_edit_original(
    stub: DiscordStub, client: MiniClient, alice: User
) -> None:
    ix = await stub.slash("think", user=alice)
    assert (await ix.wait_response())["type"] == 5
    await stub.wait_for("PATCH", r"/webhooks/\d+/[^/]+/messages/@original")
    final = await ix.wait_final()
    assert final["content"] == "done thinking (edited)"
    assert [m["id"] for m in ix.followups] == [final["id"]]


async def test_gateway_drop_then_resume(stub: DiscordStub, client: MiniClient, alice: User) -> None:
    await stub.drop_gateway()
    sent = await stub.send_dm(alice, "are you still there?")  # queued until the RESUME
    await stub.wait_resumed()
    reply = await stub.wait_message(alice, after=sent)
    assert reply["content"] == "echo: are you still there?"
    assert stub.identify_count == 1 and stub.resume_count == 1


async def test_rate_limit_and_server_error_are_retried(
    stub: DiscordStub, client: MiniClient, alice: User
) -> None:
    path = r"/channels/\d+/messages"
    stub.rate_limit_next(1, retry_after=0.3, method="POST", path=path)
    first = await stub.send_dm(alice, "one")
    await stub.wait_message(alice, after=first)
    limited, retried = stub.find_requests("POST", path)
    assert (limited.status, limited.fault, retried.status) == (429, "429", 200)
    assert limited.response["retry_after"] == 0.3
    assert retried.received_at - limited.received_at >= 0.3

    since = stub.now()
    stub.fail_next(1, status=500, method="POST", path=path)
    second = await stub.send_dm(alice, "two")
    await stub.wait_message(alice, after=second)
    failed, retried = stub.find_requests("POST", path, since=since)
    assert (failed.status, retried.status) == (500, 200)
    assert client.errors == []


async def test_over_long_content_is_rejected(
    stub: DiscordStub, client: MiniClient, alice: User
) -> None:
    await stub.send_dm(alice, "long")
    refused = await stub.wait_for(
        "POST", r"/channels/\d+/messages", where=lambda r: r.status == 400
    )
    assert refused.response["code"] == 50035
    assert refused.response["errors"]["content"]["_errors"][0]["code"] == "BASE_TYPE_MAX_LENGTH"
    await eventually(lambda: client.errors)
    assert client.errors[0].status == 400 and client.errors[0].code == 50035
    assert stub.messages_in(alice) == []


async def test_late_interaction_response_is_rejected(
    stub: DiscordStub, client: MiniClient, alice: User
) -> None:
    ix = await stub.slash("slow", user=alice)
    callback = await stub.wait_for("POST", rf"/interactions/{ix.id}/.+/callback", timeout=10)
    assert callback.status == 404 and callback.response["code"] == 10062
    assert callback.received_at - (ix.dispatched_at or 0) > 3.0
    assert ix.response is None
    await eventually(lambda: client.errors)
    assert isinstance(client.errors[0], discord.NotFound)


async def test_channel_permissions_are_enforced(
    stub: DiscordStub, client: MiniClient, alice: User, guild: Guild
) -> None:
    read_only = guild.channel("read-only")
    await stub.send_channel_message(read_only, alice, f"{stub.bot_user.mention} hi")
    refused = await stub.wait_for("POST", rf"/channels/{read_only.id}/messages")
    assert refused.status == 403 and refused.response["code"] == 50013

    no_embeds = guild.channel("no-embeds")
    await stub.send_channel_message(no_embeds, alice, "embed")
    posted = await stub.wait_message(no_embeds)
    assert posted["content"] == "with embed" and posted["embeds"] == []


def test_message_limits() -> None:
    def problems(body: dict[str, object]) -> list[str]:
        errors = FormErrors()
        check_message(errors, body)
        return errors.messages

    assert problems({"content": "x" * 2000}) == []
    assert problems({"content": "x" * 2001}) == ["content: Must be 2000 or fewer in length."]
    assert problems({"embeds": [{"title": "t"}] * 11})
    assert problems({"embeds": [{"title": "t" * 257}]})
    assert problems({"embeds": [{"description": "d" * 4097}]})
    assert problems({"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]})
    assert problems({"embeds": [{"fields": [{"name": "n" * 257, "value": "v"}]}]})
    assert problems({"embeds": [{"fields": [{"name": "n", "value": "v" * 1025}]}]})
    assert problems({"embeds": [{"footer": {"text": "f" * 2049}}]})
    assert problems({"embeds": [{"author": {"name": "a" * 257}}]})
    assert problems({"embeds": [{"description": "d" * 4000}, {"description": "d" * 2001}]})
    button = {"type": 2, "style": 1, "label": "ok", "custom_id": "b"}
    assert problems({"components": [{"type": 1, "components": [button]}]}) == []
    assert problems(
        {"components": [{"type": 1, "components": [{**button, "custom_id": "c" * 101}]}]}
    )
    assert problems({"components": [{"type": 1, "components": [{**button, "label": "l" * 81}]}]})
    six = [{**button, "custom_id": f"b{i}"} for i in range(6)]
    assert problems({"components": [{"type": 1, "components": six}]})
    rows = [{"type": 1, "components": [{**button, "custom_id": f"r{i}"}]} for i in range(6)]
    assert problems({"components": rows})
