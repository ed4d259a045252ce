"""A strict HTTP request reader for the LMS and the preview: every bad request gets a 4xx and a short
message, never a traceback, and no client can hold a thread for long.

- `Host` must name this server: 127.0.0.1, localhost, [::1] or the name given with --host (with the
  port or without), which keeps pages of other sites out even through DNS rebinding;
- a body needs Content-Type application/json and a numeric Content-Length up to MAX_BODY;
- the JSON must be UTF-8 text without lone surrogates, nested at most MAX_DEPTH deep;
- each connection has REQUEST_SECONDS to send its request (a half-sent one is dropped).
"""
from __future__ import annotations

import ipaddress
import json
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 20
MAX_DEPTH = 32
REQUEST_SECONDS = 10.0
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
SAFE_PATH = re.compile(r"[^\x20-\x7e]")


class BadRequest(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class StrictServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address, handler, extra_host: str | None = None) -> None:
        super().__init__(address, handler)
        names = {*LOOPBACK_NAMES}
        if extra_host:
            names.add(extra_host.lower())
            if ":" in extra_host and not extra_host.startswith("["):
                names.add(f"[{extra_host.lower()}]")
        self.allowed_hosts = frozenset(names)

    def handle_error(self, request, client_address) -> None:   # a client's fault is not the terminal's business
        pass


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(handler: BaseHTTPRequestHandler) -> None:
    header = handler.headers.get("Host")
    if not header:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "a Host header is required")
    host = header.strip().lower()
    port = str(handler.server.server_address[1])
    if host.endswith(f":{port}"):
        host = host[: -len(port) - 1]
    if host not in handler.server.allowed_hosts:
        raise BadRequest(HTTPStatus.MISDIRECTED_REQUEST, "this server answers only for its own host name")


def read_json(handler: BaseHTTPRequestHandler) -> dict:
    """The request's JSON object."""
    if handler.headers.get_content_type() != "application/json":
        raise BadRequest(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json")
    length = handler.headers.get("Content-Length")
    if length is None:
        raise BadRequest(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required")
    if not re.fullmatch(r"[0-9]{1,9}", length.strip()):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "Content-Length must be a number of bytes")
    size = int(length)
    if size > MAX_BODY:
        raise BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the body is limited to {MAX_BODY} bytes")
    body = handler.rfile.read(size)
    if len(body) != size:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "the body is shorter than its Content-Length")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "the body is not UTF-8") from None
    if nesting(text) > MAX_DEPTH:
        raise BadRequest(HTTPStatus.BAD_REQUEST, f"JSON nested over {MAX_DEPTH} deep")
    try:
        value = json.loads(text or "{}")
    except (json.JSONDecodeError, RecursionError) as error:
        raise BadRequest(HTTPStatus.BAD_REQUEST, f"not JSON: {str(error)[:80]}") from None
    if not isinstance(value, dict):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "expected a JSON object")
    return value


def nesting(text: str) -> int:
    """How deep the brackets of a JSON text go (strings skipped), counted before it is parsed."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def printable(path: str) -> str:
    """A request path safe to print in a terminal."""
    return SAFE_PATH.sub("?", path)[:200]
