"""Saved web pages: main text without boilerplate, metadata from the page, unusable pages skipped."""

from __future__ import annotations

from pathlib import Path

from summarize.ingest.webpage import read_html
from summarize.model import Article, Skipped

PAGES = Path(__file__).parent / "fixtures" / "pages"


def test_saved_arabic_page_becomes_an_article() -> None:
    got = read_html(PAGES / "ar_article.html", outlets={"alarabiya.net": "Al Arabiya"})
    assert isinstance(got, Article)
    assert got.id == "ar_article.html" and got.lang == "ar" and got.published == "2024-11-30"
    assert got.url == "https://www.alarabiya.net/arabic/2024/11/30/army-villages"
    assert got.outlet == "Al Arabiya" and got.title == "الجيش يعلن السيطرة على ثلاث قرى في الريف الشمالي"
    assert got.text.startswith("قال الجيش إن قواته سيطرت على ثلاث قرى")
    for boilerplate in ("الرئيسية", "رياضة", "جميع الحقوق محفوظة", "tracking", "color:red"):
        assert boilerplate not in got.text
    assert got.text.count("\n") == 2  # three paragraphs


def test_site_name_is_the_outlet_without_a_mapping() -> None:
    got = read_html(PAGES / "ar_article.html")
    assert isinstance(got, Article) and got.outlet == "العربية"


def test_pages_without_an_article_are_skipped_with_a_reason(tmp_path: Path) -> None:
    got = read_html(PAGES / "empty.html")
    assert isinstance(got, Skipped) and got.reason.startswith("too little text")
    missing = read_html(tmp_path / "gone.html")
    assert isinstance(missing, Skipped) and "unreadable" in missing.reason
