"""RSS/Atom feeds from fixture files, and from a local HTTP server for the timeout and size limit (no network)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from summarize.ingest.common import html_to_text
from summarize.ingest.feeds import parse_since, read_feed
from summarize.ingest.fetch import FeedError, fetch

FIXTURES = Path(__file__).parent / "fixtures"
SINCE = dt.datetime(2024, 11, 29, tzinfo=dt.UTC)


def test_rss_entries_become_articles_with_metadata() -> None:
    articles, skipped = read_feed(FIXTURES / "feed_ar.rss", outlets={"alarabiya.net": "Al Arabiya"})
    assert len(articles) == 3 and not skipped
    first = articles[0]
    assert first.outlet == "Al Arabiya" and first.lang == "ar"
    assert first.url == "https://www.alarabiya.net/arabic/2024/11/30/army-villages"
    assert first.published == "2024-11-30T06:10:00+00:00"
    assert first.text.splitlines() == ["قال الجيش إن قواته سيطرت على ثلاث قرى في الريف الشمالي بعد معارك عنيفة.",
                                       "وأضاف المتحدث أن الاشتباكات استمرت طوال الليل."]
    assert articles[1].published == "2024-11-30T01:00:00+00:00"  # +0300 converted to UTC
    assert len({a.id for a in articles}) == 3 and all(a.id.startswith("feed-") for a in articles)


def test_since_leaves_old_entries_out_and_says_so() -> None:
    articles, skipped = read_feed(FIXTURES / "feed_ar.rss", since=SINCE)
    assert [a.title for a in articles] == ["الجيش يعلن السيطرة على ثلاث قرى في الريف الشمالي",
                                           "المرصد: الجيش انسحب من المدينة"]
    assert len(skipped) == 1 and "1 entries published before 2024-11-29" in skipped[0].reason


def test_atom_content_is_plain_text_and_empty_entries_are_skipped() -> None:
    articles, skipped = read_feed(FIXTURES / "feed_en.atom")
    (wire,) = articles
    assert wire.outlet == "Wire Service" and wire.lang == "en" and "alert" not in wire.text
    assert wire.text.startswith("The army said its forces took control")
    assert wire.published == "2024-11-30T07:30:00+00:00"
    assert [(s.input.rsplit("#", 1)[1], s.reason) for s in skipped] == [("2", "too little text (5 letters)")]


def test_bad_and_missing_feeds_are_skipped_with_a_reason(tmp_path: Path) -> None:
    assert "not a readable RSS/Atom feed" in read_feed(FIXTURES / "feed_bad.xml")[1][0].reason
    assert "unreadable" in read_feed(tmp_path / "none.rss")[1][0].reason
    assert "larger than 100 bytes" in read_feed(FIXTURES / "feed_ar.rss", max_bytes=100)[1][0].reason


class _Handler(BaseHTTPRequestHandler):
    """/feed serves the Arabic fixture, /huge streams too much, /slow answers too late."""

    def do_GET(self) -> None:
        """Answer one request."""
        if self._hostile():
            return
        if self.path == "/slow":
            time.sleep(2)
        body = (FIXTURES / "feed_ar.rss").read_bytes() if self.path != "/huge" else b"<rss>" + b"x" * 300_000
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        if self.path != "/huge":  # no Content-Length: the cap must hold while streaming
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def _hostile(self) -> bool:
        """The red-team routes (issue 14): dripping answers, redirects out, gzip, control characters."""
        port = self.server.server_address[1]
        redirects = {"/to-localhost": f"http://localhost:{port}/feed", "/to-metadata": "http://169.254.169.254/x",
                     "/to-ftp": "ftp://127.0.0.1/feed.xml"}
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if self.path in redirects:
                self.send_response(302)
                self.send_header("Location", redirects[self.path])
                self.end_headers()
            elif self.path == "/drip":  # one byte a tenth of a second, for ever
                self.send_response(200)
                self.end_headers()
                while True:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif self.path == "/drip-headers":
                for byte in b"HTTP/1.0 200 OK\r\nX-Slow: " + b"a" * 10_000:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.05)
            elif self.path == "/gzip":
                body = gzip.compress((FIXTURES / "feed_ar.rss").read_bytes())
                self.send_response(200)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif self.path == "/reason":
                self.wfile.write(b"HTTP/1.0 500 Bad\x1b]52;c;aGk=\x07\r\n\r\n")
            else:
                return False
        return True

    def log_message(self, *args: object) -> None:
        """Stay quiet."""


LOCAL = ("127.0.0.1",)  # the test server is private: allowed by name, as [feeds] allow_hosts does


@pytest.fixture
def server() -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 (loopback only: no network)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_is_fetched_with_a_timeout_and_a_size_limit(server: str) -> None:
    articles, skipped = read_feed(f"{server}/feed", since=SINCE, allow_hosts=LOCAL)
    assert len(articles) == 2 and len(skipped) == 1
    start = time.monotonic()
    _, skipped = read_feed(f"{server}/slow", timeout_s=0.3, allow_hosts=LOCAL)
    assert time.monotonic() - start < 1.5 and "timeout of 0.3 s" in skipped[0].reason
    with pytest.raises(FeedError, match="larger than 100,000 bytes"):
        fetch(f"{server}/huge", max_bytes=100_000, allow_hosts=LOCAL)
    with pytest.raises(FeedError, match="only http"):
        fetch("file:///etc/passwd")


def test_parse_since_and_html_to_text() -> None:
    now = dt.datetime(2024, 11, 30, 12, tzinfo=dt.UTC)
    assert parse_since("24h", now) == dt.datetime(2024, 11, 29, 12, tzinfo=dt.UTC)
    assert parse_since("2d", now) == dt.datetime(2024, 11, 28, 12, tzinfo=dt.UTC)
    assert parse_since("2024-11-29") == SINCE
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_since("yesterday")
    assert html_to_text("<p>a &amp; b</p><script>x()</script><p>c</p>") == "a & b\nc"


def test_finding_4_one_deadline_for_the_whole_fetch(server: str) -> None:
    for path in ("/drip", "/drip-headers"):
        start = time.monotonic()
        with pytest.raises(FeedError, match=r"within the timeout of 0\.5 s"):
            fetch(f"{server}{path}", timeout_s=0.5, allow_hosts=LOCAL)
        assert time.monotonic() - start < 1.5, path


def test_finding_6_redirects_and_private_addresses_are_refused(server: str) -> None:
    with pytest.raises(FeedError, match="private or local address"):
        fetch(f"{server}/feed")  # loopback is refused unless allowed by name
    with pytest.raises(FeedError, match=r"localhost is a private or local address"):
        fetch(f"{server}/to-localhost", allow_hosts=LOCAL)  # allowing 127.0.0.1 does not allow localhost
    with pytest.raises(FeedError, match=r"169\.254\.169\.254 is a private or local address"):
        fetch(f"{server}/to-metadata", timeout_s=2, allow_hosts=LOCAL)
    with pytest.raises(FeedError, match="non-http"):
        fetch(f"{server}/to-ftp", allow_hosts=LOCAL)


def test_finding_17_gzip_feed_is_read(server: str) -> None:
    articles, _ = read_feed(f"{server}/gzip", allow_hosts=LOCAL)
    assert len(articles) == 3


def test_finding_8_reason_phrase_and_feed_metadata_are_clean(server: str, tmp_path: Path) -> None:
    with pytest.raises(FeedError) as err:
        fetch(f"{server}/reason", allow_hosts=LOCAL)
    assert "\x1b" not in str(err.value) and "\x07" not in str(err.value)
    feed = tmp_path / "f.rss"
    feed.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Out&#27;]52;c;x&#7;let</title>"
                    "<item><title>Ti&#27;[31mtle</title><link>http://x.example/&#27;[31m</link>"
                    "<description>Officials said on Monday that floods had closed the main highway for "
                    "a second day while engineers inspected two bridges.&#155;</description></item>"
                    "</channel></rss>", encoding="utf-8")
    (article,), _ = read_feed(feed)
    for value in (article.title, article.outlet, article.url, article.text):
        assert value and not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in value)
