"""summarize.toml: lookup order, validation with helpful errors, outlet names by domain, precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.config import ConfigError, find_config, load_config, merge
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
    assert load_config(work, env)["model"] == "user-model"
    (work / "summarize.toml").write_text('model = "local-model"\n', encoding="utf-8")
    assert load_config(work, env)["model"] == "local-model"
    assert find_config(tmp_path / "nowhere", {"XDG_CONFIG_HOME": str(tmp_path / "none")}) is None


def test_values_are_validated_and_paths_resolved(tmp_path: Path) -> None:
    (tmp_path / "summarize.toml").write_text(GOOD, encoding="utf-8")
    config = load_config(tmp_path, {})
    assert config["out"] == tmp_path / "briefs"
    assert config["inputs"] == [str(tmp_path / "crawl"), "https://example.com/rss.xml"]
    assert config["thresholds"] == {"cluster": 0.55, "summary_sentences": 3}
    assert config["feeds"] == {"timeout_s": 5.0}
    assert config["outlets"] == {"alarabiya.net": "Al Arabiya", "bbc.co.uk": "BBC"}


@pytest.mark.parametrize(("text", "message"), [
    ('modle = "x"\n', "did you mean 'model'"),
    ('lang = "fr"\n', "use one of ar, en, both"),
    ("languages = \"ar\"\n", "must be a list of strings"),
    ("[thresholds]\ncluster = -1\n", "thresholds.cluster must be a positive float"),
    ("[thresholds]\nclustr = 0.5\n", "unknown key thresholds.clustr"),
    ("[outlets]\n\"a.com\" = 3\n", "maps domains to names"),
    ("out = [\n", "not valid TOML"),
])
def test_bad_config_names_the_file_and_the_fix(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "summarize.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"summarize\.toml") as err:
        load_config(tmp_path, {})
    assert message in str(err.value)


def test_outlet_for_url_matches_the_domain_and_its_parents() -> None:
    mapping = {"alarabiya.net": "Al Arabiya", "bbc.co.uk": "BBC"}
    assert outlet_for_url("https://www.alarabiya.net/arabic/2024/11/30/x", mapping) == "Al Arabiya"
    assert outlet_for_url("https://news.bbc.co.uk/a", mapping) == "BBC"
    assert outlet_for_url("https://notalarabiya.net/a", mapping) is None
    assert outlet_for_url("https://co.uk/a", mapping) is None and outlet_for_url(None, mapping) is None


def test_precedence_config_then_environment_then_flags(tmp_path: Path) -> None:
    config = {"model": "file", "lang": "ar", "out": tmp_path / "a", "_path": tmp_path}
    env = {"SUMMARIZE_MODEL": "env"}
    assert merge(config, env, {"model": None, "lang": None})["model"] == "env"
    merged = merge(config, env, {"model": "flag", "lang": None})
    assert merged["model"] == "flag" and merged["lang"] == "ar" and "_path" not in merged
