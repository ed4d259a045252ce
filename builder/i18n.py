"""The message catalogue: every UI string a learner sees, in the course's language.

Catalogues are `templates/i18n/<language>.yml`. A regional tag falls back to its language
(`es-419` → `es`), and any string a catalogue lacks falls back to English.
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from builder.paths import templates_dir

FALLBACK = "en"


def available_languages() -> list[str]:
    return sorted(p.stem for p in (templates_dir() / "i18n").glob("*.yml"))


def language_with_catalogue(tag: str) -> str | None:
    """The catalogue that serves a BCP 47 tag, or None when there is none for its language."""
    languages = available_languages()
    for candidate in (tag, tag.split("-")[0].lower()):
        if candidate in languages:
            return candidate
    return None


@lru_cache(maxsize=None)
def messages_for(tag: str) -> dict[str, str]:
    messages = _read(FALLBACK)
    language = language_with_catalogue(tag)
    if language and language != FALLBACK:
        messages = {**messages, **_read(language)}
    return messages


def _read(language: str) -> dict[str, str]:
    with open(templates_dir() / "i18n" / f"{language}.yml", encoding="utf-8") as handle:
        # Our own catalogues, always valid YAML: libyaml's parser when it is there, ten times faster.
        return {str(k): str(v) for k, v in yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)).items()}
