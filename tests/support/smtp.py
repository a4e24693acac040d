"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives.

It can be told to answer with an error code for a while, to test retries and failures.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes

    @property
    def subject(self) -> str:
        # Django folds a non-ASCII subject onto a continuation line; the parser keeps the fold's space.
        return str(self.message["Subject"]).strip()

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    def text(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""

    def html(self) -> str:
        part = self.message.get_body(preferencelist=("html",))
        return part.get_content() if part is not None else ""

    def attachments(self) -> list[EmailMessage]:
        return list(self.message.iter_attachments())


@dataclass
class _Handler:
    sink: SmtpSink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.sink.holding.is_set():
            # Held before the message content is sent: a client killed now has delivered nothing.
            with self.sink.lock:
                self.sink.held += 1
            try:
                while self.sink.holding.is_set():
                    await asyncio.sleep(0.01)
            finally:
                # A client that dies while held (the kill tests) closes its connection, and aiosmtpd
                # cancels this handler: without the finally the count stayed raised for every later
                # test of the session, so `held_count() == 1` never came true there.
                with self.sink.lock:
                    self.sink.held -= 1
        reply = self.sink.next_reply()
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        with self.sink.lock:
            self.sink.messages.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), message, raw))
        return "250 Message accepted for delivery"


@dataclass
class SmtpSink:
    host: str = "127.0.0.1"
    port: int = field(default_factory=free_port)
    messages: list[ReceivedMail] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _replies: list[str] = field(default_factory=list)
    holding: threading.Event = field(default_factory=threading.Event)
    held: int = 0
    _controller: Controller | None = None

    def start(self) -> None:
        # Another process (a parallel test worker) can take the free port between our look-up and
        # the bind; then take another one rather than share or fail.
        for attempt in range(10):
            controller = Controller(_Handler(self), hostname=self.host, port=self.port)
            try:
                controller.start()
            except OSError:
                controller.stop(no_assert=True)
                if attempt == 9:
                    raise
                self.port = free_port()
            else:
                self._controller = controller
                return

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()

    def clear(self) -> None:
        self.holding.clear()
        with self.lock:
            self.messages.clear()
            self._replies.clear()

    def hold(self) -> None:
        """Keep clients waiting at RCPT (before any message content) until ``release()``."""
        self.holding.set()

    def release(self) -> None:
        self.holding.clear()

    def held_count(self) -> int:
        with self.lock:
            return self.held

    def fail_next(self, reply: str, times: int = 1) -> None:
        """Answer the next ``times`` recipients with ``reply`` (e.g. "451 4.3.0 Try later")."""
        with self.lock:
            self._replies.extend([reply] * times)

    def next_reply(self) -> str | None:
        with self.lock:
            return self._replies.pop(0) if self._replies else None

    def wait_for(self, count: int, timeout: float = 20.0) -> list[ReceivedMail]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        with self.lock:
            return list(self.messages)
