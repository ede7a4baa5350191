"""The consultant workspace's door: one ASGI middleware in front of everything under ``/consultant``.

- ``NEARSHORE_CONSULTANT_TOKEN`` unset: the workspace does not exist — every path under it answers 404 with a
  message (JSON, or HTML for a browser) saying how to turn it on.
- Signed out: ``/consultant/`` is a sign-in page with one token field (nothing of the workspace); every other path
  answers 401. ``POST /consultant/login`` checks the token (constant-time; after 3 wrong tokens from one address
  each try waits 2, 4, 8 … s) and sets a signed session cookie (:mod:`.sessions`), ``Path=/consultant``,
  ``HttpOnly``, ``SameSite=Lax``. ``/consultant/logout`` ends it.
- Signed in: the request goes on to the workspace's Gradio app, which checks the same cookie itself as well
  (``auth_dependency``, see :mod:`.faces`).

Every answer under the workspace carries ``X-Frame-Options: DENY``, ``Cache-Control: no-store`` and
``X-Robots-Tag: noindex``: the workspace is never framed by another site, cached or indexed.
"""

from __future__ import annotations

import html
import json
import time
from http.cookies import SimpleCookie
from typing import Callable
from urllib.parse import parse_qs

from assistant.interfaces.web.admin import token_ok
from assistant.interfaces.web.guard import TOO_BIG, read_body
from assistant.interfaces.web.limits import BackoffGuard
from assistant.interfaces.web.sessions import SESSION_SECONDS, issue_session, session_valid

WORKSPACE_PATH = "/consultant"
SESSION_COOKIE = "nearshore_consultant"
MAX_LOGIN_BODY = 4096
DISABLED_MESSAGE = ("The consultant workspace is not enabled on this server: set NEARSHORE_CONSULTANT_TOKEN to a long "
                    "random secret and restart the server to turn it on.")
SIGNED_OUT_MESSAGE = "sign in first: open /consultant/ and enter the consultant token"
_SECURITY_HEADERS = [(b"x-frame-options", b"DENY"), (b"cache-control", b"no-store"), (b"x-robots-tag", b"noindex")]


def session_cookie(cookie_header: str | None) -> str | None:
    """The session value from a ``Cookie`` header (None when absent or unreadable)."""
    if not cookie_header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(cookie_header)
    except Exception:  # noqa: BLE001 - a malformed Cookie header is just "no session"
        return None
    morsel = jar.get(SESSION_COOKIE)
    return morsel.value if morsel is not None else None


def sign_in_page(message: str | None = None) -> str:
    """The sign-in page: a title, an optional message and one password field; everything escaped."""
    note = f'<p class="note" role="alert">{html.escape(message)}</p>' if message else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Consultant workspace — sign in</title>
<style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#1f2937}}
label{{display:block;margin:1rem 0 .3rem;font-weight:600}}input{{width:100%;padding:.6rem;font-size:1rem;
box-sizing:border-box}}button{{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}}.note{{color:#b91c1c}}</style>
</head><body><h1>Consultant workspace</h1>
<p>For the consultancy's staff. Enter the consultant token to continue.</p>{note}
<form method="post" action="login"><label for="token">Consultant token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button id="sign-in" type="submit">Sign in</button></form></body></html>"""


def _disabled_page() -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>'
            f"<body><h1>Not found</h1><p>{html.escape(DISABLED_MESSAGE)}</p></body></html>")


def _wants_html(scope) -> bool:
    accept = dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1")
    return "text/html" in accept


class WorkspaceGate:
    """ASGI middleware that lets only signed-in consultants through to ``path`` (see the module docstring)."""

    def __init__(self, app, token: str | None, path: str = WORKSPACE_PATH, guesses: BackoffGuard | None = None,
                 clock: Callable[[], float] = time.time):
        self.app = app
        self.token = token or None
        self.path = path.rstrip("/")
        self.guesses = guesses or BackoffGuard()
        self.clock = clock

    def _ours(self, path: str) -> bool:
        return path == self.path or path.startswith(self.path + "/")

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket") or not self._ours(scope.get("path", "")):
            await self.app(scope, receive, send)
            return

        async def send_secured(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *_SECURITY_HEADERS]}
            await send(message)

        if scope["type"] == "websocket":  # nothing in the workspace speaks websocket
            await send({"type": "websocket.close", "code": 1008})
            return
        if self.token is None:
            await self._respond(send_secured, 404, *self._disabled(scope))
            return
        path, method = scope["path"], scope.get("method", "GET")
        if path == self.path:
            await self._redirect(send_secured, self.path.rsplit("/", 1)[-1] + "/")
            return
        if path == f"{self.path}/login":
            if method == "POST":
                await self._login(scope, receive, send_secured)
            else:
                await self._redirect(send_secured, "./")
            return
        if path == f"{self.path}/logout":
            await self._redirect(send_secured, "./", cookie=f"{SESSION_COOKIE}=; Max-Age=0; {self._attributes(scope)}")
            return
        value = session_cookie(dict(scope.get("headers") or []).get(b"cookie", b"").decode("latin-1"))
        if session_valid(self.token, value, self.clock()):
            await self.app(scope, receive, send_secured)
            return
        if path == f"{self.path}/" and method in ("GET", "HEAD"):
            message = "Your session has ended (expired, or the token was changed): sign in again." if value else None
            await self._respond(send_secured, 401, "text/html; charset=utf-8", sign_in_page(message))
            return
        await self._respond(send_secured, 401, "application/json", json.dumps({"error": SIGNED_OUT_MESSAGE}))

    def _disabled(self, scope) -> tuple[str, str]:
        if _wants_html(scope):
            return "text/html; charset=utf-8", _disabled_page()
        return "application/json", json.dumps({"error": DISABLED_MESSAGE})

    def _attributes(self, scope) -> str:
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        return f"Path={self.path}; HttpOnly; SameSite=Lax{secure}"

    async def _login(self, scope, receive, send) -> None:
        body = await read_body(receive, MAX_LOGIN_BODY)
        if body is None:  # the client left
            return
        if body is TOO_BIG:
            await self._respond(send, 413, "text/html; charset=utf-8", sign_in_page("That was not a token."))
            return
        given = (parse_qs(body.decode("utf-8", "replace")).get("token") or [""])[0]
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.guesses.wait(client)
        if wait:
            await self._respond(send, 429, "text/html; charset=utf-8",
                                sign_in_page(f"Too many wrong tokens from this address: try again in {wait} s."),
                                [(b"retry-after", str(wait).encode())])
            return
        if not token_ok(self.token, given):
            self.guesses.failed(client)
            await self._respond(send, 401, "text/html; charset=utf-8", sign_in_page("Wrong token."))
            return
        self.guesses.succeeded(client)
        value = issue_session(self.token, self.clock())
        await self._redirect(send, "./", cookie=f"{SESSION_COOKIE}={value}; Max-Age={SESSION_SECONDS}; "
                                                 f"{self._attributes(scope)}")

    @staticmethod
    async def _respond(send, status: int, content_type: str, body: str,
                       headers: list[tuple[bytes, bytes]] | None = None) -> None:
        data = body.encode("utf-8")
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", content_type.encode()), (b"content-length", str(len(data)).encode()),
                                *(headers or [])]})
        await send({"type": "http.response.body", "body": data})

    @staticmethod
    async def _redirect(send, location: str, cookie: str | None = None) -> None:
        headers = [(b"location", location.encode()), (b"content-length", b"0")]
        if cookie:
            headers.append((b"set-cookie", cookie.encode("latin-1")))
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
