"""Every dialog's states, one ``StatesGroup`` per dialog."""

from aiogram.fsm.state import State, StatesGroup


class MainSG(StatesGroup):
    menu = State()
    help = State()
    zalo = State()


class GuestSG(StatesGroup):
    """Someone who is not (yet) an active member."""

    welcome = State()
    pending = State()


class JoinSG(StatesGroup):
    """Joining a cell with an invite code."""

    confirm = State()
    name = State()
    invalid = State()
    done = State()


class PlanSG(StatesGroup):
    """The member's yearly plan."""

    overview = State()
    section = State()
    item = State()
    edit_item = State()
    delete_item = State()
    preview = State()


class ReportSG(StatesGroup):
    """The member's monthly report."""

    item = State()
    note = State()
    no_plan = State()
    free = State()
    difficulties = State()
    proposals = State()
    preview = State()
    months = State()


class HistorySG(StatesGroup):
    months = State()
    report = State()


class MeetingSG(StatesGroup):
    next = State()
    absence = State()


class SecretarySG(StatesGroup):
    """A cell's secretary or deputy: the month, nudges, each report, exports."""

    summary = State()
    missing = State()
    members = State()
    member_report = State()
    models = State()


class CommitteeSG(StatesGroup):
    """A committee member: the roll-up of the committee's cells, the committee's names."""

    rollup = State()
    names = State()
    edit_name = State()


class MembersSG(StatesGroup):
    """A cell's leaders: the member list, join requests, deputies, leaving, transfers, invites."""

    roster = State()
    member = State()
    rename = State()
    confirm_left = State()
    transfer = State()
    confirm_transfer = State()
    invite = State()
    former = State()
    former_member = State()
    confirm_anonymise = State()


class CellInfoSG(StatesGroup):
    """A cell's leaders: the lines the cell's documents print in their heading."""

    overview = State()
    locality = State()
    upper_unit = State()


class PlanReviewSG(StatesGroup):
    """A cell's leaders: who registered this year's plan; read, acknowledge or return one."""

    plans = State()
    plan = State()
    comment = State()


class MeetingAdminSG(StatesGroup):
    """A cell's leaders: the regular rule, the next meetings, moving, cancelling, topics."""

    overview = State()
    rule = State()
    rule_day = State()
    rule_time = State()
    rule_place = State()
    meeting = State()
    move = State()
    topic = State()
    confirm_cancel = State()


class YearSetupSG(StatesGroup):
    """The year's setup of a committee (or the national default): theme, title, sections."""

    overview = State()
    theme = State()
    section = State()
    rename = State()
    confirm_copy = State()
