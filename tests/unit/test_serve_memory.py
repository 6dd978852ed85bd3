"""``psoas serve`` fixes glibc's mmap threshold, so a freed big block goes back to the system
instead of staying in the heap (a long-running worker's memory stays flat). Each case runs in
a fresh Python, where nothing has moved the threshold yet."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

import pytest

from psoas.cli.serve_memory import ENV, THRESHOLD_BYTES

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not hasattr(ctypes.CDLL(None), "mallinfo2"),
    reason="glibc's malloc (2.33 or newer) only",
)

# After a 4 MiB block is freed, glibc serves the next big blocks (1 MiB) from its heap unless the
# threshold is fixed. Prints how many bytes of mapped blocks the 1 MiB block added.
PROBE = """
import ctypes, sys
from psoas.cli.serve_memory import fix_mmap_threshold
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd",
                "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
if sys.argv[1] == "fix":
    print("set" if fix_mmap_threshold() else "not set")
if sys.argv[1] == "child":  # a process started after the fix: it only inherits the environment
    import subprocess
    fix_mmap_threshold()
    code = "import sys; sys.argv = ['', 'plain']; exec(open(%r).read())" % __file__
    sys.exit(subprocess.run([sys.executable, "-c", code]).returncode)
big = bytearray(4 << 20)
del big
before = libc.mallinfo2().hblkhd
block = bytearray(1 << 20)
print(libc.mallinfo2().hblkhd - before)
"""


def _probe(tmp_path, mode: str, **env: str) -> list[str]:  # type: ignore[no-untyped-def]
    script = tmp_path / "probe.py"
    script.write_text(PROBE)
    clean = {k: v for k, v in os.environ.items() if k != ENV} | env
    done = subprocess.run(
        [sys.executable, str(script), mode], capture_output=True, text=True, env=clean, check=True
    )
    return done.stdout.split()


def test_without_the_fix_a_freed_big_block_moves_glibcs_threshold(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert _probe(tmp_path, "plain") == ["0"]  # the 1 MiB block came from the heap


def test_the_fix_keeps_big_blocks_mapped_so_they_go_back_when_freed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    said, mapped = _probe(tmp_path, "fix")
    assert said == "set"
    assert int(mapped) >= 1 << 20


def test_the_processes_the_server_starts_inherit_the_fix(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (mapped,) = _probe(tmp_path, "child")
    assert int(mapped) >= 1 << 20


def test_a_threshold_already_in_the_environment_is_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    said, mapped = _probe(tmp_path, "fix", **{ENV: str(8 << 20)})  # 8 MiB: 1 MiB is below it
    assert said == "set"
    assert mapped == "0"
    assert THRESHOLD_BYTES == 128 * 1024
