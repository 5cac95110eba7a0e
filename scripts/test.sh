#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian machine, runs every test
# project, and ends with one line "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use, by the command that proves each is present. Tests start their own
# servers (influxd, redis-server, mosquitto, haproxy) on free loopback ports; a system service a package
# may start is never used. mosquitto and haproxy live in /usr/sbin, which a non-root PATH lacks: look there too.
declare -A needed=( [chromium]=chromium [mosquitto_pub]=mosquitto-clients [influx]=influxdb-client [influxd]=influxdb [redis-server]=redis-server [mosquitto]=mosquitto [haproxy]=haproxy [docker-compose]=docker-compose )
missing=()
for cmd in "${!needed[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("${needed[$cmd]}")
done
# python's influxdb client for Debian's own python3 (an interop test writes to /write with it) is a module, not a command.
/usr/bin/python3 -c 'import influxdb' >/dev/null 2>&1 || missing+=(python3-influxdb)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  # A fresh machine's package lists may be empty: update once before installing.
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

log=$(mktemp)
dotnet test Coc.sln --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12").
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i+1));
      if ($i == "Failed:") f += $(i+1);
      if ($i == "Passed:") p += $(i+1);
      if ($i == "Skipped:") s += $(i+1);
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any summary: count it as a failure, never as a pass.
  failed=1
fi
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
