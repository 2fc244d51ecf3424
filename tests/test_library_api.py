"""The library entry points ``clean`` and ``clean_and_explain`` take paths as users write them."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus_clean import clean, clean_and_explain

PAGE = "我的小站\n今天的天气很好，我们一起去公园散步，看到了很多盛开的花朵和飞翔的小鸟。\n"
RULES = "[site-name max=20 where=edge]\n^我的小站$\n"
BODY = "今天的天气很好，我们一起去公园散步，看到了很多盛开的花朵和飞翔的小鸟。"


@pytest.fixture
def rule_file(tmp_path) -> Path:
    path = tmp_path / "site.rules"
    path.write_text(RULES, encoding="utf-8")
    return path


def test_without_the_rule_file_the_site_name_is_kept(rule_file):
    assert clean(PAGE).startswith("我的小站\n")


@pytest.mark.parametrize("as_given", [str, Path, lambda p: [p], lambda p: (str(p),)],
                         ids=["str", "Path", "list", "tuple"])
def test_rules_takes_one_path_or_a_list(rule_file, as_given):
    assert clean(PAGE, rules=as_given(rule_file)) == BODY


def test_explain_names_the_user_rule_reason(rule_file):
    result = clean_and_explain(PAGE, rules=str(rule_file))
    assert [r.reason for r in result.removals] == ["chrome:site-name", "blank"]  # and the final line break


def test_a_missing_rule_file_is_named(tmp_path):
    with pytest.raises(Exception, match="nowhere.rules"):
        clean(PAGE, rules=str(tmp_path / "nowhere.rules"))
