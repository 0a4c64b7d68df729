async def test_send_example(client):
    r = await client.get("/im/send/", params={"username": "demo", "api_key": "demo",
                                              "to": "380501234567", "im_message": "Hi"})
    assert r.status == 200
    body = await r.json()
    assert body["reply"][0]["status"] == "OK"
