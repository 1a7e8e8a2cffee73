#!/usr/bin/env bash
# Builds pooled and runs every test (unit, integration, CLI, post-install) except those
# labelled slow. Usage: scripts/test.sh [extra ctest arguments]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh" --tests
"$root/scripts/build.sh"
cd "$root/build"
ctest --output-on-failure --parallel "$(nproc)" --label-exclude slow "$@"
