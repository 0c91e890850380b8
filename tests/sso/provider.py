"""A small but real OpenID Connect provider for the tests, run as its own process.

    python tests/sso/provider.py PORT CLIENT_ID CLIENT_SECRET

Discovery, a JWKS with a fresh RSA key (signed with joserfc, Authlib's JOSE library), an
authorization endpoint with a sign-in form, a token endpoint that checks the client secret, the
code, the redirect URI and the PKCE verifier, and an end-session endpoint. Plain http on
loopback: the app accepts that only in tests and development (sso/config.py).

The tests drive it through POST /_control (JSON): `users` sets who exists (sub, groups, amr,
names), `next_token` bends the next ID token (aud, exp_offset, iss, nonce) to test the app's
refusals. GET /_control returns counters (token requests, end-session calls).
"""

import base64
import hashlib
import html
import json
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

PORT, CLIENT_ID, CLIENT_SECRET = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ISSUER = f"http://127.0.0.1:{PORT}"
KEY = RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(8), "use": "sig"})
LOCK = threading.Lock()
STATE = {"users": {}, "next_token": {}, "codes": {}, "token_requests": 0, "logouts": []}

DISCOVERY = {
    "issuer": ISSUER,
    "authorization_endpoint": f"{ISSUER}/authorize",
    "token_endpoint": f"{ISSUER}/token",
    "jwks_uri": f"{ISSUER}/jwks",
    "end_session_endpoint": f"{ISSUER}/logout",
    "response_types_supported": ["code"],
    "subject_types_supported": ["public"],
    "id_token_signing_alg_values_supported": ["RS256"],
    "code_challenge_methods_supported": ["S256"],
    "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    "scopes_supported": ["openid", "email", "profile"],
}

SIGN_IN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Test identity provider</title></head><body><h1>Test identity provider</h1>
<form method="post" action="/authorize">{hidden}
<label for="username">Provider username</label><input id="username" name="username">
<button type="submit">Continue</button></form></body></html>"""


def _pkce_ok(verifier: str, challenge: str) -> bool:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii") == challenge


def _id_token(user: dict, request: dict) -> str:
    bend = STATE["next_token"]
    STATE["next_token"] = {}
    now = int(time.time())
    claims = {
        "iss": bend.get("iss", ISSUER),
        "sub": user["sub"],
        "aud": bend.get("aud", CLIENT_ID),
        "iat": now,
        "exp": now + bend.get("exp_offset", 300),
        "nonce": bend.get("nonce", request["nonce"]),
        "preferred_username": user.get("preferred_username", user["sub"]),
        "email": user.get("email", ""),
        "given_name": user.get("given_name", ""),
        "family_name": user.get("family_name", ""),
        "groups": user.get("groups", []),
    }
    for optional in ("amr", "acr"):
        if user.get(optional):
            claims[optional] = user[optional]
    header = {"alg": "RS256", "kid": KEY.kid}
    return jwt.encode(header, claims, KEY)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet: the tests read the counters instead
        pass

    def _send(self, status: int, body: bytes, content_type: str, headers=()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, data, status: int = 200) -> None:
        self._send(status, json.dumps(data).encode(), "application/json")

    def _redirect(self, url: str) -> None:
        self._send(302, b"", "text/plain", [("Location", url)])

    def _form(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode()
        if self.headers.get("Content-Type", "").startswith("application/json"):
            return json.loads(raw or "{}")
        return {k: v[0] for k, v in parse_qs(raw).items()}

    def do_GET(self):
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            return self._json(DISCOVERY)
        if url.path == "/jwks":
            return self._json({"keys": [KEY.as_dict(private=False)]})
        if url.path == "/authorize":
            return self._authorize_page(query)
        if url.path == "/logout":
            with LOCK:
                STATE["logouts"].append(query)
            back = query.get("post_logout_redirect_uri")
            if back:
                return self._redirect(back + "?" + urlencode({"state": query.get("state", "")}))
            return self._send(200, b"Signed out", "text/plain")
        if url.path == "/_control":
            with LOCK:
                return self._json(
                    {"token_requests": STATE["token_requests"], "logouts": STATE["logouts"]}
                )
        return self._send(404, b"not found", "text/plain")

    def _authorize_page(self, query: dict) -> None:
        problem = self._authorize_problem(query)
        if problem:
            return self._send(400, problem.encode(), "text/plain")
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in query.items()
        )
        return self._send(200, SIGN_IN_PAGE.format(hidden=hidden).encode(), "text/html")

    @staticmethod
    def _authorize_problem(query: dict) -> str:
        if query.get("client_id") != CLIENT_ID:
            return "unknown client_id"
        if query.get("response_type") != "code":
            return "response_type must be code"
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return "PKCE (S256) is required"
        if not query.get("state") or not query.get("nonce"):
            return "state and nonce are required"
        if "openid" not in query.get("scope", "").split():
            return "scope must include openid"
        return ""

    def do_POST(self):
        path = urlsplit(self.path).path
        form = self._form()
        if path == "/authorize":
            return self._authorize(form)
        if path == "/token":
            return self._token(form)
        if path == "/_control":
            with LOCK:
                if "users" in form:
                    STATE["users"] = form["users"]
                if "next_token" in form:
                    STATE["next_token"] = form["next_token"]
                if form.get("reset_counters"):
                    STATE["token_requests"], STATE["logouts"] = 0, []
            return self._json({"ok": True})
        return self._send(404, b"not found", "text/plain")

    def _authorize(self, form: dict) -> None:
        problem = self._authorize_problem(form)
        if problem:
            return self._send(400, problem.encode(), "text/plain")
        user = STATE["users"].get(form.get("username", ""))
        if user is None:
            back = {"error": "access_denied", "state": form["state"]}
            return self._redirect(form["redirect_uri"] + "?" + urlencode(back))
        code = secrets.token_urlsafe(24)
        with LOCK:
            STATE["codes"][code] = {"user": user, **form}
        back = {"code": code, "state": form["state"], "iss": ISSUER}
        return self._redirect(form["redirect_uri"] + "?" + urlencode(back))

    def _client_authenticated(self, form: dict) -> bool:
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            pair = base64.b64decode(header[6:]).decode()
            client_id, _, secret = pair.partition(":")
            return client_id == CLIENT_ID and secret == CLIENT_SECRET
        return form.get("client_id") == CLIENT_ID and form.get("client_secret") == CLIENT_SECRET

    def _token(self, form: dict) -> None:
        with LOCK:
            STATE["token_requests"] += 1
            request = STATE["codes"].pop(form.get("code", ""), None)
        if not self._client_authenticated(form):
            return self._json({"error": "invalid_client"}, 401)
        if request is None or form.get("redirect_uri") != request["redirect_uri"]:
            return self._json({"error": "invalid_grant"}, 400)
        if not _pkce_ok(form.get("code_verifier", ""), request["code_challenge"]):
            return self._json({"error": "invalid_grant", "error_description": "PKCE"}, 400)
        with LOCK:
            id_token = _id_token(request["user"], request)
        return self._json(
            {
                "access_token": secrets.token_urlsafe(24),
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            }
        )


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
