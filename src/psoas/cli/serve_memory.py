"""A long-running server's memory: big blocks go back to the system as soon as they are freed.

glibc's malloc serves a block of 128 KiB or more from its own mapping and unmaps it when freed,
but each time such a block is freed it raises that threshold to the block's size (up to
32 MiB). In a server the big blocks are short-lived (a page, a query's rows, a client's history
read for one request) and their size follows the records, so after a while they all come from
the heaps, which keep the freed space: with the records unchanged, a clinic worker's resident
memory crept up by 0.7 to 2.5 MiB a minute that way, while the memory in use stayed the same. A
fixed threshold (``mallopt(M_MMAP_THRESHOLD)``, which also stops it moving) keeps such a
worker flat. ``MALLOC_MMAP_THRESHOLD_`` in the environment does the same for the worker
processes uvicorn starts; a value already set there is used as it is. A no-op without glibc.
"""

from __future__ import annotations

import ctypes
import os
import sys

ENV = "MALLOC_MMAP_THRESHOLD_"  # glibc's own name for the setting (read when a process starts)
THRESHOLD_BYTES = 128 * 1024  # glibc's starting value, kept
M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)


def fix_mmap_threshold() -> bool:
    """Fix the threshold in this process and for the processes it starts; True when set."""
    if not sys.platform.startswith("linux"):
        return False
    os.environ.setdefault(ENV, str(THRESHOLD_BYTES))
    try:
        threshold = int(os.environ[ENV])
        mallopt = ctypes.CDLL(None).mallopt
    except (ValueError, OSError, AttributeError):
        return False  # a value glibc would not read either, or a C library without mallopt
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(M_MMAP_THRESHOLD, threshold))
