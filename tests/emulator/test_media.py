"""Documents and photos: multipart uploads kept in memory, downloadable byte for byte."""

from __future__ import annotations

import os

import aiohttp

from emulator.client import UserClient
from tests.emulator.conftest import BotApi
from tests.emulator.samples import png


async def upload(
    http: aiohttp.ClientSession,
    bot: BotApi,
    method: str,
    field: str,
    data: bytes,
    filename: str,
    **params: str,
) -> tuple[int, dict[str, object]]:
    form = aiohttp.FormData(quote_fields=False)  # UTF-8 file names as aiogram and httpx send
    for key, value in params.items():
        form.add_field(key, value)
    form.add_field(field, data, filename=filename, content_type="application/octet-stream")
    async with http.post(bot.url(method), data=form) as resp:
        return resp.status, await resp.json()


async def test_document_upload_then_download_byte_for_byte(
    http: aiohttp.ClientSession, bot: BotApi, users: UserClient, lan: int
) -> None:
    data = os.urandom(300_000)
    status, body = await upload(
        http,
        bot,
        "sendDocument",
        "document",
        data,
        "Báo cáo tháng 5.xlsx",
        chat_id=str(lan),
        caption="<b>Báo cáo</b> tháng 5",
        parse_mode="HTML",
    )
    assert status == 200, body
    message = body["result"]
    assert isinstance(message, dict)
    document = message["document"]
    assert document["file_name"] == "Báo cáo tháng 5.xlsx"
    assert document["file_size"] == len(data)
    assert document["mime_type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert message["caption"] == "Báo cáo tháng 5"
    assert message["caption_entities"] == [{"type": "bold", "offset": 0, "length": 7}]

    file = await bot.ok("getFile", file_id=document["file_id"])
    assert file["file_size"] == len(data)
    async with http.get(f"{bot.base_url}/file/bot{bot.token}/{file['file_path']}") as resp:
        assert resp.status == 200
        assert await resp.read() == data
    assert await users.download(document["file_id"]) == data

    view = await users.chat(lan)
    shown = view["messages"][-1]
    assert shown["kind"] == "document"
    assert shown["document"]["url"] == f"/_emulator/files/{document['file_id']}"
    assert shown["html"] == "<b>Báo cáo</b> tháng 5"


async def test_file_id_of_an_earlier_upload_can_be_sent_again(
    http: aiohttp.ClientSession, bot: BotApi, lan: int
) -> None:
    _, body = await upload(http, bot, "sendDocument", "document", b"abc", "a.txt", chat_id=str(lan))
    result = body["result"]
    assert isinstance(result, dict)
    file_id = result["document"]["file_id"]
    again = await bot.ok("sendDocument", chat_id=lan, document=file_id)
    assert again["document"]["file_id"] == file_id
    assert await bot.error("sendDocument", chat_id=lan, document="no-such-file") == (
        400,
        "Bad Request: wrong file identifier/HTTP URL specified",
    )
    assert await bot.error("sendPhoto", chat_id=lan, photo=file_id) == (
        400,
        "Bad Request: can't use file of type Document as Photo",
    )
    assert await bot.error("sendDocument", chat_id=lan) == (
        400,
        "Bad Request: there is no document in the request",
    )


async def test_photo_upload_reports_its_size(
    http: aiohttp.ClientSession, bot: BotApi, users: UserClient, lan: int
) -> None:
    image = png(64, 48)
    status, body = await upload(
        http, bot, "sendPhoto", "photo", image, "chart.png", chat_id=str(lan)
    )
    assert status == 200, body
    result = body["result"]
    assert isinstance(result, dict)
    (size,) = result["photo"]
    assert (size["width"], size["height"], size["file_size"]) == (64, 48, len(image))
    assert await users.download(size["file_id"]) == image
    status, body = await upload(
        http, bot, "sendPhoto", "photo", b"not an image", "x.png", chat_id=str(lan)
    )
    assert status == 400 and body["description"] == "Bad Request: IMAGE_PROCESS_FAILED"


async def test_attach_references_as_aiogram_sends_them(
    http: aiohttp.ClientSession, bot: BotApi, lan: int
) -> None:
    form = aiohttp.FormData()
    form.add_field("chat_id", str(lan))
    form.add_field("document", "attach://part1")
    form.add_field("part1", b"%PDF-1.4", filename="bien-ban.pdf", content_type="application/pdf")
    async with http.post(bot.url("sendDocument"), data=form) as resp:
        body = await resp.json()
    assert body["result"]["document"]["file_name"] == "bien-ban.pdf"
    assert body["result"]["document"]["mime_type"] == "application/pdf"
