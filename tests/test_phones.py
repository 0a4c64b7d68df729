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


def _country_by_parsing(number: str) -> str | None:
    """What phonenumbers says when it parses the whole number: the reference for the shortcut."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse("+" + number)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(parsed)
    if region in (None, "001"):
        region = phonenumbers.region_code_for_country_code(parsed.country_code)
    return None if region in (None, "ZZ", "001") else region.lower()


@settings(max_examples=400, deadline=None)  # phonenumbers loads metadata lazily
@given(st.from_regex(r"[1-9][0-9]{6,14}", fullmatch=True))
def test_the_calling_code_shortcut_agrees_with_parsing_the_whole_number(number):
    info = analyzer.analyze(number)
    assert (info.country if info else None) == _country_by_parsing(number)
