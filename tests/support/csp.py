"""The page-level half of the CSP promise (SECURITY.md): a page that passes here would still work
under the strict policy, since it needs no inline script, style or event handler."""

import re


def assert_no_inline_script_or_style(response) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html and not re.search(r"\son[a-z]+=\"", html)
