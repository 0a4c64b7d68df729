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
    from mockserver.core.phones import _country_of, _validated_country_of

    assert _country_of(number) == _validated_country_of(number)


def _phonenumbers_country_of(number: str) -> str | None:
    """The whole analysis by phonenumbers itself, on the digits as given (no national prefix
    stripped): the region of a valid number, else the main country of its calling code."""
    import phonenumbers

    from mockserver.core.phones import _parsed

    parsed = _parsed(number)
    if parsed is None:
        return None
    region = phonenumbers.region_code_for_number(parsed)
    if region is None or region == "001":
        region = phonenumbers.region_code_for_country_code(parsed.country_code)
    return None if region in (None, "ZZ", "001") else region


SHARED_CODES = ["1", "7", "39", "44", "47", "61", "212", "262", "290", "358", "590", "599"]


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(SHARED_CODES), st.from_regex(r"[0-9]{4,12}", fullmatch=True))
def test_a_shared_calling_code_names_the_country_phonenumbers_names(code, rest):
    """Russia and Kazakhstan share +7 (and the US and Canada +1, ...): the leading digits the
    metadata gives each region decide without validating the number, with the same answer."""
    from mockserver.core.phones import _country_of

    number = code + rest
    if 7 <= len(number) <= 15:
        assert _country_of(number) == _phonenumbers_country_of(number)


@pytest.mark.parametrize(("number", "country"), [
    ("77011234567", "KZ"), ("76001234567", "RU"), ("70001234567", "RU"), ("7000", "RU"),
    ("79161234567", "RU"), ("12025550123", "US"), ("16135550123", "CA"), ("18765550123", "JM"),
    ("441534123456", "JE"), ("447700900123", "GB"), ("390669812345", "VA")])
def test_shared_calling_codes_golden(number, country):
    from mockserver.core.phones import _country_of

    assert _country_of(number) == _phonenumbers_country_of(number) == country
