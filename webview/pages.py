"""The Mini App over HTTP: one page and its script, and JSON endpoints that need initData.

The page itself carries only its Vietnamese words; every figure comes from ``/api/…``,
which answers 403 without a valid signature (``webview.auth``). ``X-Init-Data`` carries
Telegram's ``initData`` string as the page got it from its URL.
"""

from __future__ import annotations

import html
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.cell_view import cell_page, committee_page, member_plan_history, page_month
from domain.clock import Clock
from domain.downloads import issue_download
from domain.errors import DomainError, PermissionDenied
from domain.permissions import Action, Actor, require
from domain.plans import acknowledge_plan
from domain.review import approve_join, refuse_join
from exports.named import CELL_DOCUMENTS, COMMITTEE_DOCUMENTS, redeemed_file
from locales import t
from webview.auth import link_actor, open_link, webview_actor
from webview.present import cell_json, committee_json, history_json, words

STATIC = Path(__file__).parent / "static"
BASE = "/webview/"


@dataclass(frozen=True)
class WebviewContext:
    db: async_sessionmaker[AsyncSession]
    token: str
    clock: Clock


CONTEXT = web.AppKey("webview", WebviewContext)
Use = Callable[[AsyncSession, Actor, web.Request], Awaitable[dict[str, Any]]]


def create_app(db: async_sessionmaker[AsyncSession], token: str, clock: Clock) -> web.Application:
    app = web.Application(client_max_size=64 * 1024)
    app[CONTEXT] = WebviewContext(db, token, clock)
    app.router.add_get(BASE, _page)
    app.router.add_static(BASE + "static/", STATIC)
    app.router.add_post(BASE + "api/link", _link)
    app.router.add_get(BASE + "api/view", _acting(_view))
    app.router.add_post(BASE + "api/plans/{plan_id:\\d+}/acknowledge", _acting(_acknowledge))
    app.router.add_post(
        BASE + "api/joins/{member_id:\\d+}/{decision:accept|refuse}", _acting(_join)
    )
    app.router.add_get(BASE + "api/members/{member_id:\\d+}/plan", _acting(_history))
    app.router.add_post(BASE + "api/exports/{export}", _acting(_export))
    app.router.add_get(BASE + "files/{token}", _download)
    return app


async def _page(request: web.Request) -> web.Response:
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    # Inside <script> nothing is unescaped: keep "<", ">" and "&" out of the JSON itself.
    blob = json.dumps(words(), ensure_ascii=False)
    blob = blob.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    page = page.replace("{{title}}", html.escape(t("webview-title"))).replace("{{words}}", blob)
    return web.Response(text=page, content_type="text/html", headers={"Cache-Control": "no-store"})


def _acting(use: Use) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        context = request.app[CONTEXT]
        init_data = request.headers.get("X-Init-Data", "")
        link = request.headers.get("X-Link-Session")
        try:
            async with context.db() as session, session.begin():
                now = context.clock.now()
                if link is not None:
                    actor = await link_actor(session, link, context.token, now)
                else:
                    actor = await webview_actor(session, init_data, context.token, now)
                body = await use(session, actor, request)
        except PermissionDenied as error:
            return web.json_response({"error": t(error.msg_id, **error.args_)}, status=403)
        except DomainError as error:
            return web.json_response({"error": t(error.msg_id, **error.args_)}, status=409)
        return web.json_response(body, headers={"Cache-Control": "no-store"})

    return handler


async def _month(session: AsyncSession, actor: Actor, request: web.Request) -> tuple[int, int]:
    """The month shown: a cell's, the one the chat asks its members' reports for; a
    committee's (its cells meet on different days), the calendar's."""
    clock = request.app[CONTEXT].clock
    if actor.leads_cell and actor.cell_id is not None:
        return await page_month(session, actor.cell_id, clock.now())
    today = clock.now().astimezone(clock.tz)
    return today.year, today.month


async def _view(session: AsyncSession, actor: Actor, request: web.Request) -> dict[str, Any]:
    year, month = await _month(session, actor, request)
    if actor.leads_cell and actor.cell_id is not None:
        return cell_json(await cell_page(session, actor, actor.cell_id, year, month))
    committee = await committee_page(session, actor, actor.committee_id, year, month)
    return committee_json(committee)


async def _acknowledge(session: AsyncSession, actor: Actor, request: web.Request) -> dict[str, Any]:
    plan_id = int(request.match_info["plan_id"])
    await acknowledge_plan(session, actor, plan_id, request.app[CONTEXT].clock.now())
    return {"acknowledged": plan_id}


async def _join(session: AsyncSession, actor: Actor, request: web.Request) -> dict[str, Any]:
    """Accept or refuse a join request, as the chat's buttons do (the person is told)."""
    member_id = int(request.match_info["member_id"])
    decide = approve_join if request.match_info["decision"] == "accept" else refuse_join
    await decide(session, actor, member_id, request.app[CONTEXT].clock.now())
    return {request.match_info["decision"]: member_id}


async def _history(session: AsyncSession, actor: Actor, request: web.Request) -> dict[str, Any]:
    year, _ = await _month(session, actor, request)
    member_id = int(request.match_info["member_id"])
    return history_json(await member_plan_history(session, actor, member_id, year))


async def _export(session: AsyncSession, actor: Actor, request: web.Request) -> dict[str, Any]:
    """A one-time link to one of the month's files of the actor's cell or committee: the
    page hands it to Telegram (``downloadFile``) or opens it, with no header to carry."""
    year, month = await _month(session, actor, request)
    export = request.match_info["export"]
    if actor.leads_cell:
        require(actor, Action.EXPORT_CELL, cell_id=actor.cell_id)
        documents, unit = CELL_DOCUMENTS, {"cell_id": actor.cell_id}
    else:
        require(actor, Action.VIEW_COMMITTEE_ROLLUP, committee_id=actor.committee_id)
        documents, unit = COMMITTEE_DOCUMENTS, {"committee_id": actor.committee_id}
    if export not in documents:
        raise DomainError("error-download-invalid")
    document = {"export": export, **unit, "year": year, "month": month}
    now = request.app[CONTEXT].clock.now()
    token = await issue_download(session, actor.member_id, document, now)
    return {"url": "files/" + token}


async def _download(request: web.Request) -> web.Response:
    context = request.app[CONTEXT]
    try:
        async with context.db() as session, session.begin():
            file = await redeemed_file(session, request.match_info["token"], context.clock.now())
    except DomainError:
        return web.Response(text=t("webview-download-gone"), status=404)
    return web.Response(
        body=file.content,
        content_type=file.mime,
        headers={
            "Content-Disposition": f'attachment; filename="{file.filename}"',
            "Cache-Control": "no-store",
        },
    )


async def _link(request: web.Request) -> web.Response:
    """A one-time link's token (``X-Link-Token``) for a page session; refused once used."""
    context = request.app[CONTEXT]
    try:
        async with context.db() as session, session.begin():
            once = request.headers.get("X-Link-Token", "")
            value = await open_link(session, once, context.token, context.clock.now())
    except PermissionDenied as error:
        return web.json_response({"error": t(error.msg_id, **error.args_)}, status=403)
    return web.json_response({"session": value}, headers={"Cache-Control": "no-store"})
