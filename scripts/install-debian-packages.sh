#!/bin/sh
# System packages `make demo` needs on Debian or Ubuntu: make, Python's venv, and the libraries WeasyPrint
# (PDF reports) loads: Pango and HarfBuzz's subsetter (without libharfbuzz-subset0 each PDF is ~0.3 s slower).
# Works as root without sudo (fresh containers) and as a user with sudo. Usage: sh scripts/install-debian-packages.sh
set -eu

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "error: run this as root, or install sudo and give this user the right to use it." >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: apt-get not found; on other systems install make, python3 (3.11+) with venv, Pango and HarfBuzz." >&2
    exit 1
fi

PACKAGES="make python3 python3-venv libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2"
$SUDO apt-get update
# Older releases (Ubuntu 22.04) have no separate libharfbuzz-subset0: WeasyPrint then works, only slower.
if apt-cache show libharfbuzz-subset0 >/dev/null 2>&1; then
    PACKAGES="$PACKAGES libharfbuzz-subset0"
else
    echo "note: libharfbuzz-subset0 is not packaged here; PDF reports will render a little slower." >&2
fi
# shellcheck disable=SC2086 # the package list is meant to split into words
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $PACKAGES
echo "System packages installed. Next: make demo   (or: make demo PORT=8080)"
