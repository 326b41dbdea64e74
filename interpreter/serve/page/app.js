// La page de donum serve : la convention comme un tableau dont chaque valeur se modifie,
// recalculée à chaque changement par le serveur (POST /api/live, docs/serve.md).
// L'état de la page (valeurs fixées, valeur balayée, médecin) tient dans l'adresse.
"use strict";

const jeton = new URLSearchParams(location.search).get("token");
const etat = { set: {}, edit: null, id: null };
let convention = null;
let derniereReponse = null;
let numeroRequete = 0;
let dernierBalayage = null;

const $ = (id) => document.getElementById(id);

async function api(chemin, corps) {
  const entetes = { "Content-Type": "application/json" };
  if (jeton) entetes["X-Donum-Token"] = jeton;
  const r = await fetch(chemin, corps === undefined ? { headers: entetes } : { method: "POST", headers: entetes, body: JSON.stringify(corps) });
  const type = r.headers.get("Content-Type") || "";
  const contenu = type.startsWith("application/json") ? await r.json() : await r.text();
  if (!r.ok) throw new Error(typeof contenu === "object" ? contenu.error : contenu);
  return contenu;
}

// Nombres : les montants arrivent en décimales exactes (chaînes du JSON) ; affichés en français.
const euros = (v) => Number(v).toLocaleString("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + " €";
const millions = (v) => (Number(v) / 1e6).toLocaleString("fr-FR", { maximumFractionDigits: 2 }) + " M€";
const entier = (v) => Number(v).toLocaleString("fr-FR");
const pourcent = (v) => Number(v).toLocaleString("fr-FR", { maximumFractionDigits: 1 }) + " %";
const signe = (v) => (Number(v) > 0 ? "+" : "") + euros(v);

function lireAdresse() {
  const h = new URLSearchParams(location.hash.slice(1));
  try {
    if (h.get("etat")) Object.assign(etat, JSON.parse(h.get("etat")));
  } catch (e) { /* une adresse abîmée : on repart des valeurs de départ */ }
}

function ecrireAdresse() {
  const h = new URLSearchParams();
  h.set("etat", JSON.stringify(etat));
  history.replaceState(null, "", location.pathname + location.search + "#" + h.toString());
}

// Le nom réglable d'une valeur pour une année : NOM@ANNÉE quand la convention en a plusieurs.
const nomAnnee = (nom, annee) => (convention.years.length > 1 ? nom + "@" + annee : nom);

function champ(nom, indexAnnee) {
  const slot = convention.slots.find((s) => s.name === nom);
  if (!slot) return document.createTextNode("");
  const annee = convention.years[indexAnnee];
  const cle = nomAnnee(nom, annee);
  const input = document.createElement("input");
  input.className = "valeur-reglable";
  input.dataset.nom = cle;
  input.dataset.depart = slot.values[indexAnnee] === null ? "XX" : slot.values[indexAnnee];
  input.value = etat.set[cle] !== undefined ? etat.set[cle] : input.dataset.depart;
  input.setAttribute("aria-label", cle);
  marquer(input);
  input.addEventListener("change", () => {
    const v = input.value.trim();
    if (v === input.dataset.depart || v === "") delete etat.set[cle];
    else etat.set[cle] = v;
    if (v === "") input.value = input.dataset.depart;
    marquer(input);
    recalculer();
  });
  input.addEventListener("focus", () => choisirBalayage(cle, slot));
  return input;
}

function marquer(input) {
  input.classList.toggle("xx", input.value === "XX");
  input.classList.toggle("modifiee", etat.set[input.dataset.nom] !== undefined);
  input.classList.toggle("active", etat.edit === input.dataset.nom);
}

function construireTableau() {
  const t = $("convention");
  const annees = convention.years;
  let html = "<thead><tr><th>Indicateur</th>" + annees.map((a) => `<th>Cible ${a}</th>`).join("") + annees.map((a) => `<th>Points ${a}</th>`).join("") +
    "<th>Atteint</th><th>Proches</th><th>Coût</th></tr></thead><tbody></tbody>";
  t.innerHTML = html;
  const corps = t.querySelector("tbody");
  const ligne = (classe) => { const tr = document.createElement("tr"); if (classe) tr.className = classe; corps.appendChild(tr); return tr; };
  const cellule = (tr, contenu) => { const td = document.createElement("td"); if (typeof contenu === "string") td.textContent = contenu; else if (contenu) td.appendChild(contenu); tr.appendChild(td); return td; };
  const pv = ligne("groupe");
  cellule(pv, "Valeur du point");
  annees.forEach(() => cellule(pv, ""));
  annees.forEach((_, y) => cellule(pv, champ(convention.point_value, y)));
  cellule(pv, ""); cellule(pv, ""); cellule(pv, "");
  for (const g of convention.groups) {
    const tr = ligne("groupe");
    const td = cellule(tr, g.label + " ");
    if (g.gate) { const s = document.createElement("span"); s.className = "porte"; s.textContent = "(si " + g.gate + ")"; td.appendChild(s); }
    annees.forEach(() => cellule(tr, ""));
    annees.forEach((_, y) => cellule(tr, g.block ? champ(g.block, y) : ""));
    const atteint = cellule(tr, ""); atteint.dataset.groupe = g.id; atteint.dataset.mesure = "open_percent";
    cellule(tr, "");
    const cout = cellule(tr, ""); cout.dataset.groupe = g.id; cout.dataset.mesure = "euros";
    for (const i of g.indicators) {
      const r = ligne();
      cellule(r, i.label).title = i.id;
      annees.forEach((_, y) => { const c = cellule(r, i.target ? champ(i.target, y) : ""); if (i.target && i.comparator) c.prepend(i.comparator + " "); });
      annees.forEach((_, y) => cellule(r, i.points ? champ(i.points, y) : "bloc"));
      for (const mesure of ["met_percent", "near_misses", "euros"]) { const c = cellule(r, "…"); c.dataset.indicateur = i.id; c.dataset.mesure = mesure; }
    }
  }
}

function afficher(reponse) {
  derniereReponse = reponse;
  const rapport = reponse.report;
  const s = rapport.sections[rapport.sections.length - 1];
  const cout = $("cout-total"); cout.textContent = millions(s.euros); cout.dataset.valeur = String(s.euros); cout.title = euros(s.euros);
  const payes = $("payes"); payes.textContent = entier(s.paid) + " (" + pourcent(s.paid_percent) + ")"; payes.dataset.valeur = String(s.paid);
  const moyenne = $("moyenne"); moyenne.textContent = s.amounts ? euros(s.amounts.mean) : "—"; moyenne.dataset.valeur = s.amounts ? String(s.amounts.mean) : "";
  const c = reponse.comparison;
  if (c) {
    $("reference-libelle").textContent = "Écart de coût vs " + c.reference;
    const e = $("ecart"); e.textContent = signe(c.change); e.dataset.valeur = String(c.change);
    e.className = "valeur " + (Number(c.change) > 0 ? "hausse" : Number(c.change) < 0 ? "baisse" : "");
    $("gagnants").textContent = entier(c.winners) + " (" + signe(c.gained) + ")";
    $("gagnants").dataset.valeur = String(c.winners);
    $("perdants").textContent = entier(c.losers) + " (" + signe("-" + c.lost) + ")";
    $("perdants").dataset.valeur = String(c.losers);
  } else {
    for (const id of ["ecart", "gagnants", "perdants"]) $(id).textContent = "—";
  }
  for (const td of document.querySelectorAll("td[data-indicateur]")) {
    const st = s.indicators.find((x) => x.id === td.dataset.indicateur);
    const v = st ? st[td.dataset.mesure] : null;
    td.textContent = v === null || v === undefined ? "—" : td.dataset.mesure === "euros" ? millions(v) : td.dataset.mesure === "met_percent" ? pourcent(v) : entier(v);
  }
  for (const td of document.querySelectorAll("td[data-groupe]")) {
    const st = s.groups.find((x) => x.id === td.dataset.groupe);
    const v = st ? st[td.dataset.mesure] : null;
    td.textContent = v === null || v === undefined ? "" : td.dataset.mesure === "euros" ? millions(v) : pourcent(v);
  }
}

function montrerErreur(message) {
  $("erreur").hidden = !message;
  $("erreur").textContent = message || "";
}

// Les XX des années présentes dans les données : tant qu'il en reste, aucun chiffre n'existe.
const xxRestants = () => (convention.open || []).filter((nom) => etat.set[nom] === undefined);

function montrerXX(restants) {
  const b = $("xx-bandeau");
  b.hidden = restants.length === 0;
  if (!restants.length) return;
  b.textContent = `À fixer avant tout calcul : ${restants.length === 1 ? "1 valeur XX" : restants.length + " valeurs XX"} (${restants.join(", ")}). ` +
    "Saisissez-les dans le tableau, en rouge : la population est alors évaluée une fois avec elles, puis chaque changement est recalculé aussitôt.";
  for (const id of ["cout-total", "payes", "moyenne", "ecart", "gagnants", "perdants"]) { $(id).textContent = "XX à fixer"; delete $(id).dataset.valeur; }
  for (const td of document.querySelectorAll("td[data-indicateur], td[data-groupe]")) td.textContent = "—";
}

async function recalculer() {
  ecrireAdresse();
  const numero = ++numeroRequete;
  const debut = performance.now();
  const restants = xxRestants();
  montrerXX(restants);
  if (restants.length) {
    montrerErreur("");
    $("etat").textContent = "Aucun calcul tant que des XX restent à fixer.";
    $("etat").dataset.pret = String(numero);
    return;
  }
  $("etat").textContent = (convention.open || []).length && !derniereReponse ? "Premier calcul avec ces valeurs : toute la population est évaluée, une seule fois…" : "Calcul…";
  try {
    const reponse = await api("/api/live", { set: etat.set });
    if (numero !== numeroRequete) return;  // une réponse plus récente est déjà demandée
    montrerErreur("");
    for (const input of document.querySelectorAll("input.valeur-reglable")) input.classList.remove("invalide");
    afficher(reponse);
    $("etat").textContent = `Recalculé en ${Math.round(performance.now() - debut)} ms (${entier(reponse.rows_touched)} médecins touchés par le changement).`;
    $("etat").dataset.pret = String(numero);
    if (etat.edit) dessinerBalayage();
  } catch (e) {
    if (numero !== numeroRequete) return;
    montrerErreur(e.message);
    const nom = (e.message.match(/^--set:1:\d+: (erreur|error) ?:/) ? Object.keys(etat.set).find((k) => e.message.includes(k + "=")) : null);
    for (const input of document.querySelectorAll("input.valeur-reglable")) input.classList.toggle("invalide", input.dataset.nom === nom);
    $("etat").textContent = "Non recalculé : corrigez la valeur signalée.";
    $("etat").dataset.pret = String(numero);
  }
}

// Le balayage de la valeur en cours de modification : son domaine selon son unité.
function domaine(slot, cle) {
  const courant = etat.set[cle] !== undefined ? etat.set[cle] : null;
  if (slot.rate) return "0%..100%:2%";
  if (slot.name === convention.point_value) return "1€..15€:0.5€";
  const v = parseFloat(String(courant || slot.values[slot.values.length - 1] || "100").replace(/[^0-9.]/g, "")) || 100;
  const haut = Math.max(10, Math.ceil(v * 2 / 10) * 10);
  return `0..${haut}:${haut / 50}`;
}

// Ce que règle une valeur, dit comme le tableau : « Taux d'usage DMP, cible 2024 » ; le nom
// pointé (volet2.dmp.target@2024), celui de --set, reste dans la bulle.
function libelle(cle, slot) {
  const annee = cle.includes("@") ? " " + cle.split("@")[1] : "";
  if (slot.name === convention.point_value) return "Valeur du point" + annee;
  for (const g of convention.groups) {
    if (g.block === slot.name) return g.label + ", points" + annee;
    for (const i of g.indicators) {
      if (i.target === slot.name) return i.label + ", cible" + annee;
      if (i.points === slot.name) return i.label + ", points" + annee;
    }
  }
  return cle;
}

function choisirBalayage(cle, slot) {
  etat.edit = cle;
  etat.slot = slot.name;
  for (const input of document.querySelectorAll("input.valeur-reglable")) marquer(input);
  $("balayage-nom").textContent = libelle(cle, slot);
  $("balayage-nom").title = cle;
  ecrireAdresse();
  dessinerBalayage();
}

async function dessinerBalayage() {
  const slot = convention.slots.find((s) => s.name === etat.slot);
  if (!slot || !etat.edit) return;
  const autresXX = xxRestants().filter((nom) => nom !== etat.edit);
  if (autresXX.length) { $("graphique").textContent = "Le balayage attend les autres valeurs XX : " + autresXX.join(", ") + "."; return; }
  const autres = Object.fromEntries(Object.entries(etat.set).filter(([k]) => k !== etat.edit));
  const texte = etat.edit + "=" + domaine(slot, etat.edit);
  try {
    const r = await api("/api/sweep", { set: autres, sweep: texte });
    dernierBalayage = { set: autres, sweep: texte };
    tracer(r, slot);
  } catch (e) {
    $("graphique").textContent = e.message;
  }
}

const nombre = (t) => { const s = String(t).replace(/[ %€]/g, ""); if (s.includes("/")) { const [a, b] = s.split("/"); return Number(a) / Number(b) * (String(t).includes("%") ? 1 : 100); } return Number(s); };

// Le graphique, en SVG fait ici : coût (M€, axe à partir de 0) et part atteignant la cible.
function tracer(balayage, slot) {
  const col = (debut) => balayage.columns.findIndex((c) => c.startsWith(debut));
  const iCout = col("montant total"), iPart = col("atteint");
  const pts = balayage.rows.map((r) => ({ x: slot.rate && String(r[0]).includes("/") ? nombre(r[0]) : nombre(r[0]), cout: Number(r[iCout]) / 1e6, part: iPart >= 0 ? Number(String(r[iPart]).replace(",", ".")) : null }));
  const L = 460, H = 240, g = 46, d = 40, h = 14, b = 34;
  const xmin = Math.min(...pts.map((p) => p.x)), xmax = Math.max(...pts.map((p) => p.x));
  const cmax = Math.max(...pts.map((p) => p.cout)) * 1.05 || 1;
  const X = (x) => g + (x - xmin) / ((xmax - xmin) || 1) * (L - g - d);
  const Y = (c) => H - b - c / cmax * (H - b - h);
  const P = (p) => H - b - p / 100 * (H - b - h);
  const ligne = (f) => pts.filter((p) => f(p) !== null).map((p, k) => (k ? "L" : "M") + X(p.x).toFixed(1) + " " + f(p).toFixed(1)).join(" ");
  let svg = `<svg viewBox="0 0 ${L} ${H}" xmlns="http://www.w3.org/2000/svg" font-size="11">`;
  for (let k = 0; k <= 4; k++) {
    const y = H - b - k / 4 * (H - b - h);
    svg += `<line x1="${g}" x2="${L - d}" y1="${y}" y2="${y}" stroke="#e3e5e8"/><text x="${g - 4}" y="${y + 4}" text-anchor="end" fill="#003189">${(cmax * k / 4).toFixed(1)}</text>`;
    if (iPart >= 0) svg += `<text x="${L - d + 4}" y="${y + 4}" fill="#c05800">${25 * k} %</text>`;
  }
  svg += `<path d="${ligne((p) => Y(p.cout))}" fill="none" stroke="#003189" stroke-width="2"/>`;
  if (iPart >= 0) svg += `<path d="${ligne((p) => (p.part === null ? null : P(p.part)))}" fill="none" stroke="#c05800" stroke-width="2" stroke-dasharray="5 3"/>`;
  const courant = document.querySelector(`input[data-nom="${CSS.escape(etat.edit)}"]`);
  if (courant && courant.value !== "XX") {
    const x = nombre(courant.value);
    if (x >= xmin && x <= xmax) svg += `<line x1="${X(x)}" x2="${X(x)}" y1="${h}" y2="${H - b}" stroke="#b3261e" stroke-width="1.5"/><text x="${X(x) + 3}" y="${h + 8}" fill="#b3261e">valeur actuelle ${courant.value}</text>`;
  }
  svg += `<text x="${g}" y="${H - 8}">${pts[0].x} → ${pts[pts.length - 1].x}${slot.rate ? " %" : ""}</text>`;
  svg += `<text x="${L / 2}" y="${H - 8}" fill="#003189">coût (M€)</text>`;
  if (iPart >= 0) svg += `<text x="${L - d - 110}" y="${H - 8}" fill="#c05800">part atteignant (%)</text>`;
  svg += "</svg>";
  $("graphique").innerHTML = svg;
}

async function telecharger(chemin, corps, nom) {
  const entetes = { "Content-Type": "application/json" };
  if (jeton) entetes["X-Donum-Token"] = jeton;
  const r = await fetch(chemin, { method: "POST", headers: entetes, body: JSON.stringify(corps) });
  if (!r.ok) { montrerErreur((await r.json()).error); return; }
  const lien = document.createElement("a");
  lien.href = URL.createObjectURL(await r.blob());
  lien.download = nom;
  document.body.appendChild(lien);
  lien.click();
  lien.remove();
}

async function expliquer() {
  const id = $("medecin-id").value.trim();
  if (!id) return;
  etat.id = id;
  ecrireAdresse();
  try {
    const r = await api("/api/physician", { set: etat.set, id });
    const zone = $("medecin");
    zone.innerHTML = "";
    for (const row of r.rows) {
      const pre = document.createElement("pre");
      let texte = row.explanation;
      if (row.reasons) texte += `\nPar rapport à ${row.reference} : ${euros(row.reference_euros)} → ${euros(row.euros)}\n` + (row.reasons.length ? row.reasons.map((x) => "  " + x).join("\n") : "  aucun changement");
      pre.textContent = texte;
      zone.appendChild(pre);
    }
  } catch (e) {
    $("medecin").textContent = e.message;
  }
}

async function demarrer() {
  lireAdresse();
  convention = await api("/api/convention");
  $("titre").textContent = convention.convention.label;
  $("source").textContent = `${convention.data} : ${entier(convention.physicians)} médecins` + (convention.reference ? ` ; comparaison avec ${convention.reference}` : "");
  construireTableau();
  $("budget-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!etat.edit) { $("solution").hidden = false; $("solution").textContent = "Cliquez d'abord la valeur à trouver dans le tableau."; return; }
    try {
      const autres = Object.fromEntries(Object.entries(etat.set).filter(([k]) => k !== etat.edit));
      const r = await api("/api/solve", { set: autres, vary: etat.edit, budget: $("budget").value.trim() });
      $("solution").hidden = false;
      $("solution").textContent = r.text;
      $("appliquer").hidden = false;
      $("appliquer").dataset.valeur = r.value;
    } catch (e) {
      $("solution").hidden = false;
      $("solution").textContent = e.message;
      $("appliquer").hidden = true;
    }
  });
  $("appliquer").addEventListener("click", () => {
    const input = document.querySelector(`input[data-nom="${CSS.escape(etat.edit)}"]`);
    if (!input) return;
    input.value = $("appliquer").dataset.valeur;
    input.dispatchEvent(new Event("change"));
  });
  $("medecin-form").addEventListener("submit", (ev) => { ev.preventDefault(); expliquer(); });
  $("export-scenario").addEventListener("click", () => telecharger("/api/export", { set: etat.set, what: "scenario" }, "scenario.donum"));
  $("export-rapport").addEventListener("click", () => telecharger("/api/export", { set: etat.set, what: "report.csv" }, "rapport.csv"));
  $("export-classeur").addEventListener("click", () => telecharger("/api/export", { set: etat.set, what: "report.xlsx" }, "rapport.xlsx"));
  $("export-balayage").addEventListener("click", () => { if (dernierBalayage) telecharger("/api/sweep", { ...dernierBalayage, format: "csv" }, "balayage.csv"); });
  $("reinitialiser").addEventListener("click", () => {
    etat.set = {};
    for (const input of document.querySelectorAll("input.valeur-reglable")) { input.value = input.dataset.depart; marquer(input); }
    recalculer();
  });
  if (etat.id) { $("medecin-id").value = etat.id; expliquer(); }
  if (etat.edit && etat.slot) {
    const slot = convention.slots.find((s) => s.name === etat.slot);
    if (slot) choisirBalayage(etat.edit, slot);
  }
  await recalculer();
}

demarrer().catch((e) => montrerErreur(e.message));
