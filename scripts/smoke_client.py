"""End-to-end smoke test of a running deployment, through its HTTP API only.

    SMOKE_PASSWORD=... python scripts/smoke_client.py --base-url http://127.0.0.1:8000 \
        --out /tmp/report.pdf

Runs on the host with the standard library alone (no Django, no requests). The users come from
scripts/smoke_setup.py, run inside the container first. Steps: readiness; a token for the
procurement and the architect user; as procurement a new vendor, offering and assessment on the
newest published questionnaire, every applicable question answered with its best option, submit;
as architect start the review and approve; request the PDF report, wait for the worker to render
it, download and check it. Each step prints one line with its duration; the first failure prints
the step, the HTTP status and the start of the body, and exits 1.
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request

REQUEST_TIMEOUT = 30  # seconds for one HTTP request
RENDER_TIMEOUT = 120  # seconds for the worker to render the PDF
MIN_PDF_BYTES = 10_000
# Context questions (scored: false) score nothing; they decide which follow-ups apply. These keys
# show the most of questionnaire v2 (a cloud control plane, on-premises parts, data leaving us),
# so the smoke test answers as many questions as it can. A key the questionnaire lacks is skipped.
PREFERRED_CONTEXT = ("hybrid", "important", "own_use", "content")
# "documented" is the strongest level procurement may set (attested/verified are the architect's);
# with "claim" the evidence-weighted grade falls so low that approving needs a justification.
EVIDENCE_LEVEL = "documented"


class StepFailed(Exception):
    def __init__(self, message: str, status: int | None = None, body: bytes | str = b"") -> None:
        super().__init__(message)
        self.status = status
        self.body = body.decode("utf-8", "replace") if isinstance(body, bytes) else body


class Api:
    """A JSON client for one base URL, optionally signed in with a token."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token

    def as_user(self, token: str) -> "Api":
        return Api(self.base_url, token)

    def raw(self, method: str, path: str, payload=None) -> tuple[int, dict, bytes]:
        """(status, headers, body); an HTTP error status is returned, not raised."""
        data = None if payload is None else json.dumps(payload).encode()
        # S310: the base URL is checked to be http(s) in main(); no file: or custom scheme.
        request = urllib.request.Request(self.base_url + path, data=data, method=method)  # noqa: S310
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Token {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()
        except (urllib.error.URLError, OSError) as error:
            raise StepFailed(f"{method} {path}: no answer ({error})") from error

    def json(self, method: str, path: str, payload=None, expect=(200,)) -> dict:
        status, _, body = self.raw(method, path, payload)
        if status not in expect:
            raise StepFailed(f"{method} {path}", status, body)
        try:
            return json.loads(body)
        except ValueError as error:
            raise StepFailed(f"{method} {path}: not JSON", status, body) from error


def step(name: str, action):
    """Run one step, print it with its duration; the first failure ends the run."""
    started = time.monotonic()
    try:
        result, detail = action()
    except StepFailed as failure:
        status = failure.status if failure.status is not None else "-"
        body = " ".join(failure.body[:300].split())
        print(f"FAIL {name}: {failure} (HTTP {status}) {body}".rstrip(), file=sys.stderr)
        sys.exit(1)
    except (KeyError, TypeError, ValueError) as error:  # a response of another shape than expected
        print(f"FAIL {name}: unexpected response: {error!r}", file=sys.stderr)
        sys.exit(1)
    print(f"ok   {name:<28} {time.monotonic() - started:6.2f}s  {detail}")
    return result


def check_ready(api: Api):
    body = api.json("GET", "/readyz")
    if body.get("status") != "ok":
        raise StepFailed("/readyz is not ok", 200, json.dumps(body))
    return body, f"uses {body.get('uses')}"


def sign_in(api: Api, username: str, password: str):
    # A short-lived, named token: every run mints a new one, and the account page shows them.
    body = api.json(
        "POST",
        "/api/v1/auth/token/",
        {"username": username, "password": password, "name": "smoke test", "expires_in_days": 1},
    )
    return api.as_user(body["token"]), f"token {body['prefix']}..."


def create_assessment(api: Api, run_id: str):
    vendor = api.json(
        "POST",
        "/api/v1/vendors/",
        {"name": f"Smoke Vendor {run_id}", "website": "https://smoke.example", "country": "NL"},
        expect=(201,),
    )
    offering = api.json(
        "POST",
        f"/api/v1/vendors/{vendor['id']}/offerings/",
        {"name": "Smoke Gateway", "deployment_model": "hybrid", "description": "Smoke test."},
        expect=(201,),
    )
    # No questionnaire given: the server takes the newest published version.
    assessment = api.json(
        "POST", "/api/v1/assessments/", {"offering": offering["id"]}, expect=(201,)
    )
    return assessment, f"{vendor['name']}, assessment {assessment['id']}"


def best_option(question: dict) -> str:
    options = question["options"]
    if not question["scored"]:
        preferred = [o["key"] for o in options if o["key"] in PREFERRED_CONTEXT]
        return (preferred or [options[0]["key"]])[0]
    # Highest score wins; never an "unknown" option (it raises a finding).
    known = [o for o in options if not o["unknown"]] or options
    return max(known, key=lambda o: o["score"] or 0)["key"]


def is_shown(question: dict, chosen: dict[str, str], hidden: set[str]) -> bool:
    """scoring/visibility.py: shown only if every show_if condition names a shown question whose
    chosen option is one of `any_of`. Questions come in order, controllers before followers."""
    conditions = question["show_if"] or []
    if isinstance(conditions, dict):
        conditions = [conditions]
    return all(
        c["question"] not in hidden and chosen.get(c["question"]) in c["any_of"] for c in conditions
    )


def answer_all(api: Api, assessment: dict):
    questionnaire = api.json("GET", f"/api/v1/questionnaires/{assessment['questionnaire']}/")
    chosen: dict[str, str] = {}
    hidden: set[str] = set()
    answers = []
    for domain in questionnaire["domains"]:
        for question in domain["questions"]:
            if not is_shown(question, chosen, hidden):
                hidden.add(question["key"])  # a hidden question's answer would count for nothing
                continue
            chosen[question["key"]] = best_option(question)
            answers.append(
                {
                    "question_key": question["key"],
                    "option": chosen[question["key"]],
                    "text": "Answered by the smoke test.",
                    "evidence_level": EVIDENCE_LEVEL,
                }
            )
    # One all-or-nothing batch (at most 300 items; v2 has 94 questions).
    path = f"/api/v1/assessments/{assessment['id']}/answers/batch/"
    saved = api.json("POST", path, {"answers": answers})
    version = f"{questionnaire['key']} v{questionnaire['version']}"
    detail = f"{len(saved)} answered, {len(hidden)} hidden by show_if ({version})"
    return saved, detail


def submit(api: Api, assessment_id: str):
    body = api.json("POST", f"/api/v1/assessments/{assessment_id}/submit/")
    return body, f"status {body['status']}"


def review_and_approve(api: Api, assessment_id: str):
    # A report can be had in any status; a decided assessment makes the PDF show the decision
    # brief too, and proves the architect's write path.
    path = f"/api/v1/assessments/{assessment_id}"
    api.json("POST", f"{path}/review/start/")
    card = api.json("GET", f"{path}/scorecard/")
    rationale = "Smoke test: every answer is the best option."
    body = api.json("POST", f"{path}/decision/", {"decision": "approved", "rationale": rationale})
    grade = f"grade {card.get('grade')} ({card.get('recommendation')})"
    return body, f"status {body['status']}, {grade}"


def render_report(api: Api, assessment_id: str):
    report = api.json("POST", f"/api/v1/assessments/{assessment_id}/reports/", expect=(202,))
    started = time.monotonic()
    while report["status"] != "done":
        if report["status"] == "failed":
            raise StepFailed(f"report {report['id']} failed: {report.get('error')}", 200, "")
        if time.monotonic() - started > RENDER_TIMEOUT:
            raise StepFailed(
                f"report {report['id']} still {report['status']} after {RENDER_TIMEOUT}s"
                " (is the report worker running?)"
            )
        time.sleep(0.5)
        report = api.json("GET", f"/api/v1/reports/{report['id']}/")
    wait = time.monotonic() - started
    return report, f"report {report['id']} done after {wait:.1f}s wait"


def download(api: Api, report: dict, out: str):
    status, headers, body = api.raw("GET", f"/api/v1/reports/{report['id']}/download/")
    if status != 200:
        raise StepFailed("download", status, body)
    if not body.startswith(b"%PDF") or len(body) <= MIN_PDF_BYTES:
        shown = b"" if body.startswith(b"%PDF") else body  # the body of a PDF is no message
        raise StepFailed(
            f"not a PDF of more than {MIN_PDF_BYTES:,} bytes ({len(body):,})", 200, shown
        )
    with open(out, "wb") as file:
        file.write(body)
    return body, f"{len(body):,} bytes ({headers.get('Content-Type')}) -> {out}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--out", required=True, help="where to write the downloaded PDF")
    args = parser.parse_args()
    if not args.base_url.startswith(("http://", "https://")):
        parser.error("--base-url must start with http:// or https://")
    password = os.environ.get("SMOKE_PASSWORD")
    if not password:
        print("FAIL setup: set SMOKE_PASSWORD (the smoke users' password)", file=sys.stderr)
        return 1

    started = time.monotonic()
    run_id = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}"  # vendor names are unique
    api = Api(args.base_url)
    step("readyz", lambda: check_ready(api))
    buyer = step("token smoke-procurement", lambda: sign_in(api, "smoke-procurement", password))
    architect = step("token smoke-architect", lambda: sign_in(api, "smoke-architect", password))
    assessment = step("vendor, offering, assessment", lambda: create_assessment(buyer, run_id))
    step("answer questions", lambda: answer_all(buyer, assessment))
    step("submit", lambda: submit(buyer, assessment["id"]))
    step("review and approve", lambda: review_and_approve(architect, assessment["id"]))
    report = step("render report", lambda: render_report(architect, assessment["id"]))
    step("download PDF", lambda: download(architect, report, args.out))
    print(f"smoke test passed in {time.monotonic() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
