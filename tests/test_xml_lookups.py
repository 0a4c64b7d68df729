"""The XML wire's look-ups in C find what lxml's ElementPath finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

TAGS = st.sampled_from(["request", "security", "login", "password", "message", "state", "x"])
TREES = st.recursive(TAGS.map(lambda tag: (tag, [])),
                     lambda children: st.tuples(TAGS, st.lists(children, max_size=4)),
                     max_leaves=40)


def _element(tree):
    from lxml import etree

    tag, children = tree
    element = etree.Element(tag, value=str(len(children)))
    element.extend(_element(child) for child in children)
    return element


@settings(max_examples=300, deadline=None)
@given(TREES)
def test_the_xml_look_ups_find_what_elementpath_finds(tree):
    from mockserver.providers.targetsms import xml_api

    root = _element(tree)
    for tag in ("login", "password"):
        assert xml_api._credential(root, tag) is root.find(f"security/{tag}")
    assert list(root.iterchildren("message")) == root.findall("message")
    assert xml_api._first(root, "state") is root.find("state")
    too_deep = root.find("/".join(["*"] * xml_api.MAX_DEPTH)) is not None
    assert xml_api._too_deep()(root) is too_deep
