"""Write tests/data/article-runs.txt: hashes of every 8-word run of the source article.

Run once, by hand, from the project root when the article changes:

    python tests/make_article_hashes.py ../shared/seeds/foot-and-back-pain-article.txt

The tests never read the article: they compare the curated data's own 8-word runs with
these hashes (see tests/test_data_wording.py), so the project holds no copy of its text.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wording import RUN, run_hashes  # noqa: E402

OUT = Path(__file__).resolve().parent / "data" / "article-runs.txt"


def main(article: str) -> None:
    text = Path(article).read_text(encoding="utf-8")
    hashes = sorted(run_hashes(text))
    OUT.write_text(f"# sha256 (first 16 hex) of each {RUN}-word run of the source article, normalised; see make_article_hashes.py\n" + "\n".join(hashes) + "\n", encoding="utf-8")
    print(f"{len(hashes)} runs written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds/foot-and-back-pain-article.txt")
