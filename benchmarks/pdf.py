"""What printing the book adds to a site build, and what the offline archive weighs.

Builds the site in a copy of the project (its own caches; the build prints the
book), then prints the book again (`sitebuild.pdf`) and packs the archive, timing
each, and prints the PDF's
size and pages and the archive's size with and without the files it leaves out
(`sitebuild.archive.LEFT_OUT`). Goals: the PDF under 15 MB and printed in
under 60 s on top of the build. Run: python benchmarks/pdf.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' support module
from sitebuild import archive, pdf
from tests.support import ROOT, build_site, chromium, project_copy


def _whole_site_zip(site: Path, out: Path) -> int:
    """The archive as it was before LEFT_OUT: every file of the site."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            zipped.write(path, f"{archive.FOLDER}/{path.relative_to(site).as_posix()}")
    return out.stat().st_size


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = project_copy(Path(folder) / "project")
        start = time.perf_counter()
        result = build_site(project / "site", Path(folder) / "caches", project, "--quiet")
        if result.returncode != 0:
            raise SystemExit(result.stderr[-3000:])
        built = time.perf_counter() - start
        site = project / "site"
        start = time.perf_counter()
        book = pdf.write(site, Path(folder) / pdf.NAME, chromium(), pdf.pages(ROOT / "mkdocs.yml"))
        printed = time.perf_counter() - start
        if book.read_bytes() != (site / pdf.NAME).read_bytes():
            raise SystemExit("printing the built site again gave other bytes than the build's book")
        info = subprocess.run(["pdfinfo", book], capture_output=True, text=True, check=True).stdout
        pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
        size = book.stat().st_size
        start = time.perf_counter()
        lean = archive.pack(site, Path(folder) / "lean.zip").stat().st_size
        packed = time.perf_counter() - start
        whole = _whole_site_zip(site, Path(folder) / "whole.zip")
        unpacked_lean = sum(p.stat().st_size for p in archive.carried(site))
        unpacked_whole = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"{'step':40s} {'seconds':>8s}")
    print(f"{'site build (cold, the book printed)':40s} {built:8.1f}")
    print(f"{'print the book (part of that build)':40s} {printed:8.1f}   budget 60")
    print(f"{'pack the offline archive':40s} {packed:8.1f}")
    print(f"\nPDF: {pages} A4 pages, {size / 1e6:.2f} MB (budget 15 MB)")
    print(f"\n{'offline archive (with the PDF)':40s} {'zip MB':>8s} {'unpacked MB':>12s}")
    print(f"{'every file of the site':40s} {whole / 1e6:8.2f} {unpacked_whole / 1e6:12.2f}")
    print(f"{'what the pages load (LEFT_OUT dropped)':40s} {lean / 1e6:8.2f} {unpacked_lean / 1e6:12.2f}")


if __name__ == "__main__":
    main()
