"""summarize.toml, SUMMARIZE_* and flags: one options model, lookup order, validation with helpful errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.config import ConfigError, Settings, find_config, load_settings
from summarize.ingest.common import outlet_for_url

GOOD = """
inputs = ["crawl", "https://example.com/rss.xml"]
out = "briefs"
languages = ["ar", "en"]
lang = "ar"
model = "bigscience/mt0-base"
since = "24h"
[thresholds]
cluster = 0.55
summary_sentences = 3
[feeds]
timeout_s = 5
[outlets]
"www.AlArabiya.net" = "Al Arabiya"
"bbc.co.uk" = "BBC"
"""


def test_local_file_wins_over_the_user_config(tmp_path: Path) -> None:
    user = tmp_path / "xdg" / "summarize"
    user.mkdir(parents=True)
    (user / "summarize.toml").write_text('model = "user-model"\n', encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    assert load_settings({}, work, env).model == "user-model"
    (work / "summarize.toml").write_text('model = "local-model"\n', encoding="utf-8")
    assert load_settings({}, work, env).model == "local-model"
    assert find_config(tmp_path / "nowhere", {"XDG_CONFIG_HOME": str(tmp_path / "none")}) is None


def test_values_are_validated_and_paths_resolved(tmp_path: Path) -> None:
    (tmp_path / "summarize.toml").write_text("\ufeff" + GOOD, encoding="utf-8")  # a BOM is fine
    settings = load_settings({}, tmp_path, {})
    assert settings.out == tmp_path / "briefs"
    assert settings.inputs == (str(tmp_path / "crawl"), "https://example.com/rss.xml")
    assert (settings.thresholds.cluster, settings.thresholds.summary_sentences) == (0.55, 3)
    assert settings.feeds.timeout_s == 5.0 and settings.feeds.max_bytes == 5_000_000
    assert settings.outlets == {"alarabiya.net": "Al Arabiya", "bbc.co.uk": "BBC"}
    assert settings.since is not None and settings.since.tzinfo is not None
    assert settings.show_langs == ("ar",)


@pytest.mark.parametrize(("text", "message"), [
    ('modle = "x"\n', "did you mean 'model'"),
    ('lang = "fr"\n', "lang: Input should be 'ar', 'en' or 'both'"),
    ("languages = \"ar\"\n", "languages: Input should be a valid tuple"),
    ("[thresholds]\ncluster = -1\n", "thresholds.cluster: Input should be greater than 0"),
    ("[thresholds]\nclustr = 0.5\n", "thresholds.clustr: Extra inputs are not permitted"),
    ("[feeds]\ntimeout_s = nan\n", "feeds.timeout_s"),
    ("[feeds]\ntimeout_s = inf\n", "feeds.timeout_s"),
    ("[feeds]\ntimeout_s = 1e300\n", "feeds.timeout_s: Input should be less than or equal to 3600"),
    ("[outlets]\n\"a.com\" = 3\n", "maps domains to names"),
    ('date = "2024-99-99"\n', "calendar date"),
    ("out = [\n", "not valid TOML"),
])
def test_bad_config_names_the_file_and_the_fix(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "summarize.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"summarize\.toml") as err:
        load_settings({}, tmp_path, {})
    assert message in str(err.value)


def test_outlet_for_url_matches_the_domain_and_its_parents() -> None:
    mapping = {"alarabiya.net": "Al Arabiya", "bbc.co.uk": "BBC"}
    assert outlet_for_url("https://www.alarabiya.net/arabic/2024/11/30/x", mapping) == "Al Arabiya"
    assert outlet_for_url("https://news.bbc.co.uk/a", mapping) == "BBC"
    assert outlet_for_url("https://notalarabiya.net/a", mapping) is None
    assert outlet_for_url("https://co.uk/a", mapping) is None and outlet_for_url(None, mapping) is None


def test_precedence_defaults_then_file_then_environment_then_flags(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "summarize.toml").write_text('model = "file"\nlang = "ar"\n[feeds]\ntimeout_s = 3\n',
                                            encoding="utf-8")
    assert load_settings({}, tmp_path, {}).model == "file"
    monkeypatch.setenv("SUMMARIZE_MODEL", "env")
    monkeypatch.setenv("SUMMARIZE_FEEDS__MAX_BYTES", "1000")
    settings = load_settings({"model": None, "lang": None}, tmp_path, {})
    assert (settings.model, settings.lang, settings.feeds.timeout_s, settings.feeds.max_bytes) == ("env", "ar", 3, 1000)
    flagged = load_settings({"model": "flag", "lang": "en"}, tmp_path, {})
    assert (flagged.model, flagged.lang) == ("flag", "en")
    assert Settings().thresholds.summary_sentences == 4  # no file, no flag: the default


def test_bad_flag_or_environment_value_says_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_EMBEDDER", "bogus")
    with pytest.raises(ConfigError, match="flags or SUMMARIZE_"):
        load_settings({}, tmp_path, {})
