#!/usr/bin/env python3
"""Reads back every kind of workbook donum writes with a real reader (openpyxl, Debian's
python3-openpyxl) and compares its numbers with donum's CSV or JSON output of the same run.

    check_workbooks.py DONUM SOURCE_DIR OUT_DIR KIND

KIND is one of eval, skip_invalid, report, sweep, solve, diff, summary, explain, exact,
reader (workbooks as activity data), libreoffice. Each number must be the double nearest to
the exact value the CSV prints (float(Fraction(text)) == cell): a workbook never holds a
number rounded otherwise. Exit code 77 means skipped (LibreOffice missing), as CTest's
SKIP_RETURN_CODE says.
"""
import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from fractions import Fraction

try:
    import openpyxl
except ImportError:
    sys.exit("openpyxl is missing: install Debian's python3-openpyxl (scripts/install-deps.sh)")

DONUM, SOURCE, OUT, KIND = sys.argv[1:5]
os.makedirs(OUT, exist_ok=True)
RULES = os.path.join(SOURCE, "stdlib-rules", "forfait-structure.donum")
POPULATION = os.path.join(SOURCE, "examples", "population-2024.csv")
MINI = os.path.join(SOURCE, "tests", "data", "mini.donum")
failures = []


def run(*args, code=0):
    done = subprocess.run([DONUM, *args], capture_output=True, text=True)
    if done.returncode != code:
        sys.exit(f"donum {' '.join(args)}: exit {done.returncode}\n{done.stderr}")
    return done.stdout


def workbook(name, *args):
    path = os.path.join(OUT, name)
    if os.path.exists(path):
        os.remove(path)
    run(*args, "-o", path)
    return openpyxl.load_workbook(path)


def number(text):
    """The exact value of a plain number as donum writes it: "22.5", "2/3", "87.15"."""
    return Fraction(text)


def same(cell, text, where):
    """The cell holds the double nearest to the exact value `text`."""
    if text in ("", None):
        if cell not in (None, ""):
            failures.append(f"{where}: expected an empty cell, got {cell!r}")
        return
    try:
        exact = number(text)
    except ValueError:
        if cell != text:
            failures.append(f"{where}: expected {text!r}, got {cell!r}")
        return
    if not isinstance(cell, (int, float)) or isinstance(cell, bool):
        failures.append(f"{where}: expected the number {text}, got {cell!r}")
    elif excel_exact(exact) and float(exact) != float(cell):
        failures.append(f"{where}: expected {text} ({float(exact)!r}), got {cell!r}")
    elif not excel_exact(exact) and abs(Fraction(cell) - exact) > abs(exact) * Fraction(1, 10**15):
        failures.append(f"{where}: expected about {text}, got {cell!r}")


def excel_exact(v):
    """A finite decimal of at most 15 significant digits: the cell must hold it exactly.
    Other values (2/3) are within 1e-15 (the file holds 16 digits) and given as text too."""
    den = v.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    if den != 1:
        return False
    digits = str(v.numerator * 10**40 // v.denominator).strip("0")
    return len(digits) <= 15


def same_share(cell, percent_text, where):
    """A share cell (a proportion) against a percentage as rounded by the CSV."""
    decimals = len(percent_text.split(".")[1]) if "." in percent_text else 0
    if not isinstance(cell, (int, float)):
        failures.append(f"{where}: expected a share, got {cell!r}")
    elif round(Fraction(cell) * 100, decimals) != round(Fraction(percent_text), decimals):
        failures.append(f"{where}: expected {percent_text} %, got {cell * 100} %")


def rows_of(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def check_layout(book):
    """Every table sheet has its header frozen and a filter; the manifest comes last."""
    if book.sheetnames[-1] != "Manifeste":
        failures.append(f"the last sheet is {book.sheetnames[-1]!r}, not Manifeste")
    for sheet in book:
        if sheet.freeze_panes != "A2":
            failures.append(f"{sheet.title}: header row not frozen ({sheet.freeze_panes})")
        if not sheet.auto_filter.ref:
            failures.append(f"{sheet.title}: no filter")
    manifest = {r[0]: r[1] for r in rows_of(book["Manifeste"])[1:]}
    if "Exactitude" not in manifest or "Version de donum" not in manifest:
        failures.append(f"manifest without its version and exactness rows: {sorted(manifest)}")
    return manifest


def check_eval():
    text = run("eval", "--format", "csv", RULES, POPULATION)
    expected = list(csv.reader(io.StringIO(text)))
    book = workbook("eval.xlsx", "eval", "--format", "xlsx", RULES, POPULATION)
    check_layout(book)
    got = rows_of(book["Par médecin"])
    if len(got) != len(expected):
        failures.append(f"eval: {len(got)} rows, CSV has {len(expected)}")
    for r, (g, e) in enumerate(zip(got[1:], expected[1:]), start=2):
        if g[0] != e[0]:
            failures.append(f"eval row {r}: id {g[0]!r} != {e[0]!r}")
        for k in range(1, len(e)):
            same(g[k], e[k], f"eval row {r} column {expected[0][k]}")
    totals = json.loads(run("eval", "--format", "json", RULES, POPULATION))["totals"]
    sheet = rows_of(book["Totaux"])[1:]
    for t, row in zip(totals, sheet):
        for key, k in (("physicians", 1), ("paid", 2), ("points", 3), ("euros", 4)):
            same(row[k], str(t[key]), f"eval totals {key}")


def check_skip_invalid():
    data = os.path.join(SOURCE, "tests", "data", "mixed.csv")
    csv_path = os.path.join(OUT, "rejected.csv")
    run("eval", "--skip-invalid", csv_path, MINI, data)
    run("eval", "--skip-invalid", os.path.join(OUT, "rejected.xlsx"), MINI, data)
    book = openpyxl.load_workbook(os.path.join(OUT, "rejected.xlsx"))
    check_layout(book)
    with open(csv_path, newline="", encoding="utf-8") as f:
        expected = list(csv.reader(f))
    got = rows_of(book["Lignes rejetées"])
    if [str(g[0]) for g in got[1:]] != [e[0] for e in expected[1:]] or [g[2] for g in got[1:]] != [e[2] for e in expected[1:]]:
        failures.append(f"rejected rows differ: {got} != {expected}")


def check_report():
    report = json.loads(run("simulate", "--format", "json", RULES, POPULATION))
    book = workbook("report.xlsx", "simulate", "--format", "xlsx", RULES, POPULATION)
    check_layout(book)
    for name in ("Synthèse", "Déciles", "Groupes", "Indicateurs", "Quasi-atteintes"):
        if name not in book.sheetnames:
            failures.append(f"report: no sheet {name}")
    section = report["sections"][0]
    synthesis = {r[1]: r for r in rows_of(book["Synthèse"])[1:]}
    same(synthesis["Médecins payés"][2], str(section["paid"]), "report paid")
    same_share(synthesis["Médecins payés"][3], str(section["paid_percent"]), "report paid share")
    same(synthesis["Montant total"][2], str(section["euros"]), "report euros")
    same(synthesis["Points payés"][2], str(section["points"]), "report points")
    deciles = [r[2] for r in rows_of(book["Déciles"])[1:] if r[1] and r[1].startswith("D")]
    for k, (g, e) in enumerate(zip(deciles, section["amounts"]["deciles"])):
        same(g, str(e), f"report D{k + 1}")
    indicators = {r[1]: r for r in rows_of(book["Indicateurs"])[1:] if r[1]}
    for ind in section["indicators"]:
        row = indicators[ind["id"]]
        same(row[5], str(ind["met"]), f"report {ind['id']} met")
        same_share(row[6], str(ind["met_percent"]), f"report {ind['id']} met share")
        if ind["euros"] is not None:
            same(row[12], str(ind["euros"]), f"report {ind['id']} euros")
    near = {r[1]: r for r in rows_of(book["Quasi-atteintes"])[1:] if r[1]}
    for ind in section["indicators"]:
        if ind["near_misses"] is not None:
            same(near[ind["id"]][5], str(ind["near_misses"]), f"report {ind['id']} near misses")


def check_sweep():
    args = ("simulate", RULES, POPULATION, "--sweep", "volet2.dmp.target=0%..100%:5%")
    expected = list(csv.reader(io.StringIO(run(*args, "--format", "csv"))))
    book = workbook("sweep.xlsx", *args, "--format", "xlsx")
    check_layout(book)
    got = rows_of(book["Balayage"])
    for r, (g, e) in enumerate(zip(got[1:], expected[1:]), start=2):
        same(g[0], str(Fraction(e[0].rstrip(" %")) / 100), f"sweep row {r} value")
        same_share(g[1], e[1], f"sweep row {r} share")
        for k in range(3, len(e)):
            same(g[k], e[k], f"sweep row {r} {expected[0][k]}")
    charts = book["Graphique"]._charts
    if len(charts) != 2:
        failures.append(f"sweep: {len(charts)} charts in Graphique, expected 2 (cost, share)")
    head = rows_of(book["Graphique"])[0]
    if not any(h and h.startswith("valeur actuelle : 30 %") for h in head):
        failures.append(f"sweep: the value in force is not marked: {head}")


def check_solve():
    args = ("solve", RULES, POPULATION, "--vary", "volet2.dmp.target", "--budget", "12M€")
    expected = list(csv.reader(io.StringIO(run(*args, "--format", "csv"))))
    book = workbook("solve.xlsx", *args, "--format", "xlsx")
    check_layout(book)
    got = rows_of(book["Valeurs évaluées"])
    for r, (g, e) in enumerate(zip(got[1:], expected[1:]), start=2):
        if g[0] != e[0] or g[2] != e[2]:
            failures.append(f"solve row {r}: {g[:3]} != {e[:3]}")
        for k in (1, 3, 4, 5):
            same(g[k], e[k], f"solve row {r} {expected[0][k]}")
    # The exact answer 497/1954 has no decimal: it is also given as text.
    exact = rows_of(book["Valeurs exactes"])
    if not any(row[3] == "497/1954" for row in exact[1:]):
        failures.append(f"solve: 497/1954 not in the sheet of exact values: {exact}")


def check_diff():
    versions = (RULES + "@2023", RULES + "@2024")
    impact = json.loads(run("diff", *versions, "--data", POPULATION, "--format", "json"))["impact"]
    book = workbook("diff.xlsx", "diff", *versions, "--data", POPULATION, "--format", "xlsx")
    check_layout(book)
    population = {r[0]: r for r in rows_of(book["Population"])[1:]}
    for k, v in enumerate(impact["versions"]):
        same(population["montant total"][1 + k], str(v["euros"]), f"diff euros {v['name']}")
        same(population["médecins payés"][1 + k], str(v["paid"]), f"diff paid {v['name']}")
    change = rows_of(book["Écarts"])[1]
    same(change[2], str(impact["changes"][0]["winners"]), "diff winners")
    same(change[5], str(impact["changes"][0]["losers"]), "diff losers")
    same(change[6], str(impact["changes"][0]["lost"]), "diff lost")
    per_csv = os.path.join(OUT, "per-physician.csv")
    per_xlsx = os.path.join(OUT, "per-physician.xlsx")
    run("diff", *versions, "--data", POPULATION, "--per-physician", per_csv)
    run("diff", *versions, "--data", POPULATION, "--per-physician", per_xlsx)
    with open(per_csv, newline="", encoding="utf-8") as f:
        expected = list(csv.reader(f))
    per = openpyxl.load_workbook(per_xlsx)
    check_layout(per)
    got = rows_of(per["Par médecin"])
    if len(got) != len(expected):
        failures.append(f"per physician: {len(got)} rows, CSV has {len(expected)}")
    for r, (g, e) in enumerate(zip(got[1:], expected[1:]), start=2):
        if g[0] != e[0] or (g[4] or "") != e[4]:
            failures.append(f"per physician row {r}: {g} != {e}")
        for k in (1, 2, 3):
            same(g[k], e[k], f"per physician row {r} column {k}")


def check_summary():
    expected = list(csv.reader(io.StringIO(run("check", "--summary", "--format", "csv", RULES))))
    book = workbook("summary.xlsx", "check", "--summary", "--format", "xlsx", RULES)
    check_layout(book)
    got = rows_of(book["Indicateurs"])
    for r, (g, e) in enumerate(zip(got[1:], expected[1:]), start=2):
        for k in range(len(e)):
            same(g[k], e[k], f"summary row {r} {expected[0][k]}")
    maximum = rows_of(book["Maximum"])[1]
    same(maximum[1], "1115", "summary maximum points")
    same(maximum[2], "7805.00", "summary maximum euros")


def check_explain():
    args = ("explain", RULES, POPULATION, "--id", "M000002")
    expected = list(csv.reader(io.StringIO(run(*args, "--format", "csv"))))
    book = workbook("explain.xlsx", *args, "--vs", RULES + "@2023", "--format", "xlsx")
    check_layout(book)
    got = rows_of(book["Indicateurs"])
    for r, (g, e) in enumerate(zip(got[1:], expected[1:]), start=2):
        for k in range(len(e)):
            same(g[k], e[k], f"explain row {r} {expected[0][k]}")
    versus = rows_of(book["Écarts"])
    same(versus[1][3], "3832.50", "explain --vs: the amount of 2024")
    same(versus[2][3], "4112.50", "explain --vs: the amount of 2023")


def check_exact():
    """An amount beyond 15 significant digits is also given as text, and the manifest says so."""
    rules = os.path.join(SOURCE, "tests", "data", "many-digits.donum")
    data = os.path.join(SOURCE, "tests", "data", "many-digits.csv")
    expected = list(csv.reader(io.StringIO(run("eval", "--format", "csv", rules, data))))
    book = workbook("exact.xlsx", "eval", "--format", "xlsx", rules, data)
    manifest = check_layout(book)
    amount = expected[1][3]
    same(rows_of(book["Par médecin"])[1][3], amount, "exact: the cell holds the nearest double")
    exact = rows_of(book["Valeurs exactes"])
    if not any(row[:4] == ["Par médecin", "D2", "euros", amount] for row in exact[1:]):
        failures.append(f"exact: {exact} does not give {amount} for Par médecin!D2")
    if "Valeurs exactes" not in manifest["Exactitude"]:
        failures.append(f"exact: the manifest does not say where exact values are: {manifest['Exactitude']}")


def population_workbook(path, extra_sheet_first=False, change=None):
    """The example population as a workbook written by openpyxl: ids as text, counts as
    numbers; optionally another sheet first, and cells changed."""
    book = openpyxl.Workbook()
    sheet = book.active
    if extra_sheet_first:
        sheet.title = "Notes"
        sheet.append(["Ces données sont fictives."])
        sheet = book.create_sheet("Données")
    with open(POPULATION, newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.reader(f)):
            sheet.append([v if i == 0 or j == 0 else int(v) for j, v in enumerate(row)])
    for ref, value in (change or {}).items():
        sheet[ref] = value
    book.save(path)


def check_reader():
    """A workbook of activity data evaluates exactly as its CSV; errors name the cell; other
    formats are named with what to do."""
    copy = os.path.join(OUT, "population-2024.xlsx")
    population_workbook(copy)
    for command in (("eval", "--format", "csv"), ("simulate", "--format", "json")):
        from_csv = run(*command, RULES, POPULATION)
        from_xlsx = run(*command, RULES, copy)
        if command[0] == "simulate":
            from_csv, from_xlsx = json.loads(from_csv), json.loads(from_xlsx)
            for report in (from_csv, from_xlsx):
                report.pop("manifest")
                report.pop("data")
        if from_csv != from_xlsx:
            failures.append(f"{command[0]}: the workbook does not give the CSV's results")
    # Every command that reads data reads a workbook: the same output, the file's name apart.
    for command in (("explain", "--id", "M000042", "--format", "json"),
                    ("solve", "--vary", "volet2.dmp.target", "--budget", "12M€", "--format", "json"),
                    ("diff", RULES + "@2023", RULES + "@2024", "--data"), ("simulate", "--sweep", "volet2.dmp.target=0%..100%:10%", "--format", "csv")):
        def output(data):
            args = (*command, data) if command[0] == "diff" else (command[0], RULES, data, *command[1:])
            return run(*args).replace(data, "DATA")
        if output(POPULATION) != output(copy):
            failures.append(f"{command[0]}: the workbook does not give the CSV's output")
    check_cell_kinds()
    second = os.path.join(OUT, "second-sheet.xlsx")
    population_workbook(second, extra_sheet_first=True)
    if run("eval", "--format", "csv", "--sheet", "Données", RULES, second) != run("eval", "--format", "csv", RULES, POPULATION):
        failures.append("--sheet Données does not read the second sheet")
    missing = subprocess.run([DONUM, "eval", RULES, second], capture_output=True, text=True)
    if missing.returncode != 3 or "A1 : colonnes manquantes" not in missing.stderr:
        failures.append(f"the first sheet (notes) should lack the columns, at A1: {missing.stderr}")
    bad = os.path.join(OUT, "bad.xlsx")
    population_workbook(bad, change={"B12": "2O24", "E5": 2.5, "A7": None, "G9": datetime.date(2024, 3, 1), "H10": 3.0})
    done = subprocess.run([DONUM, "eval", RULES, bad], capture_output=True, text=True)
    for expected in ("bad.xlsx:12: erreur : B12 : colonne « year »", "bad.xlsx:5: erreur : E5 : colonne « horaires_annuaire » : pas un nombre entier : nombre décimal",
                     "bad.xlsx:7: erreur : A7 : ", "bad.xlsx:9: erreur : G9 : colonne « fse_num » : la cellule contient la date 01/03/2024"):
        if expected not in done.stderr:
            failures.append(f"no error {expected!r} in:\n{done.stderr}")
    if done.returncode != 3 or "H10" in done.stderr:
        failures.append(f"bad data: exit {done.returncode}, expected 3 (and 3.0 is the integer 3)")
    missing_sheet = subprocess.run([DONUM, "eval", "--sheet", "Feuil2", RULES, second], capture_output=True, text=True)
    if missing_sheet.returncode != 3 or "pas de feuille « Feuil2 » ; ses feuilles : « Notes », « Données »" not in missing_sheet.stderr:
        failures.append(f"--sheet Feuil2: {missing_sheet.stderr!r}")
    formats = {
        "old.xls": (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504), "classeur Excel 97-2003 (.xls)"),
        "unicode.csv": (open(POPULATION, encoding="utf-8").read().encode("utf-16"), "UTF-16"),
        "report.pdf": (b"%PDF-1.4\n", "un document PDF"),
    }
    for name, (content, expected) in formats.items():
        path = os.path.join(OUT, name)
        with open(path, "wb") as f:
            f.write(content)
        done = subprocess.run([DONUM, "eval", RULES, path], capture_output=True, text=True)
        if done.returncode != 3 or expected not in done.stderr:
            failures.append(f"{name}: exit {done.returncode}, {done.stderr!r} does not say {expected!r}")
    import zipfile
    ods = os.path.join(OUT, "sheet.ods")
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    done = subprocess.run([DONUM, "eval", RULES, ods], capture_output=True, text=True)
    if done.returncode != 3 or "classeur OpenDocument (.ods)" not in done.stderr:
        failures.append(f"ods: {done.stderr!r}")


def check_cell_kinds():
    """Each kind of cell a spreadsheet may write is read as the CSV's text: a workbook made
    by hand with inline strings, shared strings, numbers in exponent form, booleans, a
    formula's cached value, empty cells, and the header one column right of A."""
    import zipfile
    rows = list(csv.reader(open(POPULATION, newline="", encoding="utf-8")))[:4]
    strings = [rows[0][1]]
    def cell(r, c, text):
        ref = f"{openpyxl.utils.get_column_letter(c + 2)}{r + 2}"  # the table starts at B2
        if r == 0 and c == 1:
            return f'<c r="{ref}" t="s"><v>0</v></c>'
        if r == 0 or c == 0:
            return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
        if c == 2:  # segur_lap: a yes/no item, as a boolean
            return f'<c r="{ref}" t="b"><v>{text}</v></c>'
        if c == 3:  # a formula's cached number
            return f'<c r="{ref}"><f>4*2</f><v>{text}</v></c>'
        if text == "0":  # an empty cell is not 0: written as a formula's text instead
            return f'<c r="{ref}" t="str"><f>"0"</f><v>0</v></c>'
        digits = text.rstrip("0")
        exponent = len(text) - len(digits)
        return f'<c r="{ref}"><v>{digits}E+{exponent}</v></c>' if exponent else f'<c r="{ref}"><v>{text}.0</v></c>'
    body = "".join(f'<row r="{r + 2}"><c r="A{r + 2}"/>' + "".join(cell(r, c, t) for c, t in enumerate(row)) + "</row>" for r, row in enumerate(rows))
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    path = os.path.join(OUT, "cell-kinds.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", f'<workbook {main} {rel}><sheets><sheet name="Activité" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml", f'<sst {main}>' + "".join(f"<si><r><t>{t[:2]}</t></r><r><t>{t[2:]}</t></r></si>" for t in strings) + "</sst>")
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet {main}><sheetData>{body}</sheetData></worksheet>')
    text = os.path.join(OUT, "cell-kinds.csv")
    with open(text, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    if run("eval", "--format", "csv", RULES, path) != run("eval", "--format", "csv", RULES, text):
        failures.append("cell kinds: the hand-made workbook does not give its CSV's results")


def check_libreoffice():
    """A spreadsheet opens the workbook: LibreOffice converts its first sheet to CSV."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (libreoffice-calc-nogui) is not installed: skipped")
        sys.exit(77)
    source = os.path.join(OUT, "libreoffice.xlsx")
    run("eval", "--format", "xlsx", "-o", source, MINI, os.path.join(SOURCE, "tests", "data", "good.csv"))
    with tempfile.TemporaryDirectory() as folder:
        profile = "file://" + os.path.join(folder, "profile")
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", folder, source], capture_output=True, timeout=240, check=True)
        with open(os.path.join(folder, "libreoffice.csv"), newline="", encoding="utf-8") as f:
            got = list(csv.reader(f))
    expected = list(csv.reader(io.StringIO(run("eval", "--format", "csv", MINI, os.path.join(SOURCE, "tests", "data", "good.csv")))))
    for r, (g, e) in enumerate(zip(got[1:], expected[1:]), start=2):
        if g[0] != e[0] or any(Fraction(g[k].replace(",", "").replace("€", "").strip() or "0") != Fraction(e[k]) for k in range(1, 4)):
            failures.append(f"LibreOffice row {r}: {g} != {e}")
    if len(got) != len(expected):
        failures.append(f"LibreOffice: {len(got)} rows, expected {len(expected)}")
    # And donum reads a workbook LibreOffice wrote: the example population, converted.
    with tempfile.TemporaryDirectory() as folder:
        profile = "file://" + os.path.join(folder, "profile")
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx", "--outdir", folder, POPULATION], capture_output=True, timeout=240, check=True)
        converted = os.path.join(folder, "population-2024.xlsx")
        if run("eval", "--format", "csv", RULES, converted) != run("eval", "--format", "csv", RULES, POPULATION):
            failures.append("the population converted by LibreOffice does not give the CSV's results")


CHECKS = {name[len("check_"):]: f for name, f in globals().items() if name.startswith("check_") and name != "check_layout"}
CHECKS[KIND]()
for f in failures[:30]:
    print(f)
if failures:
    sys.exit(f"{len(failures)} difference(s)")
print(f"{KIND}: the workbook holds the numbers of the CSV")
