"""Splitting answers for Zalo's 2000 characters, and plain text out of Telegram HTML."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conversations.zalo.text import command_key
from delivery.render import MAX_MESSAGE, plain, split_message

words = st.text(alphabet="abcdđêơưạảấầẩẫậ0123456789", min_size=1, max_size=40)
texts = st.lists(
    st.tuples(words, st.sampled_from([" ", "\n", "\n\n"])), min_size=1, max_size=400
).map(lambda parts: "".join(word + sep for word, sep in parts).strip())


@given(texts, st.integers(min_value=50, max_value=MAX_MESSAGE))
def test_pieces_fit_keep_every_word_and_cut_none(text: str, limit: int) -> None:
    pieces = split_message(text, limit)
    assert all(0 < len(piece) <= limit for piece in pieces)
    assert [w for piece in pieces for w in piece.split()] == text.split()


def test_a_word_longer_than_a_message_is_the_only_thing_ever_cut() -> None:
    text = "a" * (MAX_MESSAGE + 5)
    assert split_message(text) == ["a" * MAX_MESSAGE, "aaaaa"]


def test_short_text_is_one_piece() -> None:
    assert split_message("Gõ 1 để gửi báo cáo") == ["Gõ 1 để gửi báo cáo"]


def test_plain_drops_tags_and_decodes_entities() -> None:
    assert plain("<b>Kính gửi</b> đồng chí A &amp; B &lt;3") == "Kính gửi đồng chí A & B <3"


def test_commands_are_read_without_accents_case_or_spaces() -> None:
    assert {command_key(t) for t in ("Hủy", "huỷ", " HUY ", "/huy")} == {"huy"}
    assert command_key("Báo cáo") == "baocao"
    assert command_key("Kế hoạch") == "kehoach"
