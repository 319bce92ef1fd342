#!/usr/bin/env bash
# Install what tests/test_html_browser.py needs, without any browser download:
#   * Debian's chromium (only when /usr/bin/chromium is missing);
#   * the `playwright` Python package (driver only).
# NEVER run `playwright install` here: browser downloads are not possible in
# this environment. The tests launch chromium with
# executable_path="/usr/bin/chromium" instead.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: /usr/bin/chromium"
else
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        SUDO="sudo"
    fi
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium
fi

# Prefer the project virtualenv; fall back to $PYTHON or python3.
if [ -n "${PYTHON:-}" ]; then
    PY="$PYTHON"
elif [ -x "$ROOT/.venv/bin/python" ]; then
    PY="$ROOT/.venv/bin/python"
else
    PY="python3"
fi

if "$PY" -c "import playwright.sync_api" 2>/dev/null; then
    echo "playwright already installed for $PY"
else
    "$PY" -m pip install --quiet playwright
fi
