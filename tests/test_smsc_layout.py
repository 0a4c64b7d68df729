"""SMSC's JSON layout written through orjson gives the bytes `json.dumps(indent=0)` gives, for
every value the views hand it, including those orjson refuses (they go through `json`)."""

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from mockserver.providers.smsc.formats import money
from mockserver.providers.smsc.layout import json_document


def _plain(value):
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def by_json(value) -> str:
    """The layout as `json` alone writes it."""
    text = json.dumps(_plain(value), indent=0, ensure_ascii=False)
    return text.replace("[\n", "[").replace("\n]", "]")


TEXTS = st.text() | st.sampled_from(["\ud800", "a\udfffb", "\x7f\u2028\u2029", '"\\/', "\x00\x1f"])
SCALARS = (TEXTS | st.integers(min_value=-(2**70), max_value=2**70) | st.booleans() | st.none()
           | st.decimals(min_value=-10**9, max_value=10**9, places=3)
           | st.floats(allow_nan=False, allow_infinity=False))
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                         | st.dictionaries(TEXTS, inner, max_size=4), max_leaves=8)


@given(st.dictionaries(TEXTS, DOCUMENTS, max_size=5) | st.lists(st.dictionaries(TEXTS, DOCUMENTS)))
def test_a_document_has_the_bytes_json_gives_it(document):
    assert json_document(document) == by_json(document)


def test_the_documented_layouts():
    assert json_document({"id": 33, "cnt": 1, "cost": Decimal("1.4")}) == (
        '{\n"id": 33,\n"cnt": 1,\n"cost": "1.40"\n}')
    assert json_document([{"a": "б"}, {"a": True}]) == '[{\n"a": "б"\n},\n{\n"a": 1\n}]'
    assert json_document({"phones": []}) == '{\n"phones": []\n}'
