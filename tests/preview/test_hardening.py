"""The preview server under bad and hostile requests: each gets a 4xx with a short reason, never a
traceback, a hang or a held thread; other sites cannot reach it through DNS rebinding."""
from __future__ import annotations

import socket
import time

from hypothesis import HealthCheck, given, settings, strategies as st

from builder.lms.http import MAX_BODY
from builder.preview.server import PreviewConfig, PreviewServer
from tests.conftest import FIXTURES

QUIZ = FIXTURES / "courses" / "quiz"
TRACK = "/api/modules/quiz-course/check/track"


def raw(server, request: bytes, wait: float = 5.0) -> bytes:
    """Send bytes as they are; what came back (b"" when the server closed without answering)."""
    host, port = server.httpd.server_address[:2]
    with socket.create_connection((host, port), timeout=wait) as connection:
        connection.sendall(request)
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return answer


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


def post(host: str = "127.0.0.1", length: str | None = "2", body: bytes = b"{}", content_type: str = "application/json") -> bytes:
    headers = [f"POST {TRACK} HTTP/1.1", f"Host: {host}", f"Content-Type: {content_type}", "Connection: close"]
    if length is not None:
        headers.append(f"Content-Length: {length}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def test_the_host_header_must_name_this_server(start_preview):
    server = start_preview(QUIZ)
    port = server.httpd.server_address[1]
    for good in ("127.0.0.1", f"127.0.0.1:{port}", "localhost", f"localhost:{port}", "[::1]", f"[::1]:{port}"):
        assert status(raw(server, f"GET / HTTP/1.1\r\nHost: {good}\r\nConnection: close\r\n\r\n".encode())) == 200, good
    for bad in ("attacker.example", f"attacker.example:{port}", "127.0.0.1.attacker.example", ""):
        answer = raw(server, f"GET / HTTP/1.1\r\nHost: {bad}\r\nConnection: close\r\n\r\n".encode())
        assert status(answer) in (400, 421) and b"Traceback" not in answer, bad
    assert status(raw(server, b"GET / HTTP/1.0\r\n\r\n")) == 400          # no Host at all


def test_content_length_is_required_numeric_and_bounded(start_preview):
    server = start_preview(QUIZ)
    assert status(raw(server, post(length=None))) == 411
    for bad in ("-1", "abc", "1e3", "0x10", " ", "99999999999999999999"):
        assert status(raw(server, post(length=bad))) in (400, 413), bad
    assert status(raw(server, post(length=str(MAX_BODY + 1)))) == 413
    assert status(raw(server, post(length="20", body=b"{}"), wait=15)) == 400   # shorter than it says: dropped in time


def test_a_client_that_sends_half_a_request_does_not_hold_a_thread(start_preview):
    server = start_preview(QUIZ)
    server.httpd.RequestHandlerClass.timeout = 0.5
    host, port = server.httpd.server_address[:2]
    started = time.monotonic()
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")          # and never the end of the headers
        assert connection.recv(100) == b""                                   # the server hangs up
    assert time.monotonic() - started < 5


def test_nul_and_control_characters_in_a_path_are_refused_and_never_printed(start_preview):
    logged: list[str] = []
    server = start_preview(QUIZ)
    server.log = logged.append
    assert status(raw(server, b"GET /modules/%00%1b[31m/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")) == 400
    answer = raw(server, b"GET /nowhere%1b[2J HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert status(answer) == 404 and b"\x1b" not in answer
    assert not any("\x1b" in line or "\x00" in line for line in logged)


def test_listening_beyond_this_computer_is_said_in_the_terminal(tmp_path):
    logged: list[str] = []
    server = PreviewServer(PreviewConfig([QUIZ], tmp_path / "state", host="0.0.0.0", port=0), log=logged.append)
    try:
        assert any("warning: listening on 0.0.0.0, not only this computer" in line for line in logged)
    finally:
        server.httpd.server_close()
    quiet: list[str] = []
    PreviewServer(PreviewConfig([QUIZ], tmp_path / "state2", port=0), log=quiet.append).httpd.server_close()
    assert not any("warning" in line for line in quiet)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600))
def test_random_bytes_never_get_a_5xx_or_a_traceback(start_preview_once, junk):
    server, logged = start_preview_once
    for request in (junk, post(body=junk, length=str(len(junk))), b"POST " + TRACK.encode() + b" HTTP/1.1\r\n" + junk):
        answer = raw(server, request)
        assert not answer.startswith(b"HTTP/1.1 5") and not answer.startswith(b"HTTP/1.0 5")
        assert b"Traceback" not in answer
    assert not any("Traceback" in line or "error while answering" in line for line in logged)
