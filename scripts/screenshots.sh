#!/usr/bin/env bash
# Makes the pictures of the documentation from donum's real output, so that they can be made
# again whenever a report changes: two workbooks (the 2024 population report and a sweep of
# the DMP target with its native charts) opened by LibreOffice in a French locale and printed
# to PNG, and the sweep charts that --chart draws with gnuplot.
#   scripts/screenshots.sh [DONUM]   (default: build/release/cli/donum, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
# LibreOffice opens the workbooks; poppler's pdftoppm turns its PDF into PNG.
scripts/install-deps.sh poppler-utils
donum=${1:-build/release/cli/donum}
if [[ ! -x $donum ]]; then
  cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DDONUM_BUILD_TESTS=OFF -DDONUM_BUILD_BENCH=OFF >/dev/null
  cmake --build build/release -j "$(nproc)" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rules=stdlib-rules/forfait-structure.donum
population=examples/population-2024.csv
"$donum" simulate "$rules" "$population" --format xlsx -o "$work/rapport.xlsx"
"$donum" simulate "$rules" "$population" --sweep volet2.dmp.target=0%..100%:5% --format xlsx -o "$work/balayage.xlsx"

# A profile of its own, in French: numbers as French Excel shows them (11 871 247,50 €).
mkdir -p "$work/profile/user"
cat >"$work/profile/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
</oor:items>
EOF
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" \
  "$work/rapport.xlsx" "$work/balayage.xlsx" >/dev/null
# One page per sheet: the report's second sheet (Synthèse) and the sweep's second (Graphique),
# cut to the table and charts (pixels at 110 dpi).
pdftoppm -f 2 -l 2 -singlefile -r 110 -x 60 -y 70 -W 980 -H 185 -png "$work/rapport.pdf" docs/classeur-synthese
pdftoppm -f 2 -l 2 -singlefile -r 110 -x 60 -y 70 -W 1140 -H 500 -png "$work/balayage.pdf" docs/classeur-balayage

# The charts of --chart, as the documents that show them run them.
"$donum" simulate "$rules" "$population" --sweep volet2.dmp.target=0%..100%:5% --chart docs/balayage-dmp.svg >/dev/null
"$donum" simulate stdlib-rules/donum-projet.donum "$population" --year 2026 \
  --scenario examples/scenario-cnam.donum --sweep socle.dmt.target=50%..90%:5% --chart docs/balayage-dmt.svg >/dev/null
"$donum" simulate --allow-outside examples/proposition-dmp-prorata.donum "$population" \
  --sweep volet2.dmp.target@2024=20%..50%:5% --chart docs/prorata-dmp-balayage.svg >/dev/null
echo "docs/classeur-synthese.png docs/classeur-balayage.png docs/balayage-dmp.svg docs/balayage-dmt.svg docs/prorata-dmp-balayage.svg"
