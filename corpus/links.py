"""Link targets kept with imported text: absolute, and of a kind a reader can open."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

SCHEMES = ("http", "https", "mailto")


def resolve(href: str, base_url: str | None) -> str | None:
    """`href` made absolute against `base_url`; None for a target no reader can follow
    from a quote: a script, an empty one, or a relative one without a base."""
    href = href.strip()
    if not href:
        return None
    if urlsplit(href).scheme == "" and base_url:
        href = urljoin(base_url, href)
    return href if urlsplit(href).scheme.lower() in SCHEMES else None


def is_relative(href: str) -> bool:
    return bool(href.strip()) and urlsplit(href.strip()).scheme == ""
