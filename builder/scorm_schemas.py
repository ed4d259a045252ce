"""Validate a SCORM imsmanifest.xml against the official SCORM XML schemas, with lxml.

The schemas are not shipped with coursekit: the user passes the folder that holds
`scorm12/`, `scorm2004-3rd/` and `scorm2004-4th/` (CLI option `--schemas DIR`).
A manifest mixes several namespaces (imscp, adlcp, LOM, imsss, adlseq, adlnav), so each
edition is compiled from a small in-memory wrapper schema that imports every namespace.

The official files trip libxml2 in three places; they are worked around in memory and
never changed on disk:
  * 2004 4th Edition imscp_v1p1.xsd imports xml.xsd from www.w3.org: the resolver maps
    that URL to the edition's local xml.xsd (and parsers refuse the network).
  * scorm12/ims_xml.xsd and scorm12/imsmd_rootv1p2p1.xsd: see `_PATCHES`.
  * 2004 4th Edition lomCustom.xsd is a template that needs a user vocabulary, so it is
    not used; the 2004 editions use lom.xsd, the composite ADL ships as "the" LOM schema
    (strict vocabularies and uniqueness, no extensions; in the 4th Edition it is the same
    composite as lomStrict.xsd, and the 3rd Edition ships nothing else).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from lxml import etree

from builder.scorm import VERSIONS

EDITIONS = tuple(VERSIONS)          # version names (builder.scorm)

_XSD = "http://www.w3.org/2001/XMLSchema"
_W3C_XML_XSD = "http://www.w3.org/2001/xml.xsd"
_IMSCP_12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
_IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"

_SCORM_2004_IMPORTS = (
    (_IMSCP_2004, "imscp_v1p1.xsd"),
    ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
    ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
    ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
    ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
    ("http://ltsc.ieee.org/xsd/LOM", "lom.xsd"),
)


@dataclass(frozen=True)
class _Edition:
    folder: str
    root_namespace: str  # namespace of <manifest>
    imports: tuple[tuple[str, str], ...]  # (namespace, schema file inside folder)


_EDITION_INFO = {
    "1.2": _Edition(VERSIONS["1.2"].schema_edition, _IMSCP_12, (
        (_IMSCP_12, "imscp_rootv1p1p2.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
        ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"),
    )),
    "2004-3rd": _Edition(VERSIONS["2004-3rd"].schema_edition, _IMSCP_2004, _SCORM_2004_IMPORTS),
    "2004-4th": _Edition(VERSIONS["2004-4th"].schema_edition, _IMSCP_2004, _SCORM_2004_IMPORTS),
}

# (folder, file) -> (bytes to find, replacement); each must occur exactly once.
# scorm2004-3rd/ims_xml.xsd has the same xmlns flaw, but nothing imports it
# (its imscp_v1p1.xsd imports xml.xsd), so it needs no patch.
_PATCHES = {
    # Namespaces in XML forbids binding the xml namespace as the default namespace:
    # libxml2 rejects the file on its own and logs an error when it is imported. Every
    # QName in the file is xsd:-prefixed, so dropping the declaration changes nothing else.
    ("scorm12", "ims_xml.xsd"): (b'xmlns="http://www.w3.org/XML/1998/namespace"', b""),
    # grp.any ends content models after optional imsmd elements; "##any" also matches
    # those elements, which breaks Unique Particle Attribution. "##other" keeps the
    # documented intent (extension elements from other namespaces).
    ("scorm12", "imsmd_rootv1p2p1.xsd"): (b'namespace="##any"', b'namespace="##other"'),
}


class SchemaError(Exception):
    """The official schemas cannot be found or compiled (e.g. a wrong --schemas DIR)."""


@dataclass(frozen=True)
class ManifestError:
    """One problem in a manifest; line and col count from 1 (0 when libxml2 does not know)."""

    line: int
    col: int
    message: str


class _LocalResolver(etree.Resolver):
    """Serves schema files prepared in memory and refuses remote URLs, so no load touches the network."""

    def __init__(self, documents: dict[Path, bytes], aliases: dict[str, Path]) -> None:
        super().__init__()
        self._documents = documents  # local path -> bytes to serve instead of the file
        self._aliases = aliases  # remote URL -> local path
        self.refused: list[str] = []

    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        path = self._aliases.get(url) or _local_path(url)
        if path is None:
            self.refused.append(url)
            return self.resolve_string(b"", context, base_url=url)
        if path in self._documents:
            return self.resolve_string(self._documents[path], context, base_url=path.as_uri())
        return None  # an unpatched local file: libxml2 reads it itself


def load_schema(schemas_dir: Path, edition: str) -> etree.XMLSchema:
    """The compiled schema for `edition` (one of EDITIONS), cached per folder and edition.

    The cached object keeps the error log of its last validation: use it from one thread.

    Raises SchemaError when a schema file is missing or does not compile, ValueError for an
    unknown edition.
    """
    if edition not in _EDITION_INFO:
        raise ValueError(f"unknown SCORM edition {edition!r}; expected one of {', '.join(EDITIONS)}")
    return _compile(Path(schemas_dir).resolve(), edition)


def validate_manifest(manifest: bytes, schemas_dir: Path, edition: str) -> list[ManifestError]:
    """Problems found in `manifest` (the bytes of an imsmanifest.xml); [] when it is valid.

    Malformed XML is reported as ManifestError too; only unusable schemas raise (SchemaError).
    """
    schema = load_schema(schemas_dir, edition)
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    try:
        root = etree.fromstring(manifest, parser)
    except etree.XMLSyntaxError as exc:
        # parser.error_log, not exc.error_log: the latter is lxml's global log and also
        # holds earlier, unrelated messages.
        return _errors(parser.error_log) or [ManifestError(exc.lineno or 0, exc.offset or 0, str(exc))]
    expected = f"{{{_EDITION_INFO[edition].root_namespace}}}manifest"
    if root.tag != expected:
        return [ManifestError(root.sourceline or 0, 0,
                              f"root element is {root.tag}; SCORM {edition} needs {expected}")]
    try:
        valid = schema.validate(root.getroottree())
    except etree.XMLSchemaValidateError:  # e.g. entity references, which stay unexpanded
        valid = False
    if valid:
        return []
    return _errors(schema.error_log) or [ManifestError(root.sourceline or 0, 0, "libxml2 could not validate it")]


@functools.lru_cache(maxsize=None)
def _compile(schemas_dir: Path, edition: str) -> etree.XMLSchema:
    info = _EDITION_INFO[edition]
    folder = schemas_dir / info.folder
    for _, name in info.imports:
        _require(folder / name)
    documents = {folder / name: _patched(folder / name, old, new)
                 for (patched_folder, name), (old, new) in _PATCHES.items() if patched_folder == info.folder}
    aliases: dict[str, Path] = {}
    if edition == "2004-4th":  # its imscp_v1p1.xsd imports xml.xsd by URL
        local_xml = folder / "xml.xsd"
        _require(local_xml)
        documents[local_xml] = local_xml.read_bytes()
        aliases[_W3C_XML_XSD] = local_xml
    resolver = _LocalResolver(documents, aliases)
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(resolver)
    wrapper = etree.fromstring(_wrapper_schema(folder, info.imports), parser)
    try:
        schema = etree.XMLSchema(wrapper)
    except etree.XMLSchemaParseError as exc:
        raise SchemaError(_compile_failure(edition, folder, resolver, exc.error_log)) from exc
    # libxml2 compiles some broken files anyway (e.g. an unpatched ims_xml.xsd) and only
    # logs an error; treat that as a failure so a changed schema set cannot slip through.
    if resolver.refused or any(e.level >= etree.ErrorLevels.ERROR for e in schema.error_log):
        raise SchemaError(_compile_failure(edition, folder, resolver, schema.error_log))
    return schema


def _wrapper_schema(folder: Path, imports: tuple[tuple[str, str], ...]) -> bytes:
    """A schema with no components of its own that imports each namespace's schema file."""
    root = etree.Element(f"{{{_XSD}}}schema", nsmap={"xs": _XSD})
    for namespace, name in imports:
        etree.SubElement(root, f"{{{_XSD}}}import", namespace=namespace, schemaLocation=(folder / name).as_uri())
    return etree.tostring(root)


def _patched(path: Path, old: bytes, new: bytes) -> bytes:
    _require(path)
    data = path.read_bytes()
    if data.count(old) != 1:  # another version of the file: the patch may no longer fit
        raise SchemaError(f"{path}: expected {old.decode()!r} exactly once; is this the official file?")
    return data.replace(old, new)


def _require(path: Path) -> None:
    if not path.is_file():
        raise SchemaError(f"SCORM schema file not found: {path} "
                          f"(the schemas folder must hold {', '.join(e.folder + '/' for e in _EDITION_INFO.values())})")


def _local_path(url: str) -> Path | None:
    """The file a schema URL names, or None for a remote URL."""
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return Path(url2pathname(parsed.path))
    return None if parsed.scheme in ("http", "https", "ftp") else Path(url)


def _compile_failure(edition: str, folder: Path, resolver: _LocalResolver, log: etree._ListErrorLog) -> str:
    prefix = f"SCORM {edition} schemas in {folder} do not compile"
    if resolver.refused:
        return f"{prefix}: they import {resolver.refused[0]}, and schemas are never fetched from the network"
    entries = [e for e in log if e.level >= etree.ErrorLevels.ERROR] or list(log)
    if not entries:
        return prefix
    e = entries[0]
    return f"{prefix}: {_local_path(e.filename) or e.filename}:{e.line}: {e.message}"


def _errors(log: etree._ListErrorLog) -> list[ManifestError]:
    return [ManifestError(e.line, e.column, e.message) for e in log if e.level >= etree.ErrorLevels.ERROR]
