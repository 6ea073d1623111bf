"""Run tasks in worker processes, one per core: each imports what it needs itself (the parent, no WeasyPrint).

Stopping is the parent's decision: on Ctrl-C or ``kill`` it starts nothing new and lets the tasks under way
finish, so that what they wrote is recorded. A worker whose parent was killed outright ends by itself.

A worker that dies (a crash in a native library, out of memory, killed) breaks the whole pool, and with it
every task not finished. Those are run again one at a time, in a pool of one worker started again after each
crash: a crash then names the one task that caused it, and every other task is done as if nothing happened.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

log = logging.getLogger(__name__)


def run_in_pool(task: Callable[[Item], Result], items: Sequence[Item], workers: int,
                finished: Callable[[Item, Result], None], failed: Callable[[Item, Exception], Result]) -> None:
    """Run ``task(item)`` for every item in ``workers`` processes; call ``finished`` as each one ends.

    ``task`` must be picklable (a module-level function, or a ``functools.partial`` of one). A task whose
    worker died (killed, out of memory, a crash in a native library) gets ``failed(item, exception)`` as its
    result; the tasks the crash stopped with it are run again. On KeyboardInterrupt, the tasks not started
    are cancelled, those under way finish and are passed to ``finished``, then the interrupt goes on.
    """
    if _kept:
        kept = _kept[-1]
        left = _run(kept.pool, task, items, finished, failed)
        if left:  # a dead worker breaks the pool for good: start the kept one again
            kept.pool.shutdown(cancel_futures=True)
            kept.pool = _pool(kept.workers, kept.warm_up)
    else:
        with _pool(workers) as pool:
            left = _run(pool, task, items, finished, failed)
    if left:
        log.info("a worker process stopped: running the %d task(s) left one at a time", len(left))
        _run_one_at_a_time(task, [item for item, _ in left], finished, failed)


@dataclass
class _Kept:
    pool: Any
    workers: int
    warm_up: Callable[[], None] | None


_kept: list[_Kept] = []
"""The pool ``keep_workers`` keeps between builds, if any."""


@contextlib.contextmanager
def keep_workers(workers: int, warm_up: Callable[[], None] | None = None) -> Iterator[None]:
    """Run every build inside on one pool of ``workers`` processes, kept between builds (``leaflets preview``).

    Each worker loads WeasyPrint, the templates and the stylesheet once (``warm_up``, a picklable callable, runs
    in each as it starts) instead of at every build, so that a leaflet saved is rendered in a render's time.
    """
    kept = _Kept(_pool(workers, warm_up), workers, warm_up)
    _kept.append(kept)
    try:
        yield
    finally:
        _kept.remove(kept)
        kept.pool.shutdown(cancel_futures=True)


def _run_one_at_a_time(task: Callable[[Item], Result], items: list[Item], finished: Callable[[Item, Result], None],
                       failed: Callable[[Item, Exception], Result]) -> None:
    """Run each item alone in a pool of one worker, started again after a crash, which fails only that item."""
    pool = None
    try:
        for item in items:
            pool = pool or _pool(1)
            crashed = _run(pool, task, [item], finished, failed)
            if crashed:
                finished(item, failed(item, crashed[0][1]))
                pool.shutdown()
                pool = None
    finally:
        if pool is not None:
            pool.shutdown()


def _run(pool, task: Callable[[Item], Result], items: Sequence[Item], finished: Callable[[Item, Result], None],
         failed: Callable[[Item, Exception], Result]) -> list[tuple[Item, Exception]]:
    """Run ``items`` in ``pool``; return, in order, those not finished because a worker died, with the error."""
    from concurrent.futures import as_completed, wait
    from concurrent.futures.process import BrokenProcessPool

    futures = {pool.submit(task, item): item for item in items}
    handled, broken = set(), {}

    def finish(future) -> None:
        handled.add(future)
        try:
            result = future.result()
        except BrokenProcessPool as exc:
            broken[future] = exc
            return
        except Exception as exc:
            result = failed(futures[future], exc)
        finished(futures[future], result)

    try:
        for future in as_completed(futures):
            finish(future)
    except KeyboardInterrupt:
        for future in futures:
            future.cancel()
        for future in wait([f for f in futures if f not in handled and not f.cancelled()]).done:
            finish(future)  # one a dead worker stopped is not done: it is neither finished nor failed
        raise
    return [(item, broken[future]) for future, item in futures.items() if future in broken]


def _pool(workers: int, warm_up: Callable[[], None] | None = None):
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(warm_up,))


def _start_worker(warm_up: Callable[[], None] | None = None) -> None:
    # Ctrl-C reaches every process of the terminal's group; only the parent decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A worker whose parent was killed would wait for work forever: end it. What it was writing is a temporary
    # file, which the next build deletes; the file it was to replace is whole.
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    if warm_up is not None:
        warm_up()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)
