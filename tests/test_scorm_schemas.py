"""builder.scorm_schemas: manifests checked against the official SCORM schemas, offline."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from lxml import etree

from builder import scorm_schemas
from builder.scorm_schemas import EDITIONS, ManifestError, SchemaError, load_schema, validate_manifest

MANIFESTS = Path(__file__).resolve().parent / "fixtures" / "manifests"
SCHEMA_VERSIONS = {"1.2": "1.2", "2004-3rd": "2004 3rd Edition", "2004-4th": "2004 4th Edition"}


def reference_manifest(edition: str) -> str:
    return (MANIFESTS / f"imsmanifest-{edition}.xml").read_text(encoding="utf-8")


def copy_tree(source: Path, target: Path) -> None:
    """Copy contents only: the shared files and folders are read-only, the copy must not be."""
    for path in source.rglob("*"):
        if path.is_file():
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            (target / path.relative_to(source)).write_bytes(path.read_bytes())


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.fixture
def fresh_cache():
    """Compile from scratch (the cache would hide what loading does); cache nothing built under a monkeypatch."""
    scorm_schemas._compile.cache_clear()
    yield
    scorm_schemas._compile.cache_clear()


@pytest.mark.parametrize("edition", EDITIONS)
def test_reference_manifest_is_valid(schemas_dir: Path, edition: str) -> None:
    assert validate_manifest(reference_manifest(edition).encode(), schemas_dir, edition) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_reference_manifest_names_its_edition(edition: str) -> None:
    # The 2004 schemas accept any schemaversion string, so check it here.
    root = etree.fromstring(reference_manifest(edition).encode())
    version = root.find("{*}metadata/{*}schemaversion")
    assert version is not None and version.text == SCHEMA_VERSIONS[edition]


# (edition, [(old, new), ...], words the message must contain, text on the line it must point at)
INVALID = {
    "1.2 misspelled adlcp element": (
        "1.2", [("<adlcp:masteryscore>80</adlcp:masteryscore>", "<adlcp:masteryScore>80</adlcp:masteryScore>")],
        ["masteryScore", "No matching global element declaration"], "<adlcp:masteryScore>"),
    "1.2 bad scormtype": (
        "1.2", [('adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"')],
        ["scormtype", "'SCO'", "not an element of the set"], 'adlcp:scormtype="SCO"'),
    "1.2 resource without type": (
        "1.2", [(' type="webcontent"', "")], ["resource", "'type' is required but missing"], "<resource "),
    "1.2 adlcp element before title": (
        "1.2", [("<title>Workplace Safety Basics</title>\n        <adlcp:masteryscore>80</adlcp:masteryscore>",
                 "<adlcp:masteryscore>80</adlcp:masteryscore>\n        <title>Workplace Safety Basics</title>")],
        ["title", "not expected"], "<title>Workplace Safety Basics</title>\n      </item>"),
    "1.2 misspelled IMS metadata element": (
        "1.2", [("<language>en</language>", "<langauge>en</langauge>")],
        ["langauge", "not expected"], "<langauge>"),
    "1.2 bad xml:lang": (
        "1.2", [('xml:lang="en">safety', 'xml:lang="en GB">safety')],
        ["lang", "'en GB'", "xs:language"], 'xml:lang="en GB"'),
    "2004-3rd organization without identifier": (
        "2004-3rd", [('<organization identifier="ORG-workplace-safety" ', "<organization ")],
        ["organization", "'identifier' is required but missing"], "<organization "),
    "2004-3rd bad scormType": (
        "2004-3rd", [('adlcp:scormType="sco"', 'adlcp:scormType="SCO"')],
        ["scormType", "'SCO'", "not an element of the set"], 'adlcp:scormType="SCO"'),
    "2004-3rd misspelled adlcp element in item": (
        "2004-3rd", [("        <imsss:sequencing>\n          <imsss:objectives>",
                      "        <adlcp:timelimitaction>exit,message</adlcp:timelimitaction>\n"
                      "        <imsss:sequencing>\n          <imsss:objectives>")],
        ["timelimitaction", "No matching global element declaration"], "<adlcp:timelimitaction>"),
    "2004-3rd measure out of range": (
        "2004-3rd", [("<imsss:minNormalizedMeasure>0.8<", "<imsss:minNormalizedMeasure>80<")],
        ["minNormalizedMeasure", "'80'", "maximum value"], "<imsss:minNormalizedMeasure>"),
    "2004-3rd two LOM titles": (
        "2004-3rd", [("<language>en</language>", '<title><string language="en">Again</string></title>')],
        ["title", "Duplicate key-sequence"], '<title><string language="en">Again'),
    "2004-4th misspelled imscp element": (
        "2004-4th", [("<organization identifier", "<organisation identifier"),
                     ("</organization>", "</organisation>")],
        ["organisation", "not expected"], "<organisation "),
    "2004-4th resource without type": (
        "2004-4th", [(' type="webcontent"', "")], ["resource", "'type' is required but missing"], "<resource "),
    "2004-4th bad scormType": (
        "2004-4th", [('adlcp:scormType="sco"', 'adlcp:scormType="SCO"')],
        ["scormType", "'SCO'", "not an element of the set"], 'adlcp:scormType="SCO"'),
    "2004-4th misspelled LOM element": (
        "2004-4th", [("<language>en</language>", "<langauge>en</langauge>")],
        ["langauge", "not expected"], "<langauge>"),
    "2004-4th sequencing elements out of order": (
        "2004-4th", [("          <imsss:objectives>",
                      "          <imsss:deliveryControls/>\n          <imsss:objectives>")],
        ["objectives", "not expected"], "<imsss:objectives>"),
    # libxml2 words a duplicate ID as "not a valid value of the atomic type 'xs:ID'".
    "2004-4th duplicate identifier": (
        "2004-4th", [('<item identifier="ITEM-workplace-safety"', '<item identifier="RES-workplace-safety"')],
        ["RES-workplace-safety", "xs:ID"], '<resource '),
}


@pytest.mark.parametrize("case", INVALID.values(), ids=INVALID.keys())
def test_invalid_manifest_is_reported(schemas_dir: Path, case: tuple) -> None:
    edition, replacements, words, located_at = case
    text = reference_manifest(edition)
    for old, new in replacements:
        assert text.count(old) == 1, f"fixture changed: {old!r} not found once"
        text = text.replace(old, new)
    errors = validate_manifest(text.encode(), schemas_dir, edition)
    assert len(errors) == 1, errors
    assert all(word in errors[0].message for word in words), errors[0].message
    assert errors[0].line == line_of(text, located_at)


def test_malformed_manifest_is_reported_not_raised(schemas_dir: Path) -> None:
    text = reference_manifest("2004-4th").replace("</resources>", "</resource>")
    errors = validate_manifest(text.encode(), schemas_dir, "2004-4th")
    assert errors and errors[0].line == line_of(text, "</resource>\n</manifest>") and errors[0].col > 0
    assert "mismatch" in errors[0].message
    assert validate_manifest(b"", schemas_dir, "1.2") == [ManifestError(1, 1, "Document is empty")]


def test_manifest_of_another_edition_is_named(schemas_dir: Path) -> None:
    errors = validate_manifest(reference_manifest("1.2").encode(), schemas_dir, "2004-4th")
    assert len(errors) == 1
    assert "imscp_rootv1p1p2}manifest" in errors[0].message and "imscp_v1p1}manifest" in errors[0].message


def test_entities_are_reported_not_expanded(schemas_dir: Path) -> None:
    text = reference_manifest("1.2").replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE manifest [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    text = text.replace("<title>Workplace Safety Basics</title>\n      <item", "<title>&x;</title>\n      <item")
    errors = validate_manifest(text.encode(), schemas_dir, "1.2")
    assert len(errors) == 1 and "entity reference" in errors[0].message
    assert errors[0].line == line_of(text, "<title>&x;")


def test_schema_is_cached_per_folder_and_edition(schemas_dir: Path) -> None:
    assert load_schema(schemas_dir, "1.2") is load_schema(schemas_dir / "scorm12" / "..", "1.2")
    assert load_schema(schemas_dir, "1.2") is not load_schema(schemas_dir, "2004-3rd")


def test_nonexistent_schemas_dir_raises(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="not found: .*nowhere.*imscp_rootv1p1p2.xsd"):
        load_schema(tmp_path / "nowhere", "1.2")
    with pytest.raises(SchemaError):
        validate_manifest(reference_manifest("1.2").encode(), tmp_path / "nowhere", "1.2")


def test_schemas_dir_with_spaces_and_accents(schemas_dir: Path, tmp_path: Path) -> None:
    # Schema URLs come back percent-encoded; the in-memory patches must still be found.
    copy = tmp_path / "SCORM schémas"
    copy_tree(schemas_dir, copy)
    for edition in EDITIONS:
        assert validate_manifest(reference_manifest(edition).encode(), copy, edition) == []


def test_missing_included_schema_file_is_named(schemas_dir: Path, tmp_path: Path) -> None:
    copy_tree(schemas_dir / "scorm2004-4th", tmp_path / "scorm2004-4th")
    (tmp_path / "scorm2004-4th" / "common" / "dataTypes.xsd").unlink()
    with pytest.raises(SchemaError, match="dataTypes.xsd"):
        load_schema(tmp_path, "2004-4th")


def test_unknown_edition_is_a_value_error(schemas_dir: Path) -> None:
    with pytest.raises(ValueError, match="2004-4th"):
        load_schema(schemas_dir, "2004")


def test_w3c_xml_xsd_is_served_locally(schemas_dir: Path, fresh_cache, monkeypatch) -> None:
    requested: list[str] = []
    resolve = scorm_schemas._LocalResolver.resolve

    def recording_resolve(self, url, pubid, context):
        requested.append(url)
        return resolve(self, url, pubid, context)

    monkeypatch.setattr(scorm_schemas._LocalResolver, "resolve", recording_resolve)
    for edition in EDITIONS:
        load_schema(schemas_dir, edition)
    assert "http://www.w3.org/2001/xml.xsd" in requested
    assert all(url.startswith("file:") for url in requested if url != "http://www.w3.org/2001/xml.xsd")
    # xml:base is declared by that xml.xsd, so this only validates if it was loaded.
    text = reference_manifest("2004-4th").replace("<resources>", '<resources xml:base="content/">')
    assert validate_manifest(text.encode(), schemas_dir, "2004-4th") == []


def test_remote_schemas_are_refused(schemas_dir: Path, fresh_cache, monkeypatch) -> None:
    monkeypatch.setattr(scorm_schemas, "_W3C_XML_XSD", "http://example.invalid/not-this.xsd")
    with pytest.raises(SchemaError, match="http://www.w3.org/2001/xml.xsd.*never fetched from the network"):
        load_schema(schemas_dir, "2004-4th")


@pytest.mark.parametrize("patched_file, complaint", [
    ("ims_xml.xsd", "xml namespace URI cannot be the default namespace"),
    ("imsmd_rootv1p2p1.xsd", "not determinist"),
])
def test_scorm12_needs_both_patches(schemas_dir: Path, fresh_cache, monkeypatch, patched_file, complaint) -> None:
    others = {key: patch for key, patch in scorm_schemas._PATCHES.items() if key[1] != patched_file}
    monkeypatch.setattr(scorm_schemas, "_PATCHES", others)
    with pytest.raises(SchemaError, match=complaint):
        load_schema(schemas_dir, "1.2")


def test_shared_schema_files_are_not_changed(schemas_dir: Path, fresh_cache) -> None:
    def digests() -> dict[str, str]:
        return {str(p.relative_to(schemas_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(schemas_dir.rglob("*")) if p.is_file()}

    before = digests()
    for edition in EDITIONS:
        assert validate_manifest(reference_manifest(edition).encode(), schemas_dir, edition) == []
    assert digests() == before
