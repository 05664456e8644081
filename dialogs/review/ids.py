"""The review dialog's widget ids; a button's callback data begins with its id."""

ACKNOWLEDGE = "ack"
BACK = "back"
BACK_PLAN = "back_plan"
COMMENT = "comment"
PLANS_PAGE = "plans_page"
PLAN_LIST = "p"
RETURN_PLAN = "ret"
