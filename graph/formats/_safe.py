"""Writing an export without harming what the export did not write.

An export lands by a rename from a temporary file footback made itself, in
the real folder of the target, so no half-written file is ever visible.
What this module guards against, on a shared folder (``/tmp``, a class's
shared drive) where another account can plant names:

* A symbolic link at the destination is refused (:class:`ExportError`,
  exit 2) unless the caller asks to replace the link; then the link itself
  is replaced by the new file, and what it pointed to is never written.
* The temporary file is made inside a private folder (mode 0700, made with
  ``mkdir``, which never follows a link or reuses a name), so nobody can
  swap a link in for it while the exporter writes.
* A file being replaced keeps its permission bits (and, where the system
  allows it, its owner and group): replacing a private file never makes it
  readable by others.
* An interrupt (Ctrl-C, ``SIGTERM``, ``SIGHUP``) removes the temporary
  folder. ``SIGKILL`` cannot be caught: it leaves at most one folder named
  ``.NAME.footback-tmp-PID-*``, which the next export into that folder
  removes (only when its process is gone and it belongs to this account).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ExportError

#: Every temporary folder an export makes has this in its name.
TMP_MARK = ".footback-tmp-"
_STALE = re.compile(r"^(?:\..*)?" + re.escape(TMP_MARK) + r"(\d+)-[^/]*$")


def real_target(out: Path) -> Path:
    """``out`` with its folder resolved but its last name kept as it is.

    A link as the last name is what the export must not follow, so it is
    not resolved; ``.``, ``..`` and a trailing ``/`` name a folder and are.
    """
    if out.name in ("", ".", "..") or str(out).endswith(os.sep):
        return out.resolve()
    return out.parent.resolve() / out.name


def refuse_symlink(path: Path, shown: Path, replace_symlink: bool) -> None:
    """An :class:`ExportError` when ``path`` is a symbolic link and the caller did not ask to replace it."""
    if replace_symlink or not path.is_symlink():
        return
    try:
        points_to = os.readlink(path)
    except OSError:
        points_to = "?"
    raise ExportError(
        f"refusing to write {shown}: it is a symbolic link (to {points_to}), and writing through it "
        "would replace a file this export did not create; remove the link, name another file, "
        "or pass --replace-symlink to replace the link itself (what it points to is left alone)"
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def clean_stale(folder: Path) -> None:
    """Remove temporary folders left in ``folder`` by exports that were killed.

    Only folders named like ours, owned by this account, whose process is
    gone; never a link, never anything else.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    me = os.geteuid()
    for entry in entries:
        m = _STALE.match(entry.name)
        if not m or int(m.group(1)) == os.getpid() or _alive(int(m.group(1))):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(st.st_mode) and st.st_uid == me:
                import shutil

                shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:
            pass


def make_tmp_dir(folder: Path, name: str) -> Path:
    """A new private folder inside ``folder`` for one export's files."""
    import tempfile  # with shutil and random: not imported for --help

    return Path(tempfile.mkdtemp(prefix=f"{'.' + name if name else ''}{TMP_MARK}{os.getpid()}-", dir=folder))


def discard(tmp: Path) -> None:
    """Remove a temporary folder; an error doing so must not hide the first one."""
    try:
        if tmp.is_dir() and not tmp.is_symlink():
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
    except OSError:
        pass


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def adopt_mode(new: Path, old: Path, default: int) -> None:
    """Give ``new`` the mode (and, where allowed, owner) of the file ``old`` it
    is about to replace, or ``default`` less the umask when ``old`` is not a
    regular file."""
    try:
        st = os.lstat(old)
    except FileNotFoundError:
        st = None
    if st is None or not stat.S_ISREG(st.st_mode):
        os.chmod(new, default & ~umask())
        return
    try:
        os.chown(new, st.st_uid, st.st_gid)
    except OSError:  # only the owner's own group, or root, may do this
        pass
    os.chmod(new, stat.S_IMODE(st.st_mode))


class _Interrupted(BaseException):
    """A termination signal during an export, raised so that its clean-up runs."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def cleaned_up_on_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP unwind like Ctrl-C (clean-up runs),
    then end the process with the signal's usual exit status."""
    import signal

    previous = {}
    try:
        for sig in (signal.SIGTERM, signal.SIGHUP):
            previous[sig] = signal.signal(sig, _raise)
    except ValueError:  # not the main thread: signals cannot be caught here
        pass
    try:
        yield
    except _Interrupted as stop:
        raise SystemExit(128 + stop.signum) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _raise(signum: int, frame: object) -> None:
    raise _Interrupted(signum)
