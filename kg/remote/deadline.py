"""A deadline on an HTTP request as a whole, for requests.

requests' timeout bounds each read from the socket, not the request: a server that sends one
byte a second never trips it. A request made through a session with `WatchedAdapter` and run
inside `Deadline(seconds)` ends when the deadline passes: a watchdog thread shuts the sockets
the requesting thread holds, and the blocked read returns at once, whether it was waiting for
the headers or reading the body. The pools record which thread holds which connection.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from typing import Any

import urllib3.poolmanager
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_checked_out = threading.local()


def _busy() -> weakref.WeakSet:
    """The connections the current thread has taken from a pool and not given back."""
    if not hasattr(_checked_out, "connections"):
        _checked_out.connections = weakref.WeakSet()
    return _checked_out.connections


class _Watched:
    """A connection pool that records which thread holds which of its connections."""

    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)  # type: ignore[misc]
        _busy().add(connection)
        return connection

    def _put_conn(self, connection: Any) -> None:
        if connection is not None:
            _busy().discard(connection)
        super()._put_conn(connection)  # type: ignore[misc]


class _WatchedHTTPPool(_Watched, HTTPConnectionPool):
    pass


class _WatchedHTTPSPool(_Watched, HTTPSConnectionPool):
    pass


_WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class WatchedAdapter(HTTPAdapter):
    """requests' adapter with pools whose connections a deadline can cut (direct or through an
    HTTP proxy; SOCKS proxies keep their own pools)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _WATCHED_POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if manager.pool_classes_by_scheme == urllib3.poolmanager.pool_classes_by_scheme:
            manager.pool_classes_by_scheme = _WATCHED_POOLS
        return manager


class Deadline:
    """While active, cuts the connections the current thread holds once `seconds` have passed:
    a blocked read then ends at once."""

    def __init__(self, seconds: float):
        self.expired = False
        busy = _busy()

        def cut() -> None:
            self.expired = True
            for connection in list(busy):
                _shut(getattr(connection, "sock", None))

        self._timer = threading.Timer(seconds, cut)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket | None) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's, also under TLS
