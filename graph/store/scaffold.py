"""``footback init DIR``: a copy of the curated data to edit, with a short README.

The copy is a footback YAML data folder: ``footback --graph DIR`` uses it in place of
the shipped graph, and ``footback validate --graph DIR`` checks it. It is written whole
or not at all (into a temporary folder beside ``DIR``, renamed into place).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..errors import ExportError
from ..formats.yamlfile import DATA_DIR, yaml_files

README = """\
# {name}: your own copy of the footback graph

These files are footback's curated graph, copied for you to change. Use them in place
of the shipped graph with `--graph`, before or after any command:

    footback validate --graph {name}
    footback --graph {name} paths "flat feet" "lower back pain"
    footback --graph {name} export html -o {name}.html

| file | holds |
|---|---|
{files}

Any `*.yaml` file in this folder is read, so you can keep your additions apart: a new
file with its own `sources`, `nodes` and `edges` (top-level keys), for example
`knee.yaml`:

```yaml
sources:
  - id: class-notes
    title: Our class notes
    kind: teacher's notes
    sections: [Knees]
nodes:
  - id: knee-pain          # kebab-case, unique
    label: Knee pain
    type: symptom          # condition, mechanism, symptom, body_region or treatment
    description: Pain in or around the knee.
    synonyms: [sore knee]
edges:
  - from: gait-change      # node ids
    relation: causes       # causes, located_in, part_of, treats or prevents
    to: knee-pain
    cites: class-notes     # a source id
    section: Knees         # one of that source's sections
    note: A changed way of walking can load the knee unevenly.
```

Then run `footback validate --graph {name}`: it lists every problem at once, each with
its file and line (an unknown node, a relation between the wrong types, a name two
nodes share, a section the source does not have). Educational material, not medical
advice: cite where each link comes from.
"""

_HOLDS = {
    "sources.yaml": "the disclaimer (`about`) and the sources, each with the section headings edges may cite",
    "nodes.yaml": "every node: `id`, `label`, `type`, `description`, `synonyms`, `codes`",
    "edges.yaml": "every edge: `from`, `relation`, `to`, `cites`, `section`, `note`",
}


def data_files() -> list[Path]:
    """The curated data files that ``init`` copies (every top-level YAML file)."""
    return yaml_files(DATA_DIR)


def init_data(dest: Path | str) -> list[Path]:
    """Copy the curated data into a new folder ``dest`` with a README; the paths written.

    Raises
    ------
    ExportError
        ``dest`` exists and is not an empty folder, or its parent folder does not exist.
    """
    dest = Path(dest)
    if dest.exists() and not (dest.is_dir() and not any(dest.iterdir())):
        raise ExportError(f"{dest} already exists and is not an empty folder: choose a new one (nothing written)")
    parent = dest.parent
    if not parent.is_dir():
        raise ExportError(f"cannot create {dest}: folder {parent} does not exist")
    files = data_files()
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=parent))
    try:
        for f in files:
            shutil.copyfile(f, tmp / f.name)
        rows = "\n".join(f"| `{f.name}` | {_HOLDS.get(f.name, 'more curated data')} |" for f in files)
        (tmp / "README.md").write_text(README.format(name=dest.name, files=rows), encoding="utf-8")
        os.chmod(tmp, 0o777 & ~_umask())
        if dest.exists():
            dest.rmdir()
        tmp.rename(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [dest / f.name for f in files] + [dest / "README.md"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
