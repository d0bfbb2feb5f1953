#!/usr/bin/env python3
"""Validate the graph data and write the artifacts into output/.

Usage: python build_graph.py [--graph DIR] [--out DIR]

The same code path as ``footback build``; exit codes as documented there.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cli import main  # noqa: E402

if __name__ == "__main__":
    main(["build", *sys.argv[1:]])
