"""Verbatim on Discord: a thin skin over bot.service, one module per feature."""
