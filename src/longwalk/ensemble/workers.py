"""Where chunks run: this process, local worker processes, or a Dask distributed cluster.

All three are driven by one loop (:func:`finished_chunks`) over a :class:`concurrent.futures.Executor`: a
``ProcessPoolExecutor`` for local processes, and the executor a Dask ``Client`` hands out
(``Client.get_executor``), whose futures are ``concurrent.futures`` futures too.  The job (scenario and plan) goes
to each worker once: as the pool's initializer argument, or scattered to every Dask worker.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from longwalk.ensemble.chunks import Job, install_job, simulate_chunk
from longwalk.errors import InputError

SCHEDULER_TIMEOUT = 5.0  # [s] to wait for a Dask scheduler to answer before saying it does not


def connect(address: str):
    """A Dask ``Client`` on the scheduler at ``address``, or an :class:`InputError` within
    :data:`SCHEDULER_TIMEOUT` seconds when none answers there."""
    from distributed import Client
    from distributed.comm.addressing import parse_address, parse_host_port

    try:  # a malformed address fails here, before a Client is half made (its clean-up would wait and complain)
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls", "ws", "wss"):
            parse_host_port(location)
    except (ValueError, TypeError) as err:
        raise InputError(f"--scheduler {address}: not a scheduler address ({err}); give one such as "
                         "tcp://HOST:8786, or leave out --scheduler to run on this machine's processes") from None
    try:
        return Client(address, timeout=SCHEDULER_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        reason = str(err).split("\n")[0] or type(err).__name__
        raise InputError(f"--scheduler {address}: no Dask scheduler answered within {SCHEDULER_TIMEOUT:.0f} s "
                         f"({reason}); start one (`dask scheduler`) or leave out --scheduler to run on this "
                         "machine's processes (--workers K)") from None


@contextmanager
def chunk_executor(job: Job, workers: int = 1, scheduler=None) -> Iterator[tuple[cf.Executor | None, object, int]]:
    """``(executor, job_ref, slots)`` for :func:`finished_chunks`: ``executor`` is None for this process, ``slots``
    the chunks that can run at once.

    ``scheduler``: a Dask scheduler address or a ``distributed.Client``.
    """
    if scheduler is not None:
        owned = isinstance(scheduler, str)
        client = connect(scheduler) if owned else scheduler
        try:
            slots = max(1, sum(client.nthreads().values()))
            yield client.get_executor(), client.scatter(job, broadcast=True, hash=False), slots
        finally:
            if owned:
                client.close()
    elif workers > 1:
        # forkserver: workers start from a clean process, not a fork of this one with its compiled kernels'
        # threads (numba's are not fork-safe), and import the engine once before forking
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["longwalk.ensemble.chunks", "longwalk.engine"])
        pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=install_job,
                                      initargs=(job,))
        try:
            yield pool, None, workers
        except BaseException:
            # on Ctrl-C or an error, do not wait for the chunks under way: what is finished is already kept
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)  # wait for the terminated: their semaphores are freed
            raise
        pool.shutdown(wait=True)
    else:
        yield None, job, 1


def finished_chunks(executor: cf.Executor | None, job_ref, ranges: list[tuple[int, int]], in_flight: int,
                    on_runs=None):
    """Yield ``(start, stop, table)`` for each ``(start, stop)`` range of run ids as its chunk finishes, keeping
    at most ``in_flight`` chunks submitted (so an interrupt loses little, and memory stays bounded).  In this process
    (``executor`` None) ``on_runs(finished)`` is told each day how many runs of the chunk under way have ended."""
    if executor is None:
        for start, stop in ranges:
            yield start, stop, simulate_chunk(job_ref, np.arange(start, stop), on_runs)
        return
    todo = list(reversed(ranges))
    running: dict[cf.Future, tuple[int, int]] = {}
    try:
        while todo or running:
            while todo and len(running) < in_flight:
                start, stop = todo.pop()
                running[executor.submit(simulate_chunk, job_ref, np.arange(start, stop))] = (start, stop)
            done, _ = cf.wait(list(running), return_when=cf.FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: running[f]):
                start, stop = running.pop(future)
                yield start, stop, future.result()
    finally:
        for future in running:
            future.cancel()
