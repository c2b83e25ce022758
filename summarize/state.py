"""Incremental briefs: a small SQLite store of the articles, claims and figures of past briefs' events.

Event ids ("e1") are per run, so events are matched across runs as *tracks*: an
event continues the track with which it shares the most articles, an article
being the same when its URL, its outlet-qualified id or its text's hash is.
`compare` says for every event whether it is new, updated (new sources, revised
articles, new claims, changed claim status, changed figures) or unchanged since
the previous brief; `record` stores a brief. Every row carries the brief that
added it, and a brief already recorded (same fingerprint) is compared against the
state *before* it, so re-running on the same input changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from summarize.claims.quantities import quantities
from summarize.model import Article, Brief, EventReport
from summarize.text.normalize import match_key

log = logging.getLogger(__name__)
ChangeStatus = Literal["new", "updated", "unchanged"]
# The state schema, as the migrations that build it: MIGRATIONS[n] takes a store from version n to n + 1.
# A later schema change appends one migration (never edits an old one), so yesterday's state is kept.
_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS briefs(id INTEGER PRIMARY KEY, date TEXT NOT NULL, generated_at TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE, recorded_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tracks(id INTEGER PRIMARY KEY, brief INTEGER NOT NULL REFERENCES briefs(id));
CREATE TABLE IF NOT EXISTS articles(track INTEGER NOT NULL REFERENCES tracks(id), key TEXT NOT NULL,
    content TEXT NOT NULL, brief INTEGER NOT NULL REFERENCES briefs(id), PRIMARY KEY(track, key, content));
CREATE TABLE IF NOT EXISTS claims(track INTEGER NOT NULL, key TEXT NOT NULL, status TEXT NOT NULL,
    brief INTEGER NOT NULL, PRIMARY KEY(track, key, brief));
CREATE TABLE IF NOT EXISTS figures(track INTEGER NOT NULL, unit TEXT NOT NULL, value TEXT NOT NULL,
    brief INTEGER NOT NULL, PRIMARY KEY(track, unit, value, brief));
CREATE TABLE IF NOT EXISTS appearances(track INTEGER NOT NULL, brief INTEGER NOT NULL, event TEXT NOT NULL,
    PRIMARY KEY(track, brief));
CREATE INDEX IF NOT EXISTS articles_key ON articles(key);
"""
MIGRATIONS: list[str] = [_SCHEMA_V1]
SCHEMA_VERSION = len(MIGRATIONS)
_NEVER = 1 << 62  # "no recorded brief is excluded"


@dataclass(frozen=True, slots=True)
class EventChange:
    """What changed for one event since the previous brief, and why."""

    status: ChangeStatus
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """The comparable content of one event: article keys, claim statuses, figures."""

    event: str
    articles: dict[str, tuple[frozenset[str], str]]  # article id → (identity keys, content hash)
    labels: dict[str, str]
    claims: dict[str, str]  # claim key → status
    figures: dict[str, frozenset[str]]  # unit → values


def default_state_path(env: Mapping[str, str] | None = None) -> Path:
    """Where the state lives by default: $XDG_STATE_HOME/summarize/state.sqlite (~/.local/state/...)."""
    env = os.environ if env is None else env
    base = Path(env["XDG_STATE_HOME"]) if env.get("XDG_STATE_HOME") else Path.home() / ".local" / "state"
    return base / "summarize" / "state.sqlite"


class StateError(Exception):
    """The state store cannot be used (read-only, or newer than this version); the message says what to do."""


class StateStore:
    """The SQLite state of past briefs; every write is one transaction.

    Opening checks the store: one that is not a database, or fails SQLite's quick check, is set aside
    (renamed `*.corrupt-<time>`, with a warning in the log) and a new one is started, so the brief treats
    every event as new; a store that cannot be written is a `StateError` before any work is done.
    """

    def __init__(self, path: Path) -> None:
        """Open (creating if needed) the store at `path`."""
        self.path = path
        self.set_aside: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"cannot create the state folder {path.parent}: {exc.strerror or exc}") from exc
        writable = os.access(path, os.W_OK) if path.exists() else os.access(path.parent, os.W_OK)
        if not writable:
            raise StateError(f"state store {path} is read-only: make it writable or pass --state FILE")
        try:
            self._open()
        except sqlite3.OperationalError as exc:  # locked, a folder, no permission: not the store's content
            raise StateError(f"cannot use the state store {path}: {exc}; fix it or pass --state FILE") from exc
        except sqlite3.DatabaseError as exc:  # not a database, or damaged
            self._db.close()
            self.set_aside = path.with_name(f"{path.name}.corrupt-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}")
            os.replace(path, self.set_aside)
            log.warning("state store %s is not a usable database (%s); set aside as %s, starting afresh",
                        path, exc, self.set_aside)
            self._open()

    def _open(self) -> None:
        """Connect, check and migrate."""
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA foreign_keys = ON")
        check = self._db.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise sqlite3.DatabaseError(f"quick check: {check[0] if check else 'no answer'}")
        self._migrate(self.path)

    def _migrate(self, path: Path) -> None:
        """Bring the store to SCHEMA_VERSION, one migration at a time, each in its own transaction."""
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise StateError(f"{path}: state schema {version} is newer than this summarize ({len(MIGRATIONS)}); "
                             "upgrade summarize or pass --state FILE")
        for n in range(version, len(MIGRATIONS)):
            self._db.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[n]}\nPRAGMA user_version = {n + 1};\nCOMMIT;")

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> StateStore:
        """Use as a context manager."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close on exit."""
        self.close()

    def _limit(self, brief: Brief) -> int:
        """Compare against briefs recorded before this one (all of them when it is not recorded yet)."""
        row = self._db.execute("SELECT id FROM briefs WHERE fingerprint = ?", (fingerprint(brief),)).fetchone()
        return int(row[0]) if row else _NEVER

    def previous_date(self, brief: Brief) -> str | None:
        """The date of the brief that `compare` compares against, if any."""
        row = self._db.execute("SELECT date FROM briefs WHERE id < ? ORDER BY id DESC LIMIT 1",
                               (self._limit(brief),)).fetchone()
        return str(row[0]) if row else None

    def compare(self, brief: Brief) -> dict[str, EventChange]:
        """For each event id: new, updated (with reasons) or unchanged since the previous brief."""
        limit = self._limit(brief)
        snapshots = {e.id: snapshot(e, brief) for e in brief.events}
        tracks = self._match(snapshots, limit)
        out: dict[str, EventChange] = {}
        for event in brief.events:
            track = tracks.get(event.id)
            if track is None:
                out[event.id] = EventChange("new")
                continue
            reasons = _differences(snapshots[event.id], self._track(track, limit))
            out[event.id] = EventChange("updated" if reasons else "unchanged", tuple(reasons))
        return out

    def record(self, brief: Brief) -> bool:
        """Store a brief in one transaction; False (and no change) when the same brief is already stored."""
        fp = fingerprint(brief)
        self._db.execute("BEGIN IMMEDIATE")
        try:
            if self._db.execute("SELECT 1 FROM briefs WHERE fingerprint = ?", (fp,)).fetchone():
                self._db.execute("ROLLBACK")
                return False
            now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
            cur = self._db.execute("INSERT INTO briefs(date, generated_at, fingerprint, recorded_at) VALUES (?,?,?,?)",
                                   (brief.date, brief.generated_at, fp, now))
            bid = int(cur.lastrowid or 0)
            snapshots = {e.id: snapshot(e, brief) for e in brief.events}
            tracks = self._match(snapshots, bid)
            for event_id, snap in snapshots.items():
                track = tracks.get(event_id) or int(
                    self._db.execute("INSERT INTO tracks(brief) VALUES (?)", (bid,)).lastrowid or 0)
                self._store(track, bid, snap)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return True

    def _store(self, track: int, bid: int, snap: _Snapshot) -> None:
        """Insert one event's snapshot rows for `track`."""
        self._db.execute("INSERT INTO appearances VALUES (?,?,?)", (track, bid, snap.event))
        self._db.executemany("INSERT OR IGNORE INTO articles VALUES (?,?,?,?)",
                             [(track, key, content, bid) for keys, content in snap.articles.values() for key in keys])
        self._db.executemany("INSERT OR IGNORE INTO claims VALUES (?,?,?,?)",
                             [(track, key, status, bid) for key, status in snap.claims.items()])
        self._db.executemany("INSERT OR IGNORE INTO figures VALUES (?,?,?,?)",
                             [(track, unit, v, bid) for unit, vals in snap.figures.items() for v in vals])

    def _match(self, snapshots: Mapping[str, _Snapshot], limit: int) -> dict[str, int]:
        """Event id → the earlier track it continues (most shared articles; each track used once)."""
        scores: list[tuple[int, int, str, int]] = []  # (-shared, -track, event, track)
        for event_id, snap in snapshots.items():
            shared: dict[int, int] = {}
            for keys, _ in snap.articles.values():
                found = self._tracks_with(keys, limit)
                for track in found:
                    shared[track] = shared.get(track, 0) + 1
            scores += [(-n, -track, event_id, track) for track, n in shared.items()]
        chosen: dict[str, int] = {}
        for _, _, event_id, track in sorted(scores):
            if event_id not in chosen and track not in chosen.values():
                chosen[event_id] = track
        return chosen

    def _tracks_with(self, keys: Iterable[str], limit: int) -> set[int]:
        """Tracks recorded before `limit` that hold an article with any of `keys`."""
        keys = list(keys)
        marks = ",".join("?" * len(keys))
        rows = self._db.execute(f"SELECT DISTINCT track FROM articles WHERE brief < ? AND key IN ({marks})",
                                (limit, *keys)).fetchall()
        return {int(r[0]) for r in rows}

    def _track(self, track: int, limit: int) -> tuple[dict[str, set[str]], dict[str, str], dict[str, frozenset[str]]]:
        """A track as of its last brief before `limit`: article key → contents, claim statuses, figures."""
        articles: dict[str, set[str]] = {}
        for key, content in self._db.execute("SELECT key, content FROM articles WHERE track = ? AND brief < ?",
                                             (track, limit)):
            articles.setdefault(key, set()).add(content)
        last = self._db.execute("SELECT MAX(brief) FROM appearances WHERE track = ? AND brief < ?",
                                (track, limit)).fetchone()[0]
        claims = dict(self._db.execute("SELECT key, status FROM claims WHERE track = ? AND brief = ?", (track, last)))
        figures: dict[str, set[str]] = {}
        for unit, value in self._db.execute("SELECT unit, value FROM figures WHERE track = ? AND brief = ?",
                                            (track, last)):
            figures.setdefault(unit, set()).add(value)
        return articles, claims, {u: frozenset(v) for u, v in figures.items()}


def _differences(snap: _Snapshot, old: tuple[dict[str, set[str]], dict[str, str], dict[str, frozenset[str]]]
                 ) -> list[str]:
    """Why an event differs from its track's previous state (empty when it does not)."""
    articles, claims, figures = old
    new_sources, revised = [], []
    for aid, (keys, content) in snap.articles.items():
        seen = [articles[k] for k in keys if k in articles]
        if not seen:
            new_sources.append(snap.labels[aid])
        elif not any(content in contents for contents in seen):
            revised.append(snap.labels[aid])
    reasons = [f"new sources: {', '.join(new_sources)}"] if new_sources else []
    reasons += [f"revised articles: {', '.join(revised)}"] if revised else []
    added = [k for k in snap.claims if k not in claims]
    reasons += [f"{len(added)} new claim{'s' if len(added) > 1 else ''}"] if added else []
    moved = sorted({f"{claims[k]} → {s}" for k, s in snap.claims.items() if k in claims and claims[k] != s})
    reasons += [f"claim status changed ({'; '.join(moved)})"] if moved else []
    changed = [f"{u} {'/'.join(sorted(figures[u]))} → {'/'.join(sorted(v))}"
               for u, v in sorted(snap.figures.items()) if u in figures and figures[u] != v]
    reasons += [f"changed figures: {'; '.join(changed)}"] if changed else []
    return reasons


def _hash(text: str) -> str:
    """A short stable hash of normalised text."""
    return hashlib.sha1(match_key(text).encode("utf-8")).hexdigest()[:16]


def article_keys(article: Article) -> frozenset[str]:
    """Identity keys of an article: normalised URL, outlet-qualified id, text hash."""
    keys = {f"hash:{_hash(article.text)}", f"id:{article.outlet or ''}/{article.id}"}
    if article.url:
        keys.add("url:" + article.url.strip().lower().split("#", 1)[0].rstrip("/").removeprefix("http://")
                 .removeprefix("https://").removeprefix("www."))
    return frozenset(keys)


def figures_in(texts: Iterable[str]) -> dict[str, frozenset[str]]:
    """Figures with what they count, grouped by unit ("killed": {"12"}), read by the claims stage's reader."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for q in quantities(text):
            if q.unit is not None and q.unit != "year" and not q.unit.startswith("n:"):
                found.setdefault(q.unit, set()).add(f"{q.value:g}")
    return {unit: frozenset(values) for unit, values in found.items()}


def snapshot(event: EventReport, brief: Brief) -> _Snapshot:
    """The comparable content of one event of a brief."""
    by_id = {s.article.id: s.article for s in brief.sources}
    arts = [by_id[a] for a in event.sources if a in by_id]
    # Per statement: a source adding its own wording of a claim is a new claim; a status change shows on each.
    claims: dict[str, str] = {_hash(st.text): c.status for c in event.claims for st in c.statements}
    return _Snapshot(
        event=event.id,
        articles={a.id: (article_keys(a), _hash(a.text)) for a in arts},
        labels={a.id: a.outlet or a.id for a in arts},
        claims=claims,
        figures=figures_in(a.text for a in arts),
    )


def fingerprint(brief: Brief) -> str:
    """A hash of what the state compares: each event's articles, claims and figures (not timestamps)."""
    parts = []
    for event in brief.events:
        snap = snapshot(event, brief)
        parts.append(repr((sorted(c for _, c in snap.articles.values()), sorted(snap.claims.items()),
                           sorted((u, sorted(v)) for u, v in snap.figures.items()))))
    return hashlib.sha1("\n".join(sorted(parts)).encode("utf-8")).hexdigest()


def annotate(brief: Brief, changes: Mapping[str, EventChange], previous: str | None) -> Brief:
    """The brief with a header note per new or updated event (event numbers as in the Markdown)."""
    since = f"the brief of {previous}"
    notes = []
    events = []
    for n, event in enumerate(brief.events, 1):
        change = changes.get(event.id)
        if change is None or change.status == "unchanged" or previous is None:
            events.append(event)
            continue
        why = f": {'; '.join(change.reasons)}" if change.reasons else ""
        notes.append(f"Event {n} is {change.status} since {since}{why}.")
        events.append(dataclasses.replace(event, change=f"{change.status.capitalize()} since {previous}{why}"))
    if previous is None:
        notes = ["No earlier brief is recorded: every event is new."]
    elif not notes:
        notes = [f"Nothing new since {since}."]
    return dataclasses.replace(brief, notes=(*brief.notes, *notes), events=tuple(events))
