"""The metadata loader on anything at all: never an unhandled exception; valid metadata round-trips."""
from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.diagnostics import Diagnostics
from builder.load import COURSE_FIELDS, MODULE_FIELDS
from builder.metadata import check_fields, parse_mapping

PATH = Path("course.yml")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_parsed_or_reported_never_raised(source):
    diagnostics = Diagnostics()
    metadata = parse_mapping(source, PATH, diagnostics)
    if metadata is not None:
        check_fields(metadata, COURSE_FIELDS, "course.yml", diagnostics)
    assert all(d.location.line >= 1 and d.location.col >= 1 for d in diagnostics)


yaml_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
                           max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([f.name for f in MODULE_FIELDS] + ["other", "titel"]), yaml_values, max_size=6))
def test_any_mapping_of_any_values_is_checked_without_an_exception(values):
    diagnostics = Diagnostics()
    metadata = parse_mapping(yaml.safe_dump(values, allow_unicode=True), PATH, diagnostics)
    assert metadata is not None
    clean = check_fields(metadata, MODULE_FIELDS, "module.yml", diagnostics)
    assert clean == (not diagnostics.has_errors)


identifiers = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
words = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=30).map(str.strip).filter(bool)


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({"id": identifiers, "title": words, "language": st.sampled_from(["en", "es", "fr", "ar", "zh", "ru", "pt-BR"]),
                              "version": st.from_regex(r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}", fullmatch=True)},
                             optional={"authors": st.lists(words, min_size=1, max_size=3), "mastery_score": st.integers(0, 100),
                                       "description": words, "license": words}))
def test_valid_course_metadata_reads_back_as_written(values):
    diagnostics = Diagnostics()
    metadata = parse_mapping(yaml.safe_dump(values, allow_unicode=True), PATH, diagnostics)
    assert check_fields(metadata, COURSE_FIELDS, "course.yml", diagnostics), [str(d) for d in diagnostics]
    assert metadata.values == values
