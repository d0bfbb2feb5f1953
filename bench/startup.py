"""How long a CLI query takes from a cold process, against importing its libraries.

The targets: ``footback paths "plantar fasciitis" "lower back pain"``
costs at most 1.3x the wall time of ``python -c "import networkx, click"``
(issue 3); ``footback --help`` and shell completion of a node name at most
0.5x (issue 17: they do not import networkx), median of several runs, on
the same machine. Run:

    .venv/bin/python bench/startup.py [--runs 21]

It prints a table, the ratio and the machine. Runs alternate between the
commands so that a busy moment on the machine hits them all alike; the CPU
time of each run (user + system) is shown too, as it hardly depends on what
else the machine is doing. The
query runs with a fresh cache directory, warmed by one untimed run (the
cache is what a student's second query meets); "no cache" shows the cost
without it. Python writes and reuses bytecode (``__pycache__``) as it does
for any user, even if ``PYTHONDONTWRITEBYTECODE`` is set in this shell:
otherwise footback's own modules, unlike the installed networkx and click,
would be compiled from source on every run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.3
HELP_TARGET = 0.5
QUERY = ["paths", "plantar fasciitis", "lower back pain"]


def footback() -> list[str]:
    script = Path(sys.executable).with_name("footback")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from cli import main; main()"]


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, NaN where unknown) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(proc.pid, 0)
        code, cpu = os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime
    else:  # Windows
        code, cpu = proc.wait(), float("nan")
    elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {code}")
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs of each command (default 21)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "FOOTBACK_CACHE_DIR": cache}
        env.pop("FOOTBACK_NO_CACHE", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        no_cache = {**env, "FOOTBACK_NO_CACHE": "1"}
        commands = {
            "python -c 'import networkx, click'": ([sys.executable, "-c", "import networkx, click"], env),
            "footback paths (cached)": (footback() + QUERY, env),
            "footback paths (no cache)": (footback() + QUERY, no_cache),
            "footback --help": (footback() + ["--help"], env),
            "completion: footback show plan<TAB>": (footback(), {**env, "_FOOTBACK_COMPLETE": "bash_complete", "COMP_WORDS": "footback show plan", "COMP_CWORD": "2"}),
        }
        for cmd, e in commands.values():  # warm the OS file cache and footback's cache
            run(cmd, e)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (cmd, e) in commands.items():
                wall, cpu = run(cmd, e)
                times[name].append(wall)
                cpus[name].append(cpu)

    baseline = "python -c 'import networkx, click'"
    base, base_cpu = statistics.median(times[baseline]), statistics.median(cpus[baseline])
    width = max(len(n) for n in commands)
    print(f"{'command':<{width}}  median ms  min ms  ratio  cpu ms  cpu ratio")
    for name, ts in times.items():
        med, cpu = statistics.median(ts), statistics.median(cpus[name])
        print(f"{name:<{width}}  {med * 1000:9.1f}  {min(ts) * 1000:6.1f}  {med / base:5.2f}  {cpu * 1000:6.1f}  {cpu / base_cpu:9.2f}")
    ratio = statistics.median(times["footback paths (cached)"]) / base
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(f"\nratio (footback paths, cached / import networkx, click): {ratio:.2f} ({verdict} the {TARGET}x target)")
    for name in ("footback --help", "completion: footback show plan<TAB>"):
        r = statistics.median(times[name]) / base
        print(f"ratio ({name} / import networkx, click): {r:.2f} ({'meets' if r <= HELP_TARGET else 'MISSES'} the {HELP_TARGET}x target)")
    print("(wall-time medians; on a busy machine the minima and the CPU times are steadier)")
    cpu = platform.processor() or platform.machine()
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    print(f"machine: {platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs{load}, Python {platform.python_version()}, {args.runs} runs each")


if __name__ == "__main__":
    main()
