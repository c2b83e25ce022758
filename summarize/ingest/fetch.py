"""GET a feed over http(s) within limits: one wall-clock deadline, a byte cap, public addresses only.

The address check happens when each connection is made: the host name is resolved, every address is
checked, and the socket connects to the checked address; on the first request and on every redirect hop,
so neither a redirect nor a name that resolves to a private address can reach `localhost`, the LAN or a
cloud metadata service. Hosts named in `[feeds] allow_hosts` (an intranet feed) are let through.
Proxies from the environment are not used: the check must see the real peer.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Collection
from typing import Any

TIMEOUT_S = 10.0
# A day of a busy outlet's feed is well under 1 MB; 5 MB bounds memory and parse time.
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
USER_AGENT = "summarize/0.1 (+morning brief; feedparser)"
_CHUNK = 65_536


class FeedError(RuntimeError):
    """A feed could not be fetched or read; the message says why."""


def is_url(source: object) -> bool:
    """Whether `source` is an http(s) URL (anything else is a local path)."""
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout_s: float = TIMEOUT_S, max_bytes: int = MAX_BYTES,
          allow_hosts: Collection[str] = ()) -> bytes:
    """The body of `url`, or FeedError: at most `max_bytes` (after gzip), within `timeout_s` in all."""
    if not is_url(url):
        raise FeedError("only http(s) URLs are fetched")
    deadline = time.monotonic() + timeout_s
    result: dict[str, Any] = {}
    responses: list[Any] = []

    def work() -> None:
        try:
            result["body"] = _get(url, deadline, max_bytes, frozenset(h.lower() for h in allow_hosts), responses)
        except BaseException as exc:  # handed to the caller's thread
            result["error"] = exc

    # The request runs in a daemon thread so that a server dripping headers a byte at a time cannot
    # outlast the deadline: the caller stops waiting, closes the socket, and moves on.
    thread = threading.Thread(target=work, name="summarize-fetch", daemon=True)
    thread.start()
    thread.join(max(0.0, deadline - time.monotonic()) + 0.05)
    if thread.is_alive():
        for response in responses:
            _close_quietly(response)
        raise FeedError(_too_slow(timeout_s))
    if "error" in result:
        error = result["error"]
        if isinstance(error, FeedError):
            raise error
        raise _as_feed_error(error, timeout_s) from error
    body: bytes = result["body"]
    return body


def _get(url: str, deadline: float, max_bytes: int, allow: frozenset[str], responses: list[Any]) -> bytes:
    """The request itself (runs in the worker thread)."""
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _CheckedHTTPHandler(allow), _CheckedHTTPSHandler(allow), _Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"})
    with opener.open(request, timeout=max(0.01, deadline - time.monotonic())) as response:
        responses.append(response)
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise FeedError(f"larger than {max_bytes:,} bytes ({int(declared):,} declared)")
        gzipped = (response.headers.get("Content-Encoding") or "").strip().lower() in {"gzip", "x-gzip"}
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read1(_CHUNK):
            if time.monotonic() > deadline:
                raise TimeoutError("deadline passed while reading")
            if inflate is not None:
                chunk = inflate.decompress(chunk, max_bytes + 1 - size)
            size += len(chunk)
            if size > max_bytes:
                raise FeedError(f"larger than {max_bytes:,} bytes")
            chunks.append(chunk)
    return b"".join(chunks)


def _as_feed_error(exc: BaseException, timeout_s: float) -> FeedError:
    """A network error as a FeedError whose message can be shown (reason phrases are untrusted text)."""
    if isinstance(exc, urllib.error.HTTPError):
        return FeedError(f"HTTP {exc.code} {_one_line(str(exc.reason))}")
    if isinstance(exc, zlib.error):
        return FeedError("gzip body is corrupt")
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, FeedError):
        return reason
    if isinstance(reason, TimeoutError):
        return FeedError(_too_slow(timeout_s))
    return FeedError(f"cannot fetch ({_one_line(str(reason))}; timeout {timeout_s:g} s)")


def _too_slow(timeout_s: float) -> str:
    """The message for a fetch that ran out of time."""
    return f"cannot fetch (no complete answer within the timeout of {timeout_s:g} s)"


def _one_line(text: str) -> str:
    """Server-sent text cut to one printable line of at most 200 characters."""
    return "".join(c if c.isprintable() else "?" for c in text)[:200]


def _close_quietly(response: Any) -> None:
    """Close a response from another thread, which makes its blocked read return."""
    with contextlib.suppress(Exception):  # best effort: the thread is a daemon and dies with the process
        response.close()


def check_address(host: str, peer: str, allow: frozenset[str]) -> None:
    """Refuse a connection whose peer is not a public address, unless `host` is allowed by name."""
    if host.lower().strip("[]") in allow:
        return
    ip = ipaddress.ip_address(peer.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if not ip.is_global:
        raise FeedError(f"refused: {host} is a private or local address ({ip}); "
                        "name it in [feeds] allow_hosts to fetch from it")


def open_checked(host: str, port: int, timeout: float | None, allow: frozenset[str]) -> socket.socket:
    """A TCP connection to `host`, made only if every address the name resolves to passes the check.

    The socket connects to the address that was checked, so a name that resolves differently the
    second time (DNS rebinding) cannot slip through.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise OSError(f"cannot resolve {host}: {exc.strerror}") from exc
    for *_, sockaddr in infos:
        check_address(host, str(sockaddr[0]), allow)
    family, kind, proto, _, sockaddr = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.settimeout(timeout)
        sock.connect(sockaddr)
    except BaseException:
        sock.close()
        raise
    return sock


def _checked(base: type[http.client.HTTPConnection], allow: frozenset[str]) -> Callable[..., Any]:
    """A connection class like `base` whose sockets go only to checked addresses."""

    class Checked(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            """Connect to a checked address; for https, then the TLS handshake with the host's name."""
            self.sock = open_checked(self.host, self.port, self.timeout, allow)
            if isinstance(self, http.client.HTTPSConnection):
                self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)

    return Checked


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, allow: frozenset[str]) -> None:
        super().__init__()
        self.allow = allow

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_checked(http.client.HTTPConnection, self.allow), req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, allow: frozenset[str]) -> None:
        super().__init__()
        self.allow = allow

    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_checked(http.client.HTTPSConnection, self.allow), req)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most MAX_REDIRECTS redirects, and only to http(s) (the address is checked on connect)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if not is_url(newurl):
            raise FeedError(f"refused redirect to a non-http(s) URL ({_one_line(newurl)})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)

