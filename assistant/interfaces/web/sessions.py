"""Consultant sessions: a signed, expiring cookie value, checked without any server-side state.

The value is ``<expiry>.<signature>``, the signature an HMAC-SHA256 of the expiry keyed with the consultant token.
Every server process (``--workers N``) and every restart verifies it alike; changing the token ends every session.
Pure functions of their arguments (the clock is passed in).
"""

from __future__ import annotations

import hashlib
import hmac

SESSION_SECONDS = 12 * 3600  # one working day; then the consultant signs in again
_CONTEXT = b"nearshore-consultant-session:"


def _signature(token: str, expires: int) -> str:
    return hmac.new(token.encode("utf-8"), _CONTEXT + str(expires).encode("ascii"), hashlib.sha256).hexdigest()


def issue_session(token: str, now: float, lifetime: int = SESSION_SECONDS) -> str:
    """A session value for ``token``, valid for ``lifetime`` seconds from ``now``."""
    expires = int(now) + lifetime
    return f"{expires}.{_signature(token, expires)}"


def session_valid(token: str | None, value: str | None, now: float) -> bool:
    """True when ``value`` was issued for ``token`` and has not expired (constant-time signature check)."""
    if not token or not value or value.count(".") != 1:
        return False
    expires, signature = value.split(".")
    if not expires.isdigit() or len(expires) > 12 or int(expires) <= now:
        return False
    return hmac.compare_digest(signature.encode("ascii", "replace"), _signature(token, int(expires)).encode("ascii"))
