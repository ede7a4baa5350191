"""Prompt templates, shipped as package data and rendered strictly (a missing variable is an error)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from string import Template


@lru_cache(maxsize=None)
def _template(name: str) -> Template:
    return Template(files(__package__).joinpath(f"{name}.md").read_text(encoding="utf-8"))


def render(name: str, **values: object) -> str:
    """Render ``prompts/<name>.md``; raises KeyError when a placeholder has no value."""
    return _template(name).substitute(**{k: str(v) for k, v in values.items()}).strip()
