"""The files of an SMSC MMS in the inbox: described on the message (name, type, size, where
to get it) and served from the request that uploaded them; a plain image as itself, anything
a browser could run only as a download."""

from __future__ import annotations

import aiohttp

from mockserver.web.inbox import FEED

PHONE = "79001234567"
# The smallest GIF there is: one transparent pixel.
GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
       b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
PAGE = b"<script>alert(document.cookie)</script>"


def mms_form(*files: tuple[str, bytes, str]) -> aiohttp.FormData:
    form = aiohttp.FormData()
    for key, value in {"login": "demo", "psw": "demo", "phones": PHONE, "mms": "1",
                       "subj": "Фото", "mes": "Смотри", "fmt": "3", "charset": "utf-8"}.items():
        form.add_field(key, value)
    for n, (filename, payload, content_type) in enumerate(files, 1):
        form.add_field(f"file{n}", payload, filename=filename, content_type=content_type)
    return form


async def send_mms(client, admin, *files) -> dict:
    response = await client.post("/sys/send.php", data=mms_form(*files))
    assert (await response.json())["cnt"] == 1
    [newest] = (await admin.get("/inbox/messages?order=desc&limit=1", expect=200))["messages"]
    return newest


async def test_an_mms_shows_its_files_and_serves_an_image_as_itself(client, admin):
    view = await send_mms(client, admin, ("cat.gif", GIF, "image/gif"))
    [described] = view["files"]
    assert described == {"field": "file1", "filename": "cat.gif", "content_type": "image/gif",
                         "size": len(GIF), "truncated": False, "inline": True,
                         "url": f"/__admin/inbox/messages/{view['id']}/files/0"}
    detail = await admin.get(f"/inbox/messages/{view['id']}", expect=200)
    assert detail["message"]["files"] == [described]
    served = await client.get(described["url"])
    assert served.status == 200 and await served.read() == GIF
    assert served.content_type == "image/gif"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Disposition"].startswith("inline")


async def test_what_a_browser_could_run_is_only_a_download(client, admin):
    view = await send_mms(client, admin, ("a.gif", GIF, "image/gif"),
                          ("page.html", PAGE, "text/html"),
                          ("vector.svg", b"<svg onload='alert(1)'/>", "image/svg+xml"))
    assert [f["inline"] for f in view["files"]] == [True, False, False]
    for described, payload in zip(view["files"][1:], (PAGE, b"<svg onload='alert(1)'/>"), strict=True):
        served = await client.get(described["url"])
        assert await served.read() == payload
        assert served.content_type == "application/octet-stream"
        assert served.headers["Content-Disposition"].startswith("attachment")
        assert "sandbox" in served.headers["Content-Security-Policy"]


async def test_a_file_the_message_does_not_have_is_not_found(client, admin):
    view = await send_mms(client, admin, ("a.gif", GIF, "image/gif"))
    for index in ("1", "-1", "x"):
        missing = await admin.get(f"/inbox/messages/{view['id']}/files/{index}", expect=404)
        assert missing["error"]["code"] == "file_not_found"
    await admin.get("/inbox/messages/no-such-id/files/0", expect=404)


async def test_a_message_without_files_has_none_to_show(client, admin):
    await client.get("/sys/send.php", params={"login": "demo", "psw": "demo", "phones": PHONE,
                                              "mes": "Hi", "fmt": "3"})
    [view] = (await admin.get("/inbox/messages?order=desc", expect=200))["messages"]
    assert "files" not in view
    await admin.get(f"/inbox/messages/{view['id']}/files/0", expect=404)


async def test_files_whose_request_left_the_journal_are_gone(client, admin):
    view = await send_mms(client, admin, ("a.gif", GIF, "image/gif"))
    client.app[FEED].links.clear()  # as when the journal's capacity has pushed the request out
    gone = await admin.get(f"/inbox/messages/{view['id']}/files/0", expect=404)
    assert gone["error"]["code"] == "file_gone"
