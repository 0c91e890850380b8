"""webhooks/signing.py: Standard Webhooks signatures, as a receiver checks them."""

import base64
import hashlib
import hmac

from webhooks import signing


def test_a_receiver_verifies_a_signed_body_and_refuses_changes_and_old_timestamps():
    secret = signing.new_secret()
    body = b'{"type": "assessment.decided", "data": {"id": "x"}}'
    headers = signing.headers(secret, "evt_1", 1_700_000_000, body)
    assert signing.verify(secret, headers, body, now=1_700_000_100)
    assert not signing.verify(secret, headers, body + b" ", now=1_700_000_100)
    assert not signing.verify(signing.new_secret(), headers, body, now=1_700_000_100)
    assert not signing.verify(secret, headers, body, now=1_700_000_000 + 301)
    assert not signing.verify(secret, {**headers, "webhook-id": "evt_2"}, body, now=1_700_000_000)


def test_the_signature_is_hmac_sha256_of_id_timestamp_and_body_as_documented():
    secret = signing.new_secret()
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(
        hmac.new(key, b"evt_9.1700000000.{}", hashlib.sha256).digest()
    ).decode()
    assert signing.signature(secret, "evt_9", 1_700_000_000, b"{}") == f"v1,{expected}"
    assert len(key) == 32 and secret.startswith("whsec_")


def test_the_readmes_verification_snippet_accepts_ours_and_refuses_a_changed_body():
    import re
    import time
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme[readme.index("## Webhooks") :]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)[1]
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 (our own README's snippet)
    secret, body = signing.new_secret(), b'{"type":"report.done"}'
    headers = signing.headers(secret, "msg_1", int(time.time()), body)
    assert namespace["webhook_is_ours"](secret, headers, body)
    assert not namespace["webhook_is_ours"](secret, headers, body + b"x")
