#!/usr/bin/env bash
# Renders the sandbox report to a PNG with Debian's Chromium (no browser download) and checks the picture:
# a valid PNG of the page's size, not blank, with chart bars and trend lines on it.
#   scripts/render-report.sh              runs the demo into sandbox-report/ first
#   scripts/render-report.sh <folder>     renders an existing report folder (with report.html)
# Writes <folder>/report.png. CHROMIUM overrides the browser (default /usr/bin/chromium).
#
# The picture is as tall as the page: a first pass loads a copy of the page with one line of script that writes the
# document's height into the DOM, which Chromium's --dump-dom prints after the load; the screenshot is then taken
# with the window that tall (Chromium's --screenshot captures the window, not the whole document). The report itself
# stays free of scripts.
set -euo pipefail
cd "$(dirname "$0")/.."

width=1200
max_height=30000
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
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile")

# Pass 1: the page's height at this width.
measure="$profile/measure.html"
sed 's#</body>#<script>document.body.setAttribute("data-height",Math.ceil(document.documentElement.getBoundingClientRect().height+parseFloat(getComputedStyle(document.body).marginTop)+parseFloat(getComputedStyle(document.body).marginBottom)))</script></body>#' \
  "$page" >"$measure"
# Chromium logs harmless D-Bus and GPU complaints on a headless machine; they go to its own log, shown on failure.
if ! dom=$(timeout 120 "$chromium" "${flags[@]}" --window-size="$width,800" --dump-dom "file://$measure" 2>"$profile/chromium.log"); then
  cat "$profile/chromium.log" >&2
  echo "Chromium failed to load $page" >&2
  exit 1
fi
height=$(printf '%s' "$dom" | grep -o 'data-height="[0-9]*"' | head -1 | grep -o '[0-9]*' || true)
[ -n "$height" ] && [ "$height" -gt 0 ] || { cat "$profile/chromium.log" >&2; echo "could not measure the page's height" >&2; exit 1; }
if [ "$height" -gt "$max_height" ]; then
  echo "the page is ${height}px tall; the picture is cut at ${max_height}px" >&2
  height=$max_height
fi

# Pass 2: the picture, the page's own size.
if ! timeout 120 "$chromium" "${flags[@]}" --window-size="$width,$height" --screenshot="$png" \
    "file://$(cd "$folder" && pwd)/report.html" >"$profile/chromium.log" 2>&1; then
  cat "$profile/chromium.log" >&2
  echo "Chromium failed to render $page" >&2
  exit 1
fi

[ -f "$png" ] || { cat "$profile/chromium.log" >&2; echo "Chromium wrote no screenshot" >&2; exit 1; }
# A page with a weekly trend must show its lines (the demo always has one; an empty history says why it has none).
lines=()
grep -q '<polyline' "$page" && lines=(--lines)
node scripts/check-png.mjs "$png" "$width" "$height" "${lines[@]}"
echo "Rendered $png (${width}x${height}, the page's height)"
