"""Pack a built site into one zip archive to carry offline: ``python -m sitebuild.archive SITE ZIP``.

The archive unpacks into a single folder, ``reglit-site/``; opening its
``index.html`` from disk gives the whole site (math, figures, search and
notebook downloads work from ``file://``). It carries what the pages load, and
the site's downloads (notebooks, reglit's wheel and sdist), but not the files
of ``LEFT_OUT``, which a copy opened from disk never loads. Entries are sorted and
stamped with ``SOURCE_DATE_EPOCH`` (or 1980-01-01), so the same site gives the same bytes.
"""

from __future__ import annotations

import fnmatch
import os
import sys
import time
import zipfile
from pathlib import Path

FOLDER = "reglit-site"

LEFT_OUT = {
    "*.map": "source maps, for a browser's developer tools",
    "assets/javascripts/lunr/*": "search in other languages, and word segmenters for Japanese and Thai",
    "search/search_index.json": "the served site's search index; from disk, pages load search_index.js",
    "404.html": "the page a server shows for a missing address",
    "sitemap.xml*": "the list of pages for search engines",
    "objects.inv": "the API inventory other projects' documentation links to",
}
"""Pattern of a site file -> why a copy opened from disk does without it."""


def carried(site: Path) -> list[Path]:
    """The files of ``site`` the archive carries, sorted: all but those ``LEFT_OUT`` names."""
    files = sorted(p for p in Path(site).rglob("*") if p.is_file())
    return [p for p in files if not any(fnmatch.fnmatch(p.relative_to(site).as_posix(), x) for x in LEFT_OUT)]


def pack(site: Path, archive: Path) -> Path:
    """Write the files of ``site`` a reader needs into ``archive``, under ``reglit-site/``; return it."""
    site, archive = Path(site), Path(archive)
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"site must be a built site folder with an index.html, got {site}")
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)  # zip starts in 1980
    stamp = time.gmtime(epoch)[:6]
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        for path in carried(site):
            entry = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zipped.writestr(entry, path.read_bytes())
    return archive


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m sitebuild.archive SITE_FOLDER ARCHIVE.zip")
    print(pack(Path(sys.argv[1]), Path(sys.argv[2])))
