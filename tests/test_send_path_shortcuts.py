"""Shortcuts on the provider send paths give what the general code gives."""

import pytest
from aiohttp.helpers import parse_content_type

from mockserver.core.journal import Journal
from mockserver.middleware import _charset_of


@pytest.mark.parametrize("content_type", [
    "", "text/xml", "application/json; charset=utf-8", 'text/plain; charset="windows-1251"',
    "application/x-www-form-urlencoded;charset=cp1251", "text/html; CHARSET=koi8-r",
    "multipart/form-data; boundary=x; charset=utf-8", "garbage;;=", "text/plain; charset="])
def test_the_cached_charset_is_the_one_aiohttp_reads(content_type):
    expected = parse_content_type(content_type)[1].get("charset") if content_type else None
    assert _charset_of(content_type) == expected


def test_journal_text_is_decoded_when_read_in_the_bodys_own_charset():
    journal = Journal(body_limit=4)
    entry = journal.record(at=None, provider="p", method="POST", path="/", query="",
                           body="Привет".encode("cp1251"), body_charset="cp1251", remote="",
                           status=200, reply=b"ok", reply_charset="no-such-codec",
                           violations=[])
    assert (entry.body, entry.reply, entry.raw_body) == ("Прив…", "ok", "Привет".encode("cp1251"))
    assert journal.last_id == entry.id == 1

