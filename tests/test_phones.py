import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockserver.core.phones import PhoneAnalyzer, PhoneInfo

analyzer = PhoneAnalyzer({"ru": {"7900": "20", "79001": "99"}})


@pytest.mark.parametrize(("number", "country", "mcc"), [
    ("7123456789", "ru", "250"),  # the IntelTele document's own example
    ("79001234567", "ru", "250"),
    ("380501234567", "ua", "255"),
    ("77011234567", "kz", "401"),
    ("375291234567", "by", "257"),
    ("+79001234567", "ru", "250"),
])
def test_country_and_mcc(number, country, mcc):
    info = analyzer.analyze(number)
    assert (info.country, info.mcc) == (country, mcc)


def test_longest_operator_prefix_wins():
    assert analyzer.analyze("79001234567").mnc == "99"
    assert analyzer.analyze("79009234567").mnc == "20"
    assert analyzer.analyze("79161234567").mnc == ""


@pytest.mark.parametrize("number", ["99900000000", "abc", "", "123", "7900 123 45 67",
                                    "1" * 16])
def test_unknown_country(number):
    assert analyzer.analyze(number) is None


def test_result_is_digits_only():
    assert analyzer.analyze("+380501234567") == PhoneInfo("380501234567", "ua", "255", "")


@settings(max_examples=400, deadline=None)
@given(st.from_regex(r"[1-9][0-9]{6,14}", fullmatch=True))
def test_the_calling_code_shortcut_agrees_with_the_whole_analysis(number):
    """A calling code with one country names it without looking at the rest of the number;
    the full analysis (validity per region) must say the same for every number."""
    from mockserver.core.phones import _country_of, _shared_code_country_of

    assert _country_of(number) == _shared_code_country_of(number)
