"""The one Han-range test and the one everyday-character table every step shares."""
import pytest

from corpus_clean.han import is_common, is_han


@pytest.mark.parametrize("char,han", [
    ("漢", True), ("汉", True), ("㐀", True), ("\U00020000", True), ("〇", True), ("豈", True),
    ("a", False), ("。", False), ("ㄅ", False), ("あ", False),
])
def test_is_han(char, han):
    assert is_han(char) is han


@pytest.mark.parametrize("char,common", [
    ("的", True), ("国", True), ("們", True), ("國", True),  # GB 2312 level 1, Big5 frequent
    ("犇", False), ("淼", False), ("a", False), ("\U00020000", False),
])
def test_is_common(char, common):
    assert is_common(char) is common


def test_big5_less_frequent_block_is_not_everyday():
    # the first character of Big5's less-frequent block (C940) is not in the frequent one
    assert not is_common(bytes((0xC9, 0x40)).decode("big5"))
