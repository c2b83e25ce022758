"""RSS/Atom feeds from fixture files, and from a local HTTP server for the timeout and size limit (no network)."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from summarize.ingest.common import html_to_text
from summarize.ingest.feeds import FeedError, fetch, parse_since, read_feed

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

    def log_message(self, *args: object) -> None:
        """Stay quiet."""


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
    articles, skipped = read_feed(f"{server}/feed", since=SINCE)
    assert len(articles) == 2 and len(skipped) == 1
    start = time.monotonic()
    _, skipped = read_feed(f"{server}/slow", timeout_s=0.3)
    assert time.monotonic() - start < 1.5 and "timeout 0.3 s" in skipped[0].reason
    with pytest.raises(FeedError, match="larger than 100,000 bytes"):
        fetch(f"{server}/huge", max_bytes=100_000)
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
