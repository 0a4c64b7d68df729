import gsm0338  # noqa: F401  (registers the "gsm03.38" codec the counting is checked against)
from hypothesis import given
from hypothesis import strategies as st

from mockserver.core.segments import Encoding, count_parts, segment

GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCXYZÄÖÑÜ§¿abcxyzäöñüà"


def test_gsm7_boundaries():
    assert count_parts("a" * 160) == 1
    assert count_parts("a" * 161) == 2
    assert count_parts("a" * 306) == 2
    assert count_parts("a" * 307) == 3
    assert count_parts("a" * 720) == 5  # SMSC: 720 Latin characters are 5 parts


def test_ucs2_boundaries():
    assert count_parts("я" * 70) == 1
    assert count_parts("я" * 71) == 2
    assert count_parts("я" * 134) == 2
    assert count_parts("я" * 135) == 3


def test_extension_characters_take_two_septets():
    assert segment("€" * 80) == segment("a" * 160)
    assert count_parts("€" * 81) == 2


def test_one_cyrillic_letter_makes_the_whole_text_ucs2():
    assert segment("a" * 69 + "я").encoding is Encoding.UCS2
    assert count_parts("a" * 70 + "я") == 2


def test_emoji_outside_the_bmp_take_two_units():
    assert segment("😀" * 35).units == 70 and count_parts("😀" * 35) == 1
    assert count_parts("😀" * 36) == 2


@given(st.text(alphabet=GSM_BASIC, max_size=1200))
def test_gsm_parts_formula(text):
    units = segment(text).units
    assert segment(text).encoding is Encoding.GSM7
    expected = 1 if units <= 160 else -(-units // 153)
    assert count_parts(text) == expected


@given(st.text(min_size=1, max_size=600).filter(lambda t: any(ord(c) > 0x24F for c in t)))
def test_parts_are_enough_for_the_text(text):
    seg = segment(text)
    capacity = (160 if seg.parts == 1 else 153 * seg.parts) if seg.encoding is Encoding.GSM7 \
        else (70 if seg.parts == 1 else 67 * seg.parts)
    assert seg.units <= capacity


@given(st.text(max_size=300))
def test_counting_agrees_with_encoding_through_the_gsm0338_codec(text):
    try:
        septets = len(text.encode("gsm03.38"))
    except UnicodeEncodeError:
        assert segment(text).encoding is Encoding.UCS2
    else:
        assert segment(text).units == septets
        assert segment(text).encoding is Encoding.GSM7
