"""The history dialog's widget ids; a button's callback data begins with its id."""

BACK = "back"
HISTORY_MONTHS = "hm"
NEXT_YEAR = "ny"
PREV_YEAR = "py"
