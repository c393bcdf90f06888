"""kg.remote.deadline: a request ends at its deadline, against a server on 127.0.0.1 that sends
its answer one byte at a time."""

import time
from http.server import BaseHTTPRequestHandler

import pytest
import requests

from conftest import http_server
from kg.remote.deadline import Deadline, WatchedAdapter

ANSWER = b'{"head": {"vars": []}, "boolean": true}'


class Trickle(BaseHTTPRequestHandler):
    """Sends a whole answer one byte every 0.1 s (status line and headers too, unless
    `headers_at_once`) and stops when the client hangs up."""

    headers_at_once = False

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(ANSWER)}\r\n\r\n".encode()
        if self.headers_at_once:
            self.wfile.write(head)
            head = b""
        try:
            for byte in head + ANSWER:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    do_DELETE = do_POST

    def log_message(self, *args):
        pass


def session() -> requests.Session:
    watched = requests.Session()
    watched.mount("http://", WatchedAdapter())
    return watched


@pytest.mark.parametrize("headers_at_once", [False, True], ids=["trickled-headers", "trickled-body"])
def test_a_request_ends_at_its_deadline(headers_at_once, monkeypatch):
    """A byte every 0.1 s never lets one read wait the 1 s of requests' timeout, yet the whole
    answer takes seconds: under a deadline of 1 s the request ends then, cut off."""
    monkeypatch.setattr(Trickle, "headers_at_once", headers_at_once)
    with http_server(Trickle) as base, Deadline(1) as deadline, pytest.raises(requests.RequestException):
        session().post(f"{base}/query", data=b"x", timeout=1, stream=True).content  # noqa: B018
    assert deadline.expired


def test_an_answer_within_the_deadline_is_whole(monkeypatch):
    monkeypatch.setattr(Trickle, "headers_at_once", True)
    with http_server(Trickle) as base, Deadline(30) as deadline:
        body = session().post(f"{base}/query", data=b"x", timeout=30).content
    assert body == ANSWER and not deadline.expired
