"""The next meeting dialog's widget ids; a button's callback data begins with its id."""

ABSENCE = "abs"
ATTEND = "attend"
BACK = "back"
REASON = "reason"
