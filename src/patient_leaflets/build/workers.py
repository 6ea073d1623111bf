"""Run tasks in worker processes, one per core: each imports what it needs itself (the parent, no WeasyPrint).

Stopping is the parent's decision: on Ctrl-C or ``kill`` it starts nothing new and lets the tasks under way
finish, so that what they wrote is recorded. A worker whose parent was killed outright ends by itself.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def run_in_pool(task: Callable[[Item], Result], items: Sequence[Item], workers: int,
                finished: Callable[[Item, Result], None], failed: Callable[[Item, Exception], Result]) -> None:
    """Run ``task(item)`` for every item in ``workers`` processes; call ``finished`` as each one ends.

    ``task`` must be picklable (a module-level function, or a ``functools.partial`` of one). A task whose
    worker died (killed, out of memory, a crash in a native library) gets ``failed(item, exception)`` as its
    result. On KeyboardInterrupt, the tasks not started are cancelled, those under way finish and are passed
    to ``finished``, then the interrupt goes on.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed, wait

    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
        futures = {pool.submit(task, item): item for item in items}
        handled = set()

        def finish(future) -> None:
            handled.add(future)
            try:
                result = future.result()
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
                finish(future)
            raise


def _start_worker() -> None:
    # Ctrl-C reaches every process of the terminal's group; only the parent decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A worker whose parent was killed would wait for work forever: end it. What it was writing is a temporary
    # file, which the next build deletes; the file it was to replace is whole.
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)
