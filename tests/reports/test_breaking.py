"""Over-long words in a report's HTML get zero-width spaces, so WeasyPrint can lay them out line by
line (issue 17); nothing else changes, and every character is kept."""

import re
import time
import unicodedata

from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from reports.breaking import BREAK, EVERY, THRESHOLD, break_long_words

LONG = "".join(chr(ord("a") + i * 7 % 26) for i in range(100))  # one word of 100 letters


def _pieces(html: str, word: str) -> list[str]:
    """The pieces `word` was broken into in `html`."""
    broken = re.search(BREAK.join(map(re.escape, word)).replace(BREAK, f"{BREAK}?"), html)
    assert broken is not None, "the word is not in the output"
    return broken.group().split(BREAK)


def _tags(html: str) -> list[str]:
    return re.findall(r"<[^>]*>", html)


def test_ordinary_words_are_left_alone():
    words = "Phishing-resistant multi-factor authentication; Datenschutzfolgenabschätzung "
    thirty = "x" * THRESHOLD
    quoted = escape("it\u2019s «quoted» & <tagged>")
    html = f"<p>{words}{thirty} {quoted}</p>"

    assert break_long_words(html) == html


def test_a_long_word_gets_a_break_at_least_every_few_characters():
    word = LONG * 100  # 10,000 characters, the most an explanation may hold

    broken = break_long_words(f'<p class="x">{word}</p>')

    pieces = _pieces(broken, word)
    assert "".join(pieces) == word
    assert max(len(piece) for piece in pieces) == EVERY
    assert broken.count(BREAK) == len(word) // EVERY


def test_only_a_word_longer_than_the_threshold_is_broken():
    at_threshold, past_it = "y" * THRESHOLD, "z" * (THRESHOLD + 1)

    broken = break_long_words(f"<td>{at_threshold}</td><td>{past_it}</td>")

    assert f"<td>{at_threshold}</td>" in broken
    assert BREAK in broken.split("</td>")[1]


def test_tags_attributes_comments_and_non_text_elements_are_untouched():
    head = (
        f'<html><head><title>{LONG}</title><meta name="description" content="{LONG}">'
        f"<style>.a{{content:'{LONG}'}}</style><script>var s='{LONG}';</script></head>"
    )
    markup = (
        f"<a href=\"https://example.com/{LONG}\" title='{LONG}' data-x={LONG}>"
        f'<span data-y="a > {LONG}"><!-- a > "{LONG} --></span>'
        f"<svg><text>{LONG}</text></svg><textarea>{LONG}</textarea><math><mi>{LONG}</mi></math><STYLE>{LONG}</style></a>"
    )
    html = head + "<body>" + markup + f"<p>{LONG}</p></body></html>"

    broken = break_long_words(html)

    assert broken.startswith(head + "<body>" + markup + "<p>")
    assert BREAK in broken[len(head + "<body>" + markup) :]
    assert _tags(broken) == _tags(html)


def test_character_references_are_never_split():
    text = escape('it\'s <a & b> "q" ') * 10
    word = text.replace(" ", "&#x2F;")  # one long run, mostly references

    broken = break_long_words(f"<p>{word}</p>")

    assert BREAK in broken
    assert not re.search(rf"&[#\w]*{BREAK}", broken), "a break inside a reference"
    assert broken.replace(BREAK, "") == f"<p>{word}</p>"


def test_a_run_long_only_in_its_references_is_an_ordinary_word():
    word = "&quot;" + "&amp;" * 20 + "&#x27;"  # 22 characters as printed, 112 in the HTML

    assert break_long_words(f"<p>{word}</p>") == f"<p>{word}</p>"


def _breaks_are_between_whole_characters(broken: str) -> None:
    for at in (m.start() for m in re.finditer(BREAK, broken)):
        before, after = broken[at - 1], broken[at + 1]
        assert unicodedata.category(after)[0] != "M", f"a mark cut from its letter at {at}"
        assert before != "\u200d" and after != "\u200d", f"a ZWJ sequence cut at {at}"
        assert unicodedata.combining(before) != 9, f"a conjunct cut after its virama at {at}"


def test_combining_marks_and_joined_sequences_stay_whole():
    # Words whose length in code points does not divide the piece length, so that a cut by code
    # point would sooner or later land before a mark.
    accented = unicodedata.normalize("NFD", "Sécurité") * 10  # e + combining acute accent
    vocalised = "مُسْتَخْدِم" * 10  # Arabic letters with their vowel marks
    hindi = "क्षत्रिय" * 20  # conjuncts: consonant + virama + consonant
    family = "👨\u200d👩\u200d👧\u200d👦" * 40  # one emoji made of four joined ones
    thumbs = "👍🏽" * 40  # emoji with a skin-tone modifier
    for word in (accented, vocalised, hindi, family, thumbs):
        broken = break_long_words(f"<p>{word}</p>")

        assert BREAK in broken
        assert broken.replace(BREAK, "") == f"<p>{word}</p>"
        _breaks_are_between_whole_characters(broken)


def test_flags_stay_whole():
    flags = "x" + "🇩🇪🇫🇷🇯🇵" * 15  # each flag is a pair of regional indicators

    pieces = _pieces(break_long_words(f"<p>{flags}</p>"), flags)

    assert len(pieces) > 1
    assert all(re.fullmatch(r"x?(?:[\U0001F1E6-\U0001F1FF]{2})+", piece) for piece in pieces)


def test_a_text_already_holding_break_opportunities_is_left_alone():
    spaced = BREAK.join(LONG[i : i + 20] for i in range(0, len(LONG), 20))

    assert break_long_words(f"<p>{spaced}</p>") == f"<p>{spaced}</p>"


def test_a_no_break_space_does_not_end_a_word():
    word = "\u00a0".join(["Section"] * 8)  # no break opportunity anywhere in it

    assert BREAK in break_long_words(f"<p>{word}</p>")


def test_urls_break_after_their_punctuation():
    url = "https://trust.vendor-example.com/docs/architecture_guide/v4.pdf?tenant=acme&amp;page=2"

    pieces = _pieces(break_long_words(f"<p>Evidence: {url}</p>"), url)

    assert pieces == [
        "https://",
        "trust.",
        "vendor-",
        "example.com/",
        "docs/archite",  # no punctuation past the middle of this window: cut at its end
        "cture_guide/",
        "v4.pdf?",
        "tenant=acme&amp;",
        "page=2",
    ]


def test_hashes_break_every_few_characters():
    sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    pieces = _pieces(break_long_words(f"<td>{sha256}</td>"), sha256)

    assert [len(piece) for piece in pieces] == [12, 12, 12, 12, 12, 4]


def test_chinese_and_japanese_are_left_alone():
    # Ideographs already allow a break on either side; a break next to one could also start a
    # line with a closing mark the typesetting rules forbid there.
    japanese = "東京セキュリティ株式会社は、クラウドの設定を確認しました。" * 3
    chinese = "供应商声称所有管理员账户均已启用防钓鱼多因素认证并按季度审查访问权限。" * 2
    for text in (japanese, chinese):
        assert break_long_words(f"<p>{text}</p>") == f"<p>{text}</p>"


def test_a_latin_word_inside_japanese_is_broken_and_the_japanese_is_not():
    html = f"<p>設定ファイル{LONG}を確認しました。</p>"

    broken = break_long_words(html)

    assert broken.startswith("<p>設定ファイル" + LONG[:EVERY] + BREAK)
    assert broken.endswith(LONG[-(len(LONG) % EVERY) :] + "を確認しました。</p>")


def test_arabic_and_hebrew_words_are_intact():
    names = "<p><bdi>بوابة آمنة</bdi> · <bdi>שער מאובטח</bdi> · وَالْمُسْتَخْدِمِينَ</p>"

    assert break_long_words(names) == names


def test_a_long_arabic_or_hebrew_word_keeps_every_letter_in_order():
    for word in ("بوابةآمنة" * 8, "שערמאובטח" * 8):
        broken = break_long_words(f"<p>{word}</p>")

        assert BREAK in broken
        assert broken.replace(BREAK, "") == f"<p>{word}</p>"


# Text as Django's template engine puts it into the page: escaped, between tags.
_text = st.text(st.characters(blacklist_characters=BREAK, blacklist_categories=("Cs",)))
_word_chars = st.sampled_from("abcdefXYZ0189/-_.?=&<>\"' éèüß中東ــ\u0301\u200dبשक्")
_words = st.lists(st.text(_word_chars, min_size=1, max_size=80), max_size=6).map(" ".join)


@given(parts=st.lists(st.one_of(_text, _words), max_size=6))
def test_removing_the_breaks_gives_back_the_input_and_leaves_every_tag(parts):
    html = "".join(f'<p class="x" title="{escape(p)}">{escape(p)}</p>' for p in parts)

    broken = break_long_words(html)

    assert broken.replace(BREAK, "") == html
    assert _tags(broken) == _tags(html)
    assert break_long_words(broken) == broken  # nothing left to break


def _seconds_to_break(html: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        break_long_words(html)
        best = min(best, time.perf_counter() - started)
    return best


def test_breaking_takes_time_in_proportion_to_the_volume_whatever_its_shape():
    volume = 2_000_000  # characters: twice the HTML of the longest legal report
    prose = '<p class="x">The vendor states this in section 4.2; &quot;ok&quot;. See the guide.</p>'
    shapes = {
        "prose": prose * (volume // len(prose)),
        "10,000-character words": f"<p>{LONG * 100}</p>" * (volume // 10_000),
        "one word": f"<p>{LONG * (volume // 100)}</p>",
    }

    seconds = {shape: _seconds_to_break(html) for shape, html in shapes.items()}

    assert max(seconds.values()) < 2.0, seconds
    assert seconds["one word"] < 3 * seconds["10,000-character words"] + 0.05, seconds
