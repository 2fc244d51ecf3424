"""Module-level patterns compiled on first use (``corpus_clean/lazy_re.py``): the same
answers as ``re.compile``, and nothing compiled at import."""
import copy
import re
import subprocess
import sys

import pytest

from corpus_clean import lazy_re

CASES = [
    (r"(\d+)\s*(条|條)评论", "共 12 条评论，3 条评论", 0),
    (r"^首页\s*[>›»]\s*(?P<channel>\S+)", "首页 > 新闻 > 正文", 0),
    (r"copyright\s*©?", "Copyright © 2023 COPYRIGHT", re.IGNORECASE),
    (r"[|｜丨]", "关于我们｜联系我们|网站地图", 0),
]


@pytest.mark.parametrize("source, text, flags", CASES)
def test_a_lazy_pattern_answers_as_the_compiled_one(source, text, flags):
    lazy, eager = lazy_re.compile(source, flags), re.compile(source, flags)
    assert lazy.pattern == eager.pattern
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.sub("#", text) == eager.sub("#", text)
    assert lazy.subn("#", text, 1) == eager.subn("#", text, 1)
    assert lazy.split(text) == eager.split(text)
    assert (lazy.search(text, 2) is None) == (eager.search(text, 2) is None)
    assert (lazy.match(text) is None) == (eager.match(text) is None)
    assert (lazy.fullmatch(text) is None) == (eager.fullmatch(text) is None)
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (eager.flags, eager.groups, eager.groupindex)


def test_nothing_is_compiled_before_the_first_use():
    broken = lazy_re.compile("(unclosed")  # a compile now would raise
    with pytest.raises(re.error):
        broken.search("x")


def test_after_the_first_use_a_search_is_the_compiled_patterns_own_method():
    pattern = lazy_re.compile(r"\d+")
    assert pattern.search("a1") is not None
    assert isinstance(pattern.search.__self__, re.Pattern)
    assert isinstance(pattern.match.__self__, re.Pattern)


def test_a_lazy_pattern_copies_before_and_after_its_first_use():
    fresh = lazy_re.compile(r"[a-z]+")
    assert copy.deepcopy(fresh).findall("ab 12 cd") == ["ab", "cd"]
    fresh.search("x")
    assert copy.copy(fresh).findall("ab 12 cd") == ["ab", "cd"]


def test_importing_the_cleaning_steps_compiles_none_of_their_patterns():
    # counted, not timed: the patterns compiled while the pipeline's modules import.  The
    # steps' patterns name CJK text, the standard library's own (json, tokenize...) never
    # do; a compiled module has no Python frame to tell them apart by.
    probe = (
        "import re._compiler as c\n"
        "seen = []\n"
        "real = c.compile\n"
        "def counted(p, flags=0):\n"
        "    seen.append(p)\n"
        "    return real(p, flags)\n"
        "c.compile = counted\n"
        "import corpus_clean.pipeline\n"
        "print(sum(1 for p in seen if isinstance(p, str) and not p.isascii()))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert int(out.stdout) == 0
