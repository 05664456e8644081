"""The secretary's and committee's web view: a Telegram Mini App served by chibo itself.

``auth`` checks Telegram's ``initData`` signature and freshness and finds the actor;
``pages`` builds the aiohttp application (one HTML page, its script, JSON endpoints).
The data comes from the domain's use cases, so the permission rules are the chat's.
"""
