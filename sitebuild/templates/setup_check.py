# Set-up check, added by the site: is this Python ready?
import re
import sys
from importlib.metadata import PackageNotFoundError, version

# The build fills in these five lines (sitebuild.notebooks.setup_cell); the rest is read as written.
REGLIT = "0.0.0"  # the version this notebook was made with
SITE = "reglit-site/"  # the copy of the site it came from
WHEEL = SITE + "packages/reglit-0.0.0-py3-none-any.whl"
NEEDS = {"numpy": (2, 0)}
PYTHON = (3, 11)


def found(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


wheel, libraries = [], []
if found("reglit") != REGLIT:
    print(f"reglit {REGLIT} is needed, found {found('reglit')}.")
    wheel.append(WHEEL)
for name, least in NEEDS.items():
    numbers = tuple(int(n) for n in re.findall(r"\d+", found(name))[:2])
    if numbers < least:
        wanted = ".".join(map(str, least))
        print(f"{name} >= {wanted} is needed, found {found(name)}.")
        libraries.append(f'"{name}>={wanted}"')
if sys.version_info < PYTHON:
    least = ".".join(map(str, PYTHON))
    print(f"This notebook needs Python {least} or newer: start Jupyter")
    print("from such a Python, then run this cell again.")
elif wheel or libraries:
    print("Run this in a cell, then restart the kernel:")
    if SITE.startswith("file:"):  # the copy carries reglit only
        if libraries:
            print("%pip install", *libraries, " # while online")
        if wheel:
            print("%pip install --no-index", *wheel)
    else:
        print("%pip install", *wheel, *libraries)
else:
    print(f"Ready: reglit {REGLIT}, {', '.join(NEEDS)}.")
