"""A small, bounded HTTP/1.1 load generator for 127.0.0.1 only.

Raw asyncio streams keep the client's own CPU cost low (the server shares this 2-core machine);
connections are reused when the server allows keep-alive and re-opened when it says close.
Every request is timed; the caller's `next_request` decides what to send from what came back.
"""

import asyncio
import contextlib
import json
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

ALLOWED_HOSTS = ("127.0.0.1", "localhost")


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    label: str = ""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body or b"null")


@dataclass
class Sample:
    label: str
    status: int
    latency_ms: float
    started: float


class Connection:
    def __init__(self, host: str, port: int) -> None:
        if host not in ALLOWED_HOSTS:
            raise ValueError("the load generator only talks to this machine")
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def send(self, request: Request) -> Response:
        for attempt in (1, 2):
            if self.writer is None:
                await self._open()
            try:
                return await self._exchange(request)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()  # a kept-alive connection the server had already dropped
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, request: Request) -> Response:
        head = [
            f"{request.method} {request.path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            f"Content-Length: {len(request.body)}",
        ]
        head += [f"{k}: {v}" for k, v in request.headers.items()]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + request.body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionResetError("closed before a response")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunked()
        else:
            body = await self.reader.read()
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Response(status, headers, body)

    async def _chunked(self) -> bytes:
        parts = []
        while True:
            size = int((await self.reader.readline()).strip(), 16)
            if size == 0:
                await self.reader.readline()
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readline()


Step = Callable[[Response | None], Awaitable[Request | None] | Request | None]


async def _user(
    host: str,
    port: int,
    step: Step,
    deadline: float,
    samples: list[Sample],
    interval: float,
    phase: float = 0.0,
) -> None:
    connection = Connection(host, port)
    last: Response | None = None
    next_start = time.perf_counter() + phase
    try:
        while time.perf_counter() < deadline:
            request = step(last)
            if asyncio.iscoroutine(request):
                request = await request
            if request is None:
                return
            started = time.perf_counter()
            if interval:
                # Paced: a fixed arrival rate. Latency counts from when the request was due, so a
                # server that falls behind shows it (no coordinated omission).
                delay = next_start - started
                if delay > 0:
                    await asyncio.sleep(delay)
                started = next_start
                next_start += interval
            try:
                last = await connection.send(request)
                status = last.status
            except (ConnectionError, OSError, asyncio.IncompleteReadError):
                last, status = None, 599
            samples.append(
                Sample(
                    request.label or request.path,
                    status,
                    (time.perf_counter() - started) * 1000,
                    started,
                )
            )
        # Let the caller see the last response (it may carry state, such as a version).
        result = step(last)
        if asyncio.iscoroutine(result):
            result.close()
    finally:
        await connection.close()


def run_users(
    host: str,
    port: int,
    steps: list[Step],
    duration: float,
    rate: float | None = None,
    ramp: float = 0.0,
) -> tuple[list[Sample], float]:
    """Run one coroutine per simulated user until `duration` seconds pass; returns the samples
    and the wall time actually spent. With `rate` (requests/s for all users together) each user
    is paced (one request per len(steps)/rate seconds, from a random starting point within the
    first interval or within `ramp` seconds); without it every user sends as fast as responses
    come back."""
    interval = len(steps) / rate if rate else 0.0
    # Paced users start at random points of their first interval, or of `ramp` seconds when
    # they arrive over a longer time (seeded: the same every run), so arrivals spread as real
    # ones do instead of landing in lockstep bursts.
    spread = random.Random(20261127)
    phases = [spread.uniform(0, max(interval, ramp)) if interval else 0.0 for _ in steps]

    async def main() -> float:
        deadline = time.perf_counter() + duration
        start = time.perf_counter()
        await asyncio.gather(
            *(
                _user(host, port, step, deadline, samples, interval, phase)
                for step, phase in zip(steps, phases, strict=True)
            )
        )
        return time.perf_counter() - start

    samples: list[Sample] = []
    elapsed = asyncio.run(main())
    return samples, elapsed
