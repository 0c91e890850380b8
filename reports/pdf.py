"""HTML to PDF with WeasyPrint, safely.

- The fetcher serves only this app's own bundled assets, by name, under the `asset:` scheme, and
  refuses everything else (file:, http(s):, data:, relative paths): a report can never read a
  server file, call an internal service, or embed an attachment.
- The render runs in a forked child with a memory ceiling and a deadline, so a runaway document
  ends as a clear failure while the worker process carries on.
"""

import contextlib
import os
import resource
import signal
import tempfile
import time
from pathlib import Path

from django.conf import settings
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

ASSET_DIR = Path(__file__).resolve().parent / "static" / "reports"
ASSETS = {"report.css": "text/css"}
RENDER_TIMEOUT_SECONDS = 120
RENDER_MEMORY_BYTES = 1536 * 1024 * 1024

TIMED_OUT = "The PDF took longer than {seconds} seconds to render and was stopped."
OUT_OF_MEMORY = "The PDF needed more memory than allowed and was stopped."
CRASHED = "The PDF renderer stopped unexpectedly (exit status {status})."


class RenderError(Exception):
    """A render that failed for a reason worth showing to the user."""


class AssetOnlyFetcher(URLFetcher):
    """Serves `asset:<name>` for the names in ASSETS and refuses every other URL."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("asset",))
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("asset:"):
            name = url[len("asset:") :]
            if name in ASSETS:
                return URLFetcherResponse(
                    url, (ASSET_DIR / name).read_bytes(), headers={"Content-Type": ASSETS[name]}
                )
        self.refused.append(url[:200])
        raise ValueError(f"Refused to fetch {url[:80]!r}: reports may only use bundled assets.")


def html_to_pdf_bytes(html: str) -> bytes:
    """In-process render (used by the child process and by benchmarks)."""
    # base_url stays unset on purpose: relative URLs then have nothing to resolve against.
    return HTML(string=html, url_fetcher=AssetOnlyFetcher()).write_pdf()


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (RENDER_MEMORY_BYTES, RENDER_MEMORY_BYTES))


def render_pdf_isolated(html: str, *, timeout: float = RENDER_TIMEOUT_SECONDS) -> bytes:
    """Render in a forked child with limits; returns the PDF bytes or raises RenderError."""
    with tempfile.TemporaryDirectory(dir=settings.VAR_DIR) as folder:
        output = Path(folder) / "out.pdf"
        problem = Path(folder) / "error.txt"
        pid = os.fork()
        if pid == 0:  # the child: render, write, leave without running the parent's cleanup
            code = 4
            # Whatever happens in here, even while writing down what went wrong, the child leaves
            # through os._exit: an exception escaping it would run the parent's task code in the
            # child (a second process acknowledging the job).
            try:
                _limit_memory()
                output.write_bytes(html_to_pdf_bytes(html))
                code = 0
            except MemoryError:
                code = 3
            except BaseException as exc:
                with contextlib.suppress(BaseException):
                    problem.write_text(f"{type(exc).__name__}: {exc}"[:500])
            finally:
                os._exit(code)
        deadline = time.monotonic() + timeout
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise RenderError(TIMED_OUT.format(seconds=int(timeout)))
            time.sleep(0.02)
        code = os.waitstatus_to_exitcode(status)
        if code == 3 or code == -signal.SIGKILL:
            raise RenderError(OUT_OF_MEMORY)
        if code == 4 and problem.exists():
            raise RenderError(f"The PDF could not be rendered: {problem.read_text()}")
        if code != 0 or not output.exists():
            raise RenderError(CRASHED.format(status=code))
        return output.read_bytes()
