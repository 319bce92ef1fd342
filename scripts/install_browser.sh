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
    # Another package manager (unattended-upgrades, another engineer's set-up) may hold apt's locks:
    # wait for them instead of failing. DPkg::Lock::Timeout makes apt-get wait for the dpkg lock;
    # `apt-get update` takes the lists lock, which some apt versions do not wait for, so it is
    # retried while its error is a lock held by another process (up to APT_LOCK_WAIT seconds).
    WAIT="${APT_LOCK_WAIT:-600}"
    apt_update() {
        local waited=0 log
        log="$(mktemp)"
        until $SUDO apt-get -o DPkg::Lock::Timeout="$WAIT" update -qq 2>"$log"; do
            if ! grep -qi "lock" "$log" || [ "$waited" -ge "$WAIT" ]; then
                cat "$log" >&2
                rm -f "$log"
                return 1
            fi
            echo "waiting for the package manager's lock (${waited}s of ${WAIT}s)" >&2
            sleep 5
            waited=$((waited + 5))
        done
        rm -f "$log"
    }
    apt_update && $SUDO apt-get -o DPkg::Lock::Timeout="$WAIT" install -y -qq chromium
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
