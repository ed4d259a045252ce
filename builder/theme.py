"""theme: in course.yml: a brand colour and a logo, checked so that the result stays readable.

    theme:
      color: "#1f4e79"        # links, buttons, the progress bar; needs 4.5:1 against white
      logo: assets/logo.svg   # shown beside the course title, relative to course.yml

The colour becomes a small stylesheet (theme.css) in each package; its dark-mode shade is derived
by lightening it until it reads on the dark background. Inline styles would break the pages'
Content-Security-Policy.
"""
from __future__ import annotations

import re
from pathlib import Path

from builder.diagnostics import Diagnostics
from builder.files import IMAGE_LIMIT, Refusal, check_file
from builder.metadata import Field, Metadata, TypeProblem, check_fields, text
from builder.model import Theme

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
LIGHT_BACKGROUND, DARK_BACKGROUND = "#ffffff", "#15191d"     # coursekit.css's page backgrounds
MINIMUM_CONTRAST = 4.5
THEME_FILE = "theme.css"


def colour(value):
    return value.lower() if isinstance(value, str) and HEX_COLOUR.match(value) else TypeProblem(
        "must be a colour written #rrggbb, e.g. \"#1f4e79\" (in quotes)")


THEME_FIELDS = (Field("color", colour), Field("logo", text))


def read_theme(course: Metadata, directory: Path, diagnostics: Diagnostics) -> Theme | None:
    section = course.children.get("theme")
    if section is None or not check_fields(section, THEME_FIELDS, "the theme", diagnostics):
        return None
    theme = Theme()
    if "color" in section.values:
        value = section.values["color"]
        ratio = contrast(value, LIGHT_BACKGROUND)
        if ratio < MINIMUM_CONTRAST:
            diagnostics.error(section.value_locations["color"], f"the theme colour {value} has a contrast of {ratio:.1f}:1 "
                              f"against white; links and buttons need {MINIMUM_CONTRAST}:1: choose a darker shade",
                              rule="theme-contrast")
            return None
        theme.color, theme.dark_color = value, lighten_until_readable(value, DARK_BACKGROUND)
    if "logo" in section.values:
        logo = check_file(directory / section.values["logo"], directory, IMAGE_LIMIT, name=section.values["logo"])
        if isinstance(logo, Refusal):
            diagnostics.error(section.value_locations["logo"], f"the theme logo '{section.values['logo']}' is not a file "
                              f"in the course folder{'' if logo.rule == 'file-missing' else f': {logo.message}'}", rule="theme-logo")
            return None
        theme.logo = logo
    return theme


def theme_stylesheet(theme: Theme) -> bytes:
    return (f":root{{--ck-brand:{theme.color}}}\n"
            f"@media (prefers-color-scheme: dark){{:root{{--ck-brand:{theme.dark_color}}}}}\n").encode()


def contrast(first: str, second: str) -> float:
    """The WCAG 2.1 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def lighten_until_readable(value: str, background: str) -> str:
    channels = [int(value[i:i + 2], 16) for i in (1, 3, 5)]
    for step in range(0, 101):
        mixed = "#" + "".join(f"{round(c + (255 - c) * step / 100):02x}" for c in channels)
        if contrast(mixed, background) >= MINIMUM_CONTRAST:
            return mixed
    return "#ffffff"


def _luminance(value: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(value[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
