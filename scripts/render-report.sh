#!/usr/bin/env bash
# Renders the sandbox report to a PNG with Debian's Chromium (no browser download) and checks the picture:
# a valid PNG of the window's size, not blank, with chart bars on it.
#   scripts/render-report.sh              runs the demo into sandbox-report/ first
#   scripts/render-report.sh <folder>     renders an existing report folder (with report.html)
# Writes <folder>/report.png. CHROMIUM overrides the browser (default /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

width=1200
height=2200
folder=${1:-}
if [ -z "$folder" ]; then
  folder=sandbox-report
  dotnet run -c Release --project Sandbox -- demo --out "$folder"
fi

page="$folder/report.html"
[ -f "$page" ] || { echo "no report at $page" >&2; exit 1; }
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "Chromium not found at $chromium (Debian: apt-get install -y chromium)" >&2; exit 1; }
command -v node >/dev/null || { echo "node not found (it checks the PNG)" >&2; exit 1; }

png="$(cd "$folder" && pwd)/report.png"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
# Chromium logs harmless D-Bus and GPU complaints on a headless machine; they go to its own log, shown on failure.
if ! timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$profile" --window-size="$width,$height" --screenshot="$png" \
    "file://$(cd "$folder" && pwd)/report.html" >"$profile/chromium.log" 2>&1; then
  cat "$profile/chromium.log" >&2
  echo "Chromium failed to render $page" >&2
  exit 1
fi

[ -f "$png" ] || { cat "$profile/chromium.log" >&2; echo "Chromium wrote no screenshot" >&2; exit 1; }
node scripts/check-png.mjs "$png" "$width" "$height"
echo "Rendered $png"
