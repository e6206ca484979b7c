"""An engine keeps working in a child process after os.fork(), also after its
parent already ran parallel queries (the child gets its own worker threads)."""

import hashlib
import os
import signal
import time
import warnings
from datetime import timedelta

import pytest

from test_threads import START, big_engine


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_an_engine_answers_in_a_forked_child():
    engine = big_engine(64)
    window = {"from": START, "to": START + timedelta(days=30), "seats": 0}

    def digest():
        slots = repr([s.to_dict() for s in engine.availability(window)])
        rows = repr([r.to_dict() for r in engine.report(START, START + timedelta(days=60), "week")])
        return hashlib.sha256((slots + rows).encode()).hexdigest().encode()

    expected = digest()  # the parent's pool is running now
    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # "fork() may deadlock" (3.12+)
        pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            os.write(write, digest())
        finally:
            os._exit(0)
    os.close(write)
    deadline = time.monotonic() + 60
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail("the child hung after fork")
        time.sleep(0.05)
    with os.fdopen(read, "rb") as pipe:
        answer = pipe.read()
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert answer == expected
    # The parent's engine still answers too.
    assert digest() == expected
