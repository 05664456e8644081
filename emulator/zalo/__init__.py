"""The Zalo bot platform's stand-in, served by the same emulator under ``/zalo``.

``CHIBO_ZALO_API_URL=http://127.0.0.1:<port>/zalo``: a client calls
``f"{api_url}/bot{token}/{method}"`` as it calls ``https://bot-api.zaloplatforms.com``.
The contract (methods, shapes, errors, user API) is in ``emulator/zalo/README.md``.
"""

from emulator.zalo.state import ZALO, ZaloError, ZaloPersona, ZaloWorld

__all__ = ["ZALO", "ZaloError", "ZaloPersona", "ZaloWorld"]
