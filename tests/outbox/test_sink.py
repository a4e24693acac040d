"""The loopback SMTP sink the worker tests rely on."""

from __future__ import annotations

import contextlib
import smtplib
import socket
import threading

from tests.outbox.conftest import wait_until


def test_a_held_client_that_disconnects_is_no_longer_counted_as_held(smtp):
    """A killed worker's held connection must not stay in the count for the session's later tests."""
    smtp.hold()
    client = smtplib.SMTP(smtp.host, smtp.port, timeout=10)
    client.ehlo()
    client.mail("outbox@example.fi")
    sender = threading.Thread(target=lambda: _ignore_errors(client.rcpt, "maija@example.fi"))
    sender.start()
    wait_until(lambda: smtp.held_count() == 1, timeout=10, interval=0.01)
    client.sock.shutdown(socket.SHUT_RDWR)  # as a SIGKILLed worker's socket closes
    wait_until(lambda: smtp.held_count() == 0, timeout=10, interval=0.01)
    smtp.release()
    sender.join(10)
    client.close()
    assert smtp.held_count() == 0


def _ignore_errors(call, *args) -> None:
    with contextlib.suppress(OSError, smtplib.SMTPException):
        call(*args)
