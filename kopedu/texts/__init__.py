"""Text catalogues (YAML, one per audience-facing component), Bahasa Indonesia first."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from kopedu.errors import KopeduError

__all__ = ["catalog", "text"]


@cache
def catalog(name: str) -> dict[str, dict[str, str]]:
    """Load ``kopedu/texts/<name>.yaml`` as ``{language: {key: template}}``."""
    raw = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    missing = set(data["id"]) - set(data.get("en", {}))
    if missing:  # pragma: no cover - guarded by tests/test_texts.py
        raise KopeduError(f"Katalog {name}: kunci tanpa terjemahan Inggris: {sorted(missing)}")
    return data


def text(name: str, key: str, language: str = "id", /, **values: object) -> str:
    """One text from a catalogue, formatted.

    Examples
    --------
    >>> text("report", "params_year", "en")
    'Year'
    """
    return catalog(name)[language][key].format(**values)
