"""Pack a built site into one zip archive to carry offline: ``python -m reglit.site.archive SITE ZIP``.

The archive unpacks into a single folder, ``reglit-site/``; opening its
``index.html`` from disk gives the whole site (math, figures, search and
notebook downloads work from ``file://``). Entries are sorted and stamped with
``SOURCE_DATE_EPOCH`` (or 1980-01-01), so the same site gives the same bytes.
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

FOLDER = "reglit-site"


def pack(site: Path, archive: Path) -> Path:
    """Write every file of ``site`` into ``archive`` under ``reglit-site/``; return the archive."""
    site, archive = Path(site), Path(archive)
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"site must be a built site folder with an index.html, got {site}")
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)  # zip starts in 1980
    stamp = time.gmtime(epoch)[:6]
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zipped.writestr(entry, path.read_bytes())
    return archive


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m reglit.site.archive SITE_FOLDER ARCHIVE.zip")
    print(pack(Path(sys.argv[1]), Path(sys.argv[2])))
