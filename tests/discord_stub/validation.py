"""Discord's request limits, checked the way Discord checks them.

Each ``check_*`` function adds problems to a :class:`FormErrors`, which renders them as the
body Discord returns with HTTP 400 (``{"code": 50035, "message": "Invalid Form Body",
"errors": {...}}``, errors nested by JSON path with ``_errors`` lists at the leaves).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

JSON = dict[str, Any]

MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TITLE = 256
MAX_EMBED_DESCRIPTION = 4096
MAX_EMBED_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER_TEXT = 2048
MAX_AUTHOR_NAME = 256
MAX_EMBED_TOTAL = 6000
MAX_CUSTOM_ID = 100
MAX_ACTION_ROWS = 5
MAX_ROW_BUTTONS = 5
MAX_BUTTON_LABEL = 80
MAX_SELECT_OPTIONS = 25
MAX_SELECT_TEXT = 100
MAX_PLACEHOLDER = 150
MAX_V2_COMPONENTS = 40
MAX_V2_TEXT = 4000
MAX_CHOICES = 25
MAX_CHOICE_NAME = 100
MAX_CHOICE_VALUE = 100
MAX_MODAL_TITLE = 45

ACTION_ROW, BUTTON, STRING_SELECT, TEXT_INPUT = 1, 2, 3, 4
SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
TEXT_DISPLAY = 10
LINK_STYLE, PREMIUM_STYLE = 5, 6
IS_COMPONENTS_V2 = 1 << 15

Path = Sequence[str | int]


class FormErrors:
    """Collects validation problems keyed by JSON path, rendered like Discord's 400 bodies."""

    def __init__(self) -> None:
        self.tree: JSON = {}
        self.messages: list[str] = []

    def add(self, path: Path, code: str, message: str) -> None:
        """Record that the value at ``path`` is invalid."""
        node = self.tree
        for key in path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
        self.messages.append(f"{'.'.join(map(str, path)) or '<root>'}: {message}")

    def max_length(self, path: Path, value: Any, limit: int) -> None:
        """Complain if the string or list ``value`` is longer than ``limit``."""
        if isinstance(value, str | list) and len(value) > limit:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def length_between(self, path: Path, value: Any, low: int, high: int) -> None:
        """Complain unless ``low <= len(value) <= high`` (a missing value counts as empty)."""
        size = len(value) if isinstance(value, str | list) else 0
        if not low <= size <= high:
            self.add(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")

    def __bool__(self) -> bool:
        return bool(self.messages)

    def body(self) -> JSON:
        """The Discord error body for these problems."""
        return {"code": 50035, "message": "Invalid Form Body", "errors": self.tree}


def check_message(errors: FormErrors, body: JSON, path: Path = ()) -> None:
    """Check a message create/edit body (content, embeds, components) against Discord's limits."""
    content = body.get("content")
    if content is not None:
        errors.max_length([*path, "content"], str(content), MAX_CONTENT)
    embeds = body.get("embeds")
    if embeds:
        check_embeds(errors, embeds, [*path, "embeds"])
    components = body.get("components")
    flags = int(body.get("flags") or 0)
    if flags & IS_COMPONENTS_V2:
        if content or embeds:
            errors.add(
                [*path, "content" if content else "embeds"],
                "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                "The 'content' and 'embeds' fields cannot be used when using components v2",
            )
        if components:
            check_components_v2(errors, components, [*path, "components"])
    elif components:
        check_action_rows(errors, components, [*path, "components"])


def check_embeds(errors: FormErrors, embeds: list[JSON], path: Path) -> None:
    """Check the embed list: count, every field's length, and the 6000-character total."""
    errors.max_length(path, embeds, MAX_EMBEDS)
    total = 0
    for index, embed in enumerate(embeds):
        total += check_embed(errors, embed, [*path, index])
    if total > MAX_EMBED_TOTAL:
        errors.add(
            path, "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {MAX_EMBED_TOTAL}"
        )


def check_embed(errors: FormErrors, embed: JSON, path: Path) -> int:
    """Check one embed and return how many characters of text it holds."""
    title = embed.get("title") or ""
    description = embed.get("description") or ""
    errors.max_length([*path, "title"], title, MAX_EMBED_TITLE)
    errors.max_length([*path, "description"], description, MAX_EMBED_DESCRIPTION)
    size = len(title) + len(description)
    fields = embed.get("fields") or []
    errors.max_length([*path, "fields"], fields, MAX_EMBED_FIELDS)
    for index, item in enumerate(fields):
        name, value = item.get("name"), item.get("value")
        for key, text, limit in (("name", name, MAX_FIELD_NAME), ("value", value, MAX_FIELD_VALUE)):
            if not text:
                errors.add(
                    [*path, "fields", index, key], "BASE_TYPE_REQUIRED", "This field is required"
                )
            else:
                errors.max_length([*path, "fields", index, key], str(text), limit)
                size += len(str(text))
    footer = (embed.get("footer") or {}).get("text") or ""
    errors.max_length([*path, "footer", "text"], footer, MAX_FOOTER_TEXT)
    author = (embed.get("author") or {}).get("name") or ""
    errors.max_length([*path, "author", "name"], author, MAX_AUTHOR_NAME)
    return size + len(footer) + len(author)


def check_action_rows(errors: FormErrors, rows: list[JSON], path: Path) -> None:
    """Check legacy (action-row) components: ≤5 rows, ≤5 buttons a row, ids and labels."""
    if not 1 <= len(rows) <= MAX_ACTION_ROWS:
        errors.length_between(path, rows, 1, MAX_ACTION_ROWS)
    seen: set[str] = set()
    for index, row in enumerate(rows):
        row_path = [*path, index]
        if row.get("type") != ACTION_ROW:
            errors.add(
                [*row_path, "type"], "UNION_TYPE_CHOICES", 'Value of field "type" must be 1.'
            )
            continue
        children = row.get("components") or []
        errors.length_between([*row_path, "components"], children, 1, MAX_ROW_BUTTONS)
        if any(c.get("type") in SELECT_TYPES for c in children) and len(children) > 1:
            errors.add(
                [*row_path, "components"],
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            )
        for child_index, child in enumerate(children):
            check_component(errors, child, [*row_path, "components", child_index], seen)


def check_components_v2(errors: FormErrors, components: list[JSON], path: Path) -> None:
    """Check a components-v2 tree: total count, text size, ids and labels (layout not checked)."""
    seen: set[str] = set()
    count = 0
    text = 0

    def walk(items: list[JSON], item_path: Path) -> None:
        nonlocal count, text
        for index, item in enumerate(items):
            count += 1
            here = [*item_path, index]
            if item.get("type") == TEXT_DISPLAY:
                text += len(item.get("content") or "")
            check_component(errors, item, here, seen)
            if isinstance(item.get("components"), list):
                walk(item["components"], [*here, "components"])
            for key in ("accessory", "component"):
                if isinstance(item.get(key), dict):
                    walk([item[key]], [*here, key])

    walk(components, path)
    if count > MAX_V2_COMPONENTS:
        errors.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {MAX_V2_COMPONENTS} or fewer in length.")
    if text > MAX_V2_TEXT:
        errors.add(
            path, "MAX_COMPONENT_TEXT_EXCEEDED", f"Text content exceeds maximum of {MAX_V2_TEXT}"
        )


def check_component(errors: FormErrors, component: JSON, path: Path, seen: set[str]) -> None:
    """Check one interactive component: custom_id (≤100, unique), labels and select options."""
    kind = component.get("type")
    custom_id = component.get("custom_id")
    needs_id = (
        kind in SELECT_TYPES
        or kind == TEXT_INPUT
        or (kind == BUTTON and component.get("style") not in (LINK_STYLE, PREMIUM_STYLE))
    )
    if needs_id and not custom_id:
        errors.add([*path, "custom_id"], "BASE_TYPE_REQUIRED", "This field is required")
    if custom_id is not None:
        errors.max_length([*path, "custom_id"], str(custom_id), MAX_CUSTOM_ID)
        if custom_id in seen:
            errors.add(
                [*path, "custom_id"],
                "COMPONENT_CUSTOM_ID_DUPLICATED",
                "Component custom id cannot be duplicated",
            )
        seen.add(str(custom_id))
    if kind == BUTTON:
        errors.max_length([*path, "label"], component.get("label") or "", MAX_BUTTON_LABEL)
        if component.get("style") == LINK_STYLE and not component.get("url"):
            errors.add([*path, "url"], "BASE_TYPE_REQUIRED", "This field is required")
    if kind in SELECT_TYPES:
        errors.max_length(
            [*path, "placeholder"], component.get("placeholder") or "", MAX_PLACEHOLDER
        )
    if kind == STRING_SELECT:
        options = component.get("options") or []
        errors.length_between([*path, "options"], options, 1, MAX_SELECT_OPTIONS)
        for index, option in enumerate(options):
            for key in ("label", "value", "description"):
                if option.get(key) is not None:
                    errors.max_length(
                        [*path, "options", index, key], str(option[key]), MAX_SELECT_TEXT
                    )


def check_autocomplete_choices(errors: FormErrors, data: JSON, path: Path) -> None:
    """Check an autocomplete result: ≤25 choices, names 1–100 characters, values ≤100."""
    choices = data.get("choices")
    if not isinstance(choices, list):
        errors.add([*path, "choices"], "BASE_TYPE_REQUIRED", "This field is required")
        return
    errors.max_length([*path, "choices"], choices, MAX_CHOICES)
    for index, choice in enumerate(choices):
        errors.length_between(
            [*path, "choices", index, "name"], choice.get("name"), 1, MAX_CHOICE_NAME
        )
        value = choice.get("value")
        if isinstance(value, str):
            errors.max_length([*path, "choices", index, "value"], value, MAX_CHOICE_VALUE)


def check_modal(errors: FormErrors, data: JSON, path: Path) -> None:
    """Check a modal: title 1–45, custom_id 1–100, 1–5 top-level components."""
    errors.length_between([*path, "title"], data.get("title"), 1, MAX_MODAL_TITLE)
    errors.length_between([*path, "custom_id"], data.get("custom_id"), 1, MAX_CUSTOM_ID)
    errors.length_between([*path, "components"], data.get("components"), 1, 5)


COMMAND_NAME = re.compile(r"[-_'\w]{1,32}")


def check_commands(errors: FormErrors, commands: list[JSON]) -> None:
    """Check a bulk-overwrite of application commands (names, descriptions, option order)."""
    names: set[tuple[int, str]] = set()
    for index, command in enumerate(commands):
        kind = int(command.get("type") or 1)
        name = command.get("name") or ""
        key = (kind, name)
        if key in names:
            errors.add(
                [index, "name"],
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                f"Application command names must be unique: {name}",
            )
        names.add(key)
        if kind == 1:
            _check_chat_input(errors, command, [index])
        else:
            errors.length_between([index, "name"], name, 1, 32)


def _check_chat_input(errors: FormErrors, item: JSON, path: Path) -> None:
    name = item.get("name") or ""
    if not COMMAND_NAME.fullmatch(name) or name != name.lower():
        errors.add(
            [*path, "name"],
            "APPLICATION_COMMAND_INVALID_NAME",
            f"Command name is invalid: {name!r}",
        )
    errors.length_between([*path, "description"], item.get("description"), 1, 100)
    options = item.get("options") or []
    errors.max_length([*path, "options"], options, 25)
    seen_optional = False
    for index, option in enumerate(options):
        option_path = [*path, "options", index]
        if option.get("type") in (1, 2):
            _check_chat_input(errors, option, option_path)
            continue
        _check_chat_input(errors, {**option, "options": []}, option_path)
        if option.get("required"):
            if seen_optional:
                errors.add(
                    option_path,
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
        else:
            seen_optional = True
        choices = option.get("choices") or []
        errors.max_length([*option_path, "choices"], choices, MAX_CHOICES)
        if choices and option.get("autocomplete"):
            errors.add(
                [*option_path, "autocomplete"],
                "APPLICATION_COMMAND_OPTION_CHOICES_AND_AUTOCOMPLETE",
                "Autocomplete cannot be set if choices are present",
            )
