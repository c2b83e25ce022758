"""Distinct events: reports of one topic that name different days, years or magnitudes are kept apart."""

from __future__ import annotations

from summarize.events.cluster import cluster_events, document_vectors
from summarize.events.embed import get_embedder
from summarize.events.evidence import clash, evidence

from builders import article

NAVY_SAT = ("The Indian Navy captured pirates who tried to attack a merchant ship in the Gulf of Aden on Saturday, "
            "officials said. The warship sent commandos to board the pirate boats.")
NAVY_THU = ("The Indian Navy foiled a pirate attack on merchant ships in the Gulf of Aden on Thursday, officials said. "
            "The warship sent commandos and captured the pirates on their boats.")
NAVY_FRI = ("An Indian warship foiled a pirate attack on merchant ships in the Gulf of Aden on Friday, the navy said. "
            "Commandos captured the pirates on their boats.")


def test_reports_naming_days_two_apart_are_two_events_linked_as_related() -> None:
    arts = [article("a", NAVY_SAT, "en"), article("b", NAVY_THU, "en")]
    events = cluster_events(arts, {}, document_vectors(arts, {}, get_embedder("use")))
    assert sorted(e.article_ids for e in events) == [("a",), ("b",)]
    assert all(e.related and "days" in e.related[0][1] for e in events)


def test_reports_a_day_apart_stay_one_event() -> None:
    """Thursday's report and Friday's naming "Friday": one happening, seen on two days."""
    arts = [article("b", NAVY_THU, "en"), article("c", NAVY_FRI, "en")]
    events = cluster_events(arts, {}, document_vectors(arts, {}, get_embedder("use")))
    assert [e.article_ids for e in events] == [("b", "c")] and not events[0].related


def test_magnitudes_and_years_clash_tolls_and_date_stamps_do_not() -> None:
    quake = "A strong earthquake of magnitude {m} struck the region, killing {k} people, officials said."
    a = evidence(article("a", quake.format(m="6.1", k="12"), "en"), None)
    b = evidence(article("b", quake.format(m="7.6", k="12"), "en"), None)
    c = evidence(article("c", quake.format(m="6.1", k="40"), "en"), None)
    assert clash(a, b) == "different figures (6.1 and 7.6 magnitude)"
    assert clash(a, c) is None  # a rising toll is an update of one event
    old = evidence(article("d", "In 2003 a quake destroyed the city of Bam.", "en", published="2003-12-27"), None)
    new = evidence(article("e", "A quake hit the city on Monday.", "en", published="2005-02-22"), None)
    assert clash(old, new) == "different years (2003, 2005)"
    stamp = evidence(article("f", "الأحد 21 يناير 2018 أعلنت القوات المسلحة الأربعاء شراء خمس طائرات", "ar"), None)
    assert stamp.weekday == 2  # Wednesday, the story's day, not Sunday, the page's date stamp
