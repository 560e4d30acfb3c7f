"""Guards shared by tests: :func:`no_hang`."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator


@contextlib.contextmanager
def no_hang(what: str) -> Iterator[None]:
    """Fail when the block takes more than 20 s of the process's CPU: a guard against a hang only (the figures are in
    no test, as the project rule goes; the inputs took seconds to minutes, or never ended, before their fix). CPU, not
    the clock: on a machine shared with other work, a block of 9 s of CPU took over 20 s by the clock and failed
    (scrub9)."""

    def hang(*_):
        raise TimeoutError(f"{what} hangs")

    previous = signal.signal(signal.SIGVTALRM, hang)
    signal.setitimer(signal.ITIMER_VIRTUAL, 20)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
