"""HTTP to a triple store: authentication, a deadline on each request as a whole (see
kg.remote.deadline), bounded retries, and messages that never show a credential."""

from __future__ import annotations

import base64
import contextlib
import math
import re
import time
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import NewConnectionError

from kg.errors import BadValue, StoreRefused, StoreUnreachable
from kg.remote.deadline import Deadline, WatchedAdapter

REDACTED = "***"
_USERINFO = re.compile(r"^([A-Za-z][\w+.-]*://)[^/?#]*@")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_HEADER_VALUE = re.compile(r"(?i)\b((?:proxy-)?authorization\s*[:=]\s*)[^\r\n<]+")


def safe_url(url: str) -> str:
    """The URL without user name and password, for messages (also when it does not parse)."""
    return _USERINFO.sub(r"\1", url)


def check_url(url: str) -> str:
    """The URL, when it is an http(s) URL without credentials; a BadValue naming it otherwise."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (parses the port, raising ValueError when it is none)
    except ValueError as error:
        raise BadValue(f"not a URL: {safe_url(url)!r} ({error})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadValue(f"not an http(s) URL: {safe_url(url)!r}")
    if "@" in parts.netloc:
        raise BadValue(f"{safe_url(url)}: put no credentials in the URL; give the user and password apart")
    return url


class Connection:
    """HTTP to one store: authentication, a deadline on each request as a whole, and bounded
    retries with backoff on transient failures (connection errors, timeouts, 5xx, 429).

    Messages never show the password nor the Authorization header, even when the store's error
    page echoes the request. One thread at a time uses a Connection."""

    TRANSIENT = frozenset({429, 500, 502, 503, 504})

    def __init__(
        self,
        user: str | None = None,
        password: str | None = None,
        auth: str = "basic",
        timeout: float = 60,
        retries: int = 3,
        backoff: float = 0.5,
    ):
        if not (math.isfinite(timeout) and timeout > 0):
            raise BadValue(f"timeout {timeout}: not a number of seconds above 0")
        if retries < 0:
            raise BadValue(f"retries {retries}: not a number of retries (0 or more)")
        self.session = requests.Session()
        for prefix in ("http://", "https://"):
            self.session.mount(prefix, WatchedAdapter())
        self.secrets = _secrets(user, password)
        if user is not None:
            self.session.auth = _auth(auth, user, password or "")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.digest = user is not None and auth == "digest"
        self.authenticated: set[str] = set()

    def request(self, method: str, url: str, *, absent_ok: bool = False, **kwargs: Any) -> requests.Response:
        """The store's answer, its body read within the timeout; a 404 too when `absent_ok`.

        StoreUnreachable when the store cannot be reached or does not answer in time,
        StoreRefused when it answers with an error, BadValue for a URL requests cannot use."""
        where = f"{method} {safe_url(url)}"
        if self.digest and kwargs.get("data") and url not in self.authenticated:
            self._handshake(url)
        for attempt in range(self.retries + 1):
            last, response = attempt == self.retries, None
            try:
                response = self._attempt(where, method, url, kwargs)
            except StoreUnreachable:
                if last:
                    raise
            else:
                if response.status_code not in self.TRANSIENT or last:
                    return self._checked(where, response, absent_ok)
            time.sleep(self._delay(attempt, response))
        raise AssertionError("unreachable")

    def _attempt(self, where: str, method: str, url: str, kwargs: dict[str, Any]) -> requests.Response:
        """One request with its whole body, within the deadline."""
        with Deadline(self.timeout) as deadline:
            try:
                response = self.session.request(method, url, timeout=self.timeout, stream=True, **kwargs)
                response.content  # noqa: B018 (reads the body under the deadline)
            except (
                requests.exceptions.InvalidURL,
                requests.exceptions.InvalidSchema,
                requests.exceptions.MissingSchema,
            ) as error:
                raise BadValue(f"not a usable URL: {safe_url(url)!r} ({type(error).__name__})") from None
            except requests.TooManyRedirects:
                raise StoreRefused(f"{where}: too many redirects") from None
            except requests.RequestException as error:
                raise StoreUnreachable(self._redacted(f"{where}: {self._failure(error, deadline.expired)}")) from None
        if deadline.expired:
            raise StoreUnreachable(f"{where}: {self._failure(None, True)}")
        return response

    def _failure(self, error: requests.RequestException | None, expired: bool) -> str:
        if expired or isinstance(error, requests.ReadTimeout):
            return f"no complete answer within {self.timeout:g} s"
        if isinstance(error, requests.ConnectTimeout):
            return f"cannot connect within {self.timeout:g} s"
        if isinstance(error, requests.exceptions.SSLError):
            return "cannot make a TLS connection (certificate or protocol)"
        if _not_connected(error):
            return "cannot connect (is the store running?)"
        return "the connection broke before the answer was complete"

    def _handshake(self, url: str) -> None:
        """Take the digest challenge with a bodiless HEAD, so that requests with a body carry
        their credentials from the start. A store answering 401 to a large body it has not
        read (Virtuoso) resets the connection under the client's feet."""
        self.authenticated.add(url)
        with Deadline(self.timeout), contextlib.suppress(requests.RequestException):
            self.session.head(url, timeout=self.timeout)

    def _delay(self, attempt: int, response: requests.Response | None) -> float:
        retry_after = response.headers.get("Retry-After", "") if response is not None else ""
        if retry_after.isdigit():
            return min(float(retry_after), 30.0)
        return self.backoff * 2**attempt

    def _checked(self, where: str, response: requests.Response, absent_ok: bool) -> requests.Response:
        status = response.status_code
        if status in (401, 403):
            raise StoreRefused(
                f"{where}: the store refused the credentials (HTTP {status}); check the user, "
                "the password and the authentication scheme (basic or digest)"
            )
        if status >= 400 and not (absent_ok and status == 404):
            text = _HEADER_VALUE.sub(rf"\g<1>{REDACTED}", self._redacted(_body_text(response), response))
            raise StoreRefused(self._redacted(f"{where}: HTTP {status}: {gist(text)}", response))
        return response

    def _redacted(self, text: str, response: requests.Response | None = None) -> str:
        """The text without the password, the user:password token or any Authorization value
        this connection sent."""
        secrets = set(self.secrets)
        for exchange in [*response.history, response] if response is not None else []:
            secrets |= _header_secrets(exchange.request.headers.get("Authorization"))
        for secret in sorted(secrets | {_misread(s) for s in secrets}, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        return text


def _auth(scheme: str, user: str, password: str) -> requests.auth.AuthBase:
    if scheme == "digest":
        return requests.auth.HTTPDigestAuth(user, password)
    if scheme != "basic":
        raise BadValue(f"unknown authentication {scheme!r}; use basic or digest")
    try:
        f"{user}:{password}".encode("latin-1")
    except UnicodeEncodeError:
        raise BadValue(f"user {user}: basic authentication carries Latin-1 only; use digest") from None
    return requests.auth.HTTPBasicAuth(user, password)


def _secrets(user: str | None, password: str | None) -> set[str]:
    """The password and the basic token of user:password, in the encodings HTTP sends."""
    if not password:
        return set()
    found = {password}
    for encoding in ("latin-1", "utf-8"):
        with contextlib.suppress(UnicodeEncodeError):
            found.add(base64.b64encode(f"{user or ''}:{password}".encode(encoding)).decode("ascii"))
    return found


def _header_secrets(value: str | None) -> set[str]:
    """An Authorization value, its credentials without the scheme, and a digest's response hash."""
    if not value:
        return set()
    found = {value, value.partition(" ")[2].strip()}
    found |= set(re.findall(r'response="?([0-9a-fA-F]{16,})', value))
    return {secret for secret in found if len(secret) >= 8}


def _body_text(response: requests.Response) -> str:
    """The body as text: UTF-8 when it is, else as the response declares (Latin-1 by default)."""
    try:
        return response.content.decode("utf-8")
    except UnicodeDecodeError:
        return response.text


def _misread(secret: str) -> str:
    """The secret's UTF-8 bytes read as Latin-1, as a page without a declared charset shows it."""
    return secret.encode("utf-8").decode("latin-1")


def _not_connected(error: requests.RequestException | None) -> bool:
    """Whether the connection was never made (refused, no such host), as opposed to broken."""
    cause = error.args[0] if error is not None and error.args else None
    return isinstance(getattr(cause, "reason", None), NewConnectionError)


def gist(body: str) -> str:
    """The store's error message in one line: text of an HTML page without control characters,
    cut to a readable length."""
    preferred = re.search(r"<xmp>(.*?)</xmp>", body, re.S)
    text = preferred.group(1) if preferred else re.sub(r"<[^>]*>", " ", body)
    text = _CONTROL.sub("", " ".join(text.split()))
    return (text[:300] + " …") if len(text) > 300 else text or "(no message)"
