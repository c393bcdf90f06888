"""kg.remote.connection: retries, a deadline on each request as a whole, credentials never
shown; against small HTTP servers on 127.0.0.1 that misbehave on purpose, and Virtuoso."""

import base64
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest
from test_remote_deadline import ANSWER, Trickle

from conftest import STORE_PASSWORD, assert_one_line_error, free_port, http_server
from conftest import run as kg
from kg.errors import BadValue, StoreRefused, StoreUnreachable
from kg.remote.connection import Connection, check_url, safe_url
from kg.sparql import run


class Quiet(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def read_body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def answer(
        self, status: int, body: bytes = b"", content_type: str = "text/plain", headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": content_type, "Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Flaky(Quiet):
    """Answers 503, then 429, then 204: a store that recovers."""

    answers: ClassVar[list[int]] = []
    seen: ClassVar[list[str]] = []

    def do_POST(self):
        self.read_body()
        self.seen.append(self.command)
        self.answer(self.answers.pop(0) if self.answers else 204)


def test_transient_failures_are_retried_a_bounded_number_of_times():
    Flaky.answers, Flaky.seen = [503, 429], []
    with http_server(Flaky) as base:
        Connection(retries=3, backoff=0.01).request("POST", f"{base}/store", data=b"x")
        assert Flaky.seen == ["POST"] * 3
        Flaky.answers, Flaky.seen = [503] * 10, []
        with pytest.raises(StoreRefused, match="HTTP 503"):
            Connection(retries=2, backoff=0.01).request("POST", f"{base}/store", data=b"x")
        assert len(Flaky.seen) == 3


def test_server_down_is_one_line(runner, mini):
    port = free_port()
    result = kg(runner, "--data", str(mini), "push", "--store", f"http://127.0.0.1:{port}/store", "--retries", "1")
    assert_one_line_error(result, f"127.0.0.1:{port}/store", "cannot connect")
    result = kg(
        runner,
        "--data",
        str(mini),
        "query",
        "chain-members",
        "-p",
        "chain=新材料",
        "--endpoint",
        f"http://127.0.0.1:{port}/query",
    )
    assert_one_line_error(result, "cannot connect")


@pytest.mark.parametrize("headers_at_once", [False, True], ids=["trickled-headers", "trickled-body"])
def test_the_timeout_bounds_each_request_as_a_whole(headers_at_once, monkeypatch):
    """A store sending a byte every 0.1 s never lets one read wait a second, yet the answer
    takes several: the request fails at its deadline instead of when the store is done."""
    monkeypatch.setattr(Trickle, "headers_at_once", headers_at_once)
    with http_server(Trickle) as base, pytest.raises(StoreUnreachable, match="no complete answer within 1 s"):
        Connection(timeout=1, retries=0).request("POST", f"{base}/query", data=b"x")


def test_a_trickling_store_stops_kg_push_at_its_timeout(runner, mini):
    with http_server(Trickle) as base:
        result = kg(runner, "--data", str(mini), "push", "--store", f"{base}/store", "--timeout", "1", "--retries", "1")
    assert_one_line_error(result, f"{base}/store", "no complete answer within 1 s")


class Hangup(Quiet):
    """Promises a long answer, sends part of it and closes the connection."""

    def do_POST(self):
        self.read_body()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(ANSWER[:10])
        self.close_connection = True


def test_a_connection_cut_mid_answer_is_said_so():
    with (
        http_server(Hangup) as base,
        pytest.raises(StoreUnreachable, match="broke before the answer was complete") as caught,
    ):
        Connection(retries=1, backoff=0.01).request("POST", f"{base}/query", data=b"x")
    assert "is the store running" not in str(caught.value)


class Echo(Quiet):
    """A store whose error page shows the request's headers and the credentials it decoded;
    it challenges for digest authentication first when a request comes without any.
    `filler` puts the echo where kg cuts a long message."""

    filler = 0

    def handle_one(self):
        self.read_body()
        if "Authorization" not in self.headers:
            challenge = 'Digest realm="kg", nonce="0123456789abcdef", qop="auth"'
            self.answer(401, b"login", headers={"WWW-Authenticate": challenge})
            return
        sent = self.headers["Authorization"]
        decoded = base64.b64decode(sent.split()[1]).decode("latin-1") if sent.startswith("Basic ") else ""
        echoed = "".join(f"{k}: {v}\n" for k, v in self.headers.items() if k == "Authorization")
        echoed += f"<table><tr><td>auth</td><td>{sent.partition(' ')[2]}</td></tr></table><p>decoded: {decoded}</p>"
        page = f"<html><body>{'E' * self.filler} {echoed}" + "".join(f"{k}: {v}\n" for k, v in self.headers.items())
        self.answer(400, page.encode(), "text/html")

    do_POST = do_HEAD = do_DELETE = handle_one


@pytest.mark.parametrize("filler", [0, 273])
@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_an_echoing_error_page_never_shows_the_credentials(runner, mini, monkeypatch, scheme, filler):
    monkeypatch.setattr(Echo, "filler", filler)
    password = "s3cret-Pässword-4711"
    monkeypatch.setenv("KG_STORE_PASSWORD", password)
    token = base64.b64encode(f"admin:{password}".encode("latin-1")).decode()
    with http_server(Echo) as base:
        result = kg(
            runner,
            "--data",
            str(mini),
            "push",
            "--store",
            f"{base}/store",
            "--user",
            "admin",
            "--auth",
            scheme,
            "--retries",
            "0",
        )
    assert_one_line_error(result, "HTTP 400", "***")
    shown = result.output + result.stderr
    assert password not in shown and token[:12] not in shown and "s3cret" not in shown
    assert "response=" not in shown or 'response="***' in shown


def test_malformed_urls_and_timeouts_are_bad_values(runner, mini):
    with pytest.raises(BadValue, match="not a URL"):
        check_url("http://[::1/store")
    with pytest.raises(BadValue, match="not a URL"):
        check_url("http://h:port/store")
    assert safe_url("http://me:secret@[::1/store") == "http://[::1/store"
    for bad in (float("nan"), float("inf"), 0, -1):
        with pytest.raises(BadValue, match="timeout"):
            Connection(timeout=bad)
    assert_one_line_error(kg(runner, "--data", str(mini), "push", "--store", "http://[::1/store"), "not a URL")
    assert_one_line_error(
        kg(runner, "--data", str(mini), "sparql", "ASK {}", "--endpoint", "http://[::1/query"), "not a URL"
    )
    result = kg(runner, "--data", str(mini), "push", "--store", "http://127.0.0.1:1/store", "--timeout", "nan")
    assert_one_line_error(result, "timeout nan")


def test_large_bodies_under_digest_auth_arrive_whole(virtuoso):
    """Virtuoso answers 401 to a body it has not read and resets the connection: each fresh
    connection takes the challenge before it sends megabytes."""
    graph = "https://example.org/graphs/large"
    body = "".join(
        f'<https://example.org/s{i}> <https://example.org/p> "{"x" * 200}{i}" .\n' for i in range(20000)
    ).encode()
    for _ in range(3):
        Connection("dba", STORE_PASSWORD, "digest", retries=0).request(
            "PUT", virtuoso.store, params={"graph": graph}, data=body, headers={"Content-Type": "application/n-triples"}
        )
    count = run(virtuoso.endpoint(), f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert int(count.rows[0]["n"]) == 20000


def test_wrong_password_is_one_line_and_never_shown(runner, virtuoso, mini, monkeypatch):
    monkeypatch.setenv("KG_STORE_PASSWORD", "not-the-password-4711")
    result = kg(runner, "--data", str(mini), *virtuoso.push_args("--retries", "0"))
    assert_one_line_error(result, "refused the credentials", "sparql-graph-crud-auth")
    assert "not-the-password-4711" not in result.output + result.stderr
