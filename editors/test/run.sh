#!/usr/bin/env bash
# Installs the pinned vscode-textmate and vscode-oniguruma into WORK (once) and checks the
# TextMate grammar of editors/vscode on every official file, example and clean language test.
# usage: editors/test/run.sh WORK_FOLDER
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${1:?usage: run.sh WORK_FOLDER}"
mkdir -p "$work"
command -v node >/dev/null && command -v npm >/dev/null || { echo "editors/test: node and npm are needed (Debian: nodejs, npm)" >&2; exit 1; }
cp "$here/package.json" "$work/package.json"
if [ ! -d "$work/node_modules/vscode-textmate" ] || [ ! -d "$work/node_modules/vscode-oniguruma" ]; then
  (cd "$work" && npm install --no-audit --no-fund --no-package-lock --silent)
fi
NODE_PATH="$work/node_modules" node "$here/check-grammar.js" "$root/editors/vscode/syntaxes/donum.tmLanguage.json" "$root/grammar/tokens.cpp" \
  "$root"/stdlib-rules/*.donum "$root"/examples/*.donum "$root"/tests/lang/ok/*.donum
