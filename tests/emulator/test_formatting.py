"""Telegram's HTML parsing, UTF-16 offsets, bot commands, safe rendering."""

from __future__ import annotations

import pytest

from emulator.formatting import (
    ParseError,
    bot_command_entities,
    parse_html,
    render_html,
    trim,
    utf16_len,
)


def test_html_gives_clean_text_and_utf16_entities() -> None:
    text, entities = parse_html('😀 <b>Chào</b> <a href="https://vi.wikipedia.org">bạn</a>')
    assert text == "😀 Chào bạn"
    # the emoji is two UTF-16 code units, so "Chào" starts at 3
    assert entities == [
        {"type": "bold", "offset": 3, "length": 4},
        {"type": "text_link", "offset": 8, "length": 3, "url": "https://vi.wikipedia.org"},
    ]


def test_html_entities_and_nested_tags() -> None:
    text, entities = parse_html("<b>a <i>b</i></b> &lt;tag&gt; &amp; &#273; &#x1ec7; &quot;")
    assert text == 'a b <tag> & đ ệ "'
    assert {"type": "italic", "offset": 2, "length": 1} in entities
    assert {"type": "bold", "offset": 0, "length": 3} in entities


def test_pre_with_language_and_spoilers() -> None:
    text, entities = parse_html(
        '<pre><code class="language-python">x = 1</code></pre>'
        '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>'
    )
    assert text == "x = 1st"
    assert entities[0] == {"type": "pre", "offset": 0, "length": 5, "language": "python"}
    assert [e["type"] for e in entities[1:]] == ["spoiler", "spoiler"]


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("Chào <br>", 'Unsupported start tag "br" at byte offset 6'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a href=x!>y</a>", "Unexpected end of name token at byte offset 8"),
    ],
)
def test_malformed_html_is_refused_with_telegrams_words(source: str, error: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse_html(source)
    assert str(raised.value) == error


def test_bare_ampersand_is_text_as_on_telegram_but_strict_mode_refuses_it() -> None:
    assert parse_html("Tom & Jerry")[0] == "Tom & Jerry"
    with pytest.raises(ParseError, match="Character '&' at byte offset 4"):
        parse_html("Tom & Jerry", strict_ampersand=True)


def test_trim_keeps_entities_on_their_letters() -> None:
    text, entities = trim("\n  xin <chào>  \n", [{"type": "bold", "offset": 7, "length": 6}])
    assert text == "xin <chào>"
    assert entities == [{"type": "bold", "offset": 4, "length": 6}]


def test_utf16_length_counts_astral_characters_twice() -> None:
    assert utf16_len("Việt Nam") == 8
    assert utf16_len("🇻🇳") == 4


def test_bot_commands_are_found_like_telegram() -> None:
    assert bot_command_entities("/start abc") == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert bot_command_entities("ôi /menu@chibo_local_bot nhé") == [
        {"type": "bot_command", "offset": 3, "length": 21}
    ]
    assert bot_command_entities("a/b and http://x/y") == []


def test_render_html_escapes_text_and_keeps_only_telegram_tags() -> None:
    text, entities = parse_html(
        "<b>&lt;script&gt;</b> <i>x</i> <a href='https://a.b/?q=\"1\"'>l</a>"
    )
    html = render_html(text, entities)
    assert html == '<b>&lt;script&gt;</b> <i>x</i> <a href="https://a.b/?q=&quot;1&quot;">l</a>'


def test_render_html_clips_crossing_entities() -> None:
    entities = [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 2, "length": 4},
    ]
    assert render_html("abcdef", entities) == "<b>ab<i>cd</i></b>ef"
