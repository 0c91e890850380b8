"""A prefork Celery worker stops cleanly when SIGTERM reaches its whole process group or cgroup
(systemd's default KillMode=control-group, supervisor's stopasgroup), not only its main process.

Without this, the signal that tells the main process to begin its warm shutdown also reaches
every pool process, and billiard's handler there ends the task at once: the job in flight is
aborted (its message goes back to the queue and the job loses one of its attempts), and a PDF
render child forked by that pool process (reports/pdf.py) is orphaned, sometimes carrying on
with the task's own code as if it were the pool process and acknowledging the job as failed.

So a pool process obeys SIGTERM only from its own main process, which sends it on purpose: a
cold shutdown or pool terminate, `revoke(terminate=True)`, a hard time limit, and at the end of
a child's normal exit. A SIGTERM from anyone else (systemd, supervisor, `kill -- -PGID`) is
logged and dropped: the main process got the same signal and runs the warm shutdown, which lets
the job finish and then ends the pool processes through the pool itself. If the job outlasts the
service manager's stop timeout, its SIGKILL ends everything; the message, never acknowledged
(acks_late), is delivered again after Redis's visibility timeout, and the report sweep re-sends a
render that went quiet. Nothing here delays that SIGKILL.

Python's signal handlers are not told who sent a signal, so SIGTERM is blocked in the pool
process's threads and one thread reads it with sigwaitinfo(), which gives the sender's pid. Two
consequences: processes forked or started by a pool process inherit the blocked SIGTERM (the PDF
render child must survive the group's SIGTERM anyway and is only ever ended with SIGKILL; stop
any other child with kill(), not terminate()); and the obeyed SIGTERM is handed to billiard's
own handler in the main thread (`_thread.interrupt_main`). That only marks the handler as due,
so the main thread is also sent SIGURG (otherwise unused here, with a do-nothing handler) to
break it out of a blocking call such as sleep() or a socket read and run the handler at once, as
a real SIGTERM would have; SIGKILL is the fallback when even that does not end the process.

Connected in config/celery.py (connect_worker_shutdown). Nothing runs outside a pool process.
"""

import _thread
import logging
import os
import signal
import threading
import time

logger = logging.getLogger(__name__)

# How long a pool process that its main process told to stop may take to unwind through
# billiard's handler (SystemExit in the task, then billiard's exit path, which alone waits 1 s)
# before it kills itself: a task that swallows SystemExit, or a C call that is not interrupted,
# must not keep it alive.
OBEY_GRACE_SECONDS = 3.0
# Sent to the main thread to interrupt a blocking call; ignored by default, unused by the app.
WAKE_SIGNAL = signal.SIGURG


def connect_worker_shutdown() -> None:
    from celery import signals

    signals.worker_process_init.connect(
        _filter_sigterm, weak=False, dispatch_uid="core.worker_shutdown.filter_sigterm"
    )


def _filter_sigterm(**kwargs) -> None:
    """In a new pool process (worker_process_init, in its main thread, before any task)."""
    from billiard.common import TERM_SIGNAL

    if TERM_SIGNAL != signal.SIGTERM:
        # REMAP_SIGTERM is set: billiard already ignores SIGTERM in pool processes and stops
        # them with another signal, and the main process treats SIGTERM as a cold shutdown.
        return
    main_process = os.getppid()
    if signal.getsignal(WAKE_SIGNAL) == signal.SIG_DFL:
        signal.signal(WAKE_SIGNAL, _wake)
    # Blocked before the thread starts, so that the thread (and any thread started later from
    # this one) inherits the mask: the signal then waits for sigwaitinfo() instead of running
    # billiard's handler, which billiard installs right after worker_process_init.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    threading.Thread(
        target=_read_sigterm,
        args=(main_process, threading.get_ident()),
        name="sigterm-filter",
        daemon=True,
    ).start()


def _wake(signum, frame) -> None:
    """Does nothing: its arrival alone makes the main thread run the handlers that are due."""


def _read_sigterm(main_process: int, main_thread: int) -> None:
    while True:
        sender = signal.sigwaitinfo({signal.SIGTERM}).si_pid
        # Orphaned (the main process is gone): nothing will stop this process for us.
        if sender == main_process or os.getppid() != main_process:
            _stop(sender, main_thread)
            return
        logger.warning(
            "pool process %s ignores SIGTERM from pid %s: its main process (pid %s) decides "
            "when it stops, after the task in hand (warm shutdown)",
            os.getpid(),
            sender,
            main_process,
        )


def _stop(sender: int, main_thread: int) -> None:
    """What SIGTERM did before: billiard's handler raises SystemExit in the main thread, so the
    task unwinds and the pool process leaves the way billiard expects. If billiard's handler is
    no longer installed (it resets itself after one use), interrupt_main does nothing and the
    fallback below ends the process."""
    logger.debug("pool process %s stops on SIGTERM from its main process %s", os.getpid(), sender)
    _thread.interrupt_main(signal.SIGTERM)
    if signal.getsignal(WAKE_SIGNAL) is _wake:
        signal.pthread_kill(main_thread, WAKE_SIGNAL)
    time.sleep(OBEY_GRACE_SECONDS)
    os.kill(os.getpid(), signal.SIGKILL)
