"""The year setup dialog: what its windows show."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    actor_of,
    messages_data,
    now_of,
    short,
    show_error,
    transaction,
    tz_of,
)
from domain import cells, years
from domain.errors import DomainError
from domain.plans import plan_year
from domain.vocabulary import PlanWording
from locales import SafeHTML, html, t

YEAR = "year"


POSITION = "position"


SOURCE_TEXT = {
    (years.Source.OWN, True): "year-source-own-committee",
    (years.Source.OWN, False): "year-source-own-national",
    (years.Source.NATIONAL, True): "year-source-national",
    (years.Source.TEMPLATE, True): "year-source-template",
    (years.Source.TEMPLATE, False): "year-source-template",
}


OTHER_WORDING = {PlanWording.FOLLOW: PlanWording.PRACTISE, PlanWording.PRACTISE: PlanWording.FOLLOW}


WORDING_BUTTON = {
    PlanWording.FOLLOW: "year-wording-to-follow",
    PlanWording.PRACTISE: "year-wording-to-practise",
}


def setup_year(manager: DialogManager) -> int:
    if YEAR not in manager.dialog_data:
        manager.dialog_data[YEAR] = plan_year(now_of(manager), tz_of(manager))
    return int(manager.dialog_data[YEAR])


async def _load(manager: DialogManager) -> tuple[years.YearSetup, str, bool]:
    """The setup of the person's scope, the scope's name, and whether they may change it."""
    actor = await actor_of(manager)
    async with transaction(manager) as session:
        scope = await years.setup_scope(session, actor)
        setup = await years.view_setup(session, actor, setup_year(manager), scope)
        committee = await cells.get_committee(session, scope) if scope is not None else None
        editable = await years.may_edit(session, actor, scope)
    name = committee.name if committee is not None else t("year-scope-national")
    return setup, name, editable


def _section_lines(setup: years.YearSetup) -> SafeHTML:
    return SafeHTML(
        "\n".join(
            html("year-section-line", position=s.position, title=s.title, plans=s.plans)
            for s in setup.sections
        )
    )


async def overview_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data, _setup = await _overview(dialog_manager)
    return data


async def _overview(
    dialog_manager: DialogManager,
) -> tuple[dict[str, Any], years.YearSetup | None]:
    year = setup_year(dialog_manager)
    data: dict[str, Any] = {
        "year": str(year),
        "prev_year": str(year - 1),
        "next_year": str(year + 1),
        "has_next_year": year <= plan_year(now_of(dialog_manager), tz_of(dialog_manager)),
        "ready": False,
    }
    try:
        setup, scope, editable = await _load(dialog_manager)
    except DomainError as error:
        show_error(dialog_manager, error)
        return {**data, **messages_data(dialog_manager)}, None
    committee_scope = setup.committee_id is not None
    data.update(
        ready=True,
        scope=scope,
        source=t(SOURCE_TEXT[(setup.source, committee_scope)]),
        plan_title=setup.plan_title,
        theme=setup.theme,
        has_theme=bool(setup.theme),
        no_theme=not setup.theme,
        sections=_section_lines(setup),
        editable=editable,
        read_only=not editable,
        read_only_text=t(
            "year-read-only-committee" if committee_scope else "year-read-only-national"
        ),
        wording_button=t(WORDING_BUTTON[OTHER_WORDING[setup.wording]]),
        section_buttons=[
            {
                "id": s.position,
                "label": t("year-section-button", position=s.position, title=short(s.title, 40)),
            }
            for s in setup.sections
        ],
    )
    return {**data, **messages_data(dialog_manager)}, setup


async def section_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data, setup = await _overview(dialog_manager)
    if setup is None:
        return data
    position = int(dialog_manager.dialog_data.get(POSITION, 0))
    found = next((s for s in setup.sections if s.position == position), None)
    if found is None:
        data.update(found=False, title="", guidance="", has_guidance=False)
        return data
    index = setup.sections.index(found)
    data.update(
        found=True,
        position=found.position,
        title=found.title,
        guidance=found.guidance,
        has_guidance=bool(found.guidance),
        usage=t("year-section-used", plans=found.plans)
        if found.plans
        else t("year-section-unused"),
        can_up=data["editable"] and index > 0,
        can_down=data["editable"] and index + 1 < len(setup.sections),
    )
    return data
