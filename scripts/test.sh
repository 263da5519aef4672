#!/usr/bin/env bash
# The README's test command: installs dependencies, builds, and runs every
# suite (lit IR and tool tests, numerical Execution and Conformance tests,
# GoogleTest units) through `check-rectify`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
"$root/scripts/build.sh" check-rectify
