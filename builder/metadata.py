"""YAML metadata with source locations, checked against a typed schema.

PyYAML's composer keeps the line of every node, so each error points at the key or value to fix.
All errors of a file are collected (unknown keys, wrong types, missing required keys), never just
the first, the way MkDocs checks its config.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import yaml

from builder.diagnostics import Diagnostics, Location
from builder.scorm import VERSIONS

IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")   # BCP 47, the common shapes
VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+-]*$")


@dataclass
class Metadata:
    """Checked values of one YAML mapping, with where each key and list item was written."""

    values: dict[str, Any]
    location: Location                                    # the mapping itself
    key_locations: dict[str, Location] = field(default_factory=dict)
    value_locations: dict[str, Location] = field(default_factory=dict)
    item_locations: dict[str, list[Location]] = field(default_factory=dict)
    children: dict[str, "Metadata"] = field(default_factory=dict)    # nested mappings, with their locations

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def where(self, key: str) -> Location:
        return self.key_locations.get(key, self.location)


class TypeProblem(str):
    """What a field converter returns instead of a value: the message, and which list entry is wrong."""

    item: int | None = None

    @classmethod
    def in_item(cls, item: int, message: str) -> "TypeProblem":
        problem = cls(f"entry {item + 1} {message}")
        problem.item = item
        return problem


Converter = Callable[[Any], Any]


def text(value: Any) -> Any:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, bool) or value is None:
        return TypeProblem("must be text (put it in quotes if it is yes, no, true, false or empty)")
    if isinstance(value, (int, float)):
        return str(value)
    return TypeProblem(f"must be text, not {_kind(value)}")


def text_list(value: Any) -> Any:
    if isinstance(value, str) and value.strip():
        return [value.strip()]            # a single entry written without a dash is fine
    if not isinstance(value, list):
        return TypeProblem(f"must be a list of text entries (one per line, each starting with '- '), not {_kind(value)}")
    items = [text(item) for item in value]
    wrong = next((index for index, item in enumerate(items) if isinstance(item, TypeProblem)), None)
    return items if wrong is None else TypeProblem.in_item(wrong, items[wrong])


def boolean(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    return TypeProblem("must be true or false")


def whole_number(low: int, high: int) -> Converter:
    def convert(value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        return TypeProblem(f"must be a whole number from {low} to {high}")
    return convert


def one_of(*choices: str) -> Converter:
    def convert(value: Any) -> Any:
        if value in choices:
            return value
        return TypeProblem(f"must be one of: {', '.join(choices)}")
    return convert


def scorm_version(value: Any) -> Any:
    text = f"{value:g}" if isinstance(value, float) else str(value)   # `scorm: 1.2` reads as a number
    if text in VERSIONS:
        return VERSIONS[text]
    return TypeProblem(f"must be {', '.join(list(VERSIONS)[:-1])} or {list(VERSIONS)[-1]}")


def mapping(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    return TypeProblem(f"must be a set of 'key: value' lines indented under it, not {_kind(value)}")


def minutes(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 10_000:
        return value
    return TypeProblem("must be a whole number of minutes, e.g. 45")


def score(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100 and float(value).is_integer():
        return int(value)
    return TypeProblem("must be a whole number from 0 to 100")


def identifier(value: Any) -> Any:
    if isinstance(value, str) and IDENTIFIER.match(value):
        return value
    return TypeProblem("must be lower-case letters, digits and single hyphens, starting with a letter, e.g. industrial-parks")


def language(value: Any) -> Any:
    if isinstance(value, str) and LANGUAGE_TAG.match(value):
        return value
    return TypeProblem("must be a BCP 47 language tag such as en, es, fr, ar, zh, ru or pt-BR")


def version(value: Any) -> Any:
    if isinstance(value, float):
        return TypeProblem(f"must be text such as \"1.0.0\"; {value!r} was read as a number, so put it in quotes")
    if isinstance(value, (str, int)) and not isinstance(value, bool) and VERSION.match(str(value)):
        return str(value)
    return TypeProblem("must be letters, digits, dots and hyphens, e.g. 1.0.0")


@dataclass(frozen=True)
class Field:
    name: str
    convert: Converter
    required: bool = False


def parse_mapping(source: str, path: Path, diagnostics: Diagnostics, *, first_line: int = 1) -> Metadata | None:
    """Parse YAML text that must be a mapping; None (with an error reported) when it cannot be read."""
    start = Location(path, first_line, 1)
    try:
        node = _compose(source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(path, mark.line + first_line, mark.column + 1) if mark else start
        diagnostics.error(where, f"YAML syntax error: {error.problem or error.context}", rule="yaml-syntax")
        return None
    except yaml.reader.ReaderError as error:     # a character YAML does not allow (control characters)
        line = source.count("\n", 0, error.position)
        col = error.position - (source.rfind("\n", 0, error.position) + 1) + 1
        diagnostics.error(Location(path, line + first_line, col), f"the character U+{error.character:04X} is not allowed "
                          "in YAML: delete it (it is invisible in most editors)", rule="yaml-syntax")
        return None
    if node is None:
        return Metadata({}, start)
    if not isinstance(node, yaml.MappingNode):
        diagnostics.error(_at(path, node, first_line), "expected 'key: value' lines", rule="yaml-syntax")
        return None
    return _collect(node, path, diagnostics, first_line)


def _compose(source: str) -> yaml.Node | None:
    """libyaml's parser when it is there (ten times faster); for a text it refuses, the Python
    parser, whose messages (and marks) are the ones authors are shown."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(source, Loader=fast)
        except Exception:  # noqa: BLE001 - any refusal: the Python parser says why, in its own words
            pass
    return yaml.compose(source, Loader=yaml.SafeLoader)


def _collect(node: yaml.MappingNode, path: Path, diagnostics: Diagnostics, first_line: int) -> Metadata | None:
    constructor = yaml.SafeLoader("")
    metadata = Metadata({}, _at(path, node, first_line))
    for key_node, value_node in node.value:
        key, where = str(key_node.value), _at(path, key_node, first_line)
        if key in metadata.values:
            diagnostics.error(where, f"'{key}' is given twice", rule="metadata-duplicate-key")
            continue
        try:
            metadata.values[key] = constructor.construct_object(value_node, deep=True)
        except yaml.YAMLError as error:
            diagnostics.error(_at(path, value_node, first_line), f"'{key}': {error}", rule="yaml-syntax")
            continue
        metadata.key_locations[key] = where
        metadata.value_locations[key] = _at(path, value_node, first_line)
        if isinstance(value_node, yaml.SequenceNode):
            metadata.item_locations[key] = [_at(path, item, first_line) for item in value_node.value]
        elif isinstance(value_node, yaml.MappingNode):
            child = _collect(value_node, path, diagnostics, first_line)
            if child is not None:
                metadata.children[key] = child
    return metadata


def check_fields(metadata: Metadata, fields: Sequence[Field], what: str, diagnostics: Diagnostics) -> bool:
    """Convert every known field in place and report unknown, missing and ill-typed ones. True if clean."""
    known = {f.name: f for f in fields}
    clean = True
    for key in metadata.values:
        if key not in known:
            suggestion = _closest(key, known)
            hint = f"; did you mean '{suggestion}'?" if suggestion else f"; known keys: {', '.join(known)}"
            diagnostics.error(metadata.where(key), f"unknown key '{key}' in {what}{hint}", rule="metadata-unknown-key")
            clean = False
    for spec in fields:
        if spec.name not in metadata.values:
            if spec.required:
                diagnostics.error(metadata.location, f"{what} is missing the required key '{spec.name}'", rule="metadata-missing-key")
                clean = False
            continue
        converted = spec.convert(metadata.values[spec.name])
        if isinstance(converted, TypeProblem):
            items = metadata.item_locations.get(spec.name, [])
            where = items[converted.item] if converted.item is not None and converted.item < len(items) \
                else metadata.value_locations.get(spec.name, metadata.where(spec.name))
            diagnostics.error(where, f"'{spec.name}' {converted}", rule="metadata-type")
            clean = False
        else:
            metadata.values[spec.name] = converted
    for key in [k for k in metadata.values if k not in known]:
        del metadata.values[key]
    return clean


def _closest(key: str, known: dict[str, Field]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key, list(known), n=1, cutoff=0.75)
    return matches[0] if matches else None


def _at(path: Path, node: yaml.Node, first_line: int) -> Location:
    return Location(path, node.start_mark.line + first_line, node.start_mark.column + 1)


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "yes/no", int: "a number", float: "a number"}.get(type(value), type(value).__name__)
