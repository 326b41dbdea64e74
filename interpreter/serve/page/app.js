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

// Les textes de la page, en français et en anglais : la langue est celle du serveur
// (donum --lang en serve, DONUM_LANG), comme ses messages. Le HTML porte le français, montré
// avant que le script ne tourne ; ses éléments marqués data-t prennent le texte de leur clé.
const TEXTES = {
  fr: {
    titre: "donum — table de négociation", resume: "Résumé", cout: "Coût total", payes: "Médecins payés", moyenne: "Montant moyen", ecart: "Écart de coût",
    gagnants: "Gagnants", perdants: "Perdants", convention: "La convention", "chaque-valeur": "chaque valeur se modifie ici ;", "a-fixer": " : à fixer",
    balayage: "Balayage :", cliquez: "cliquez une valeur", graphique: "Coût et part atteignant la cible", budget: "Budget → valeur", trouver: "Trouver",
    appliquer: "Appliquer cette valeur", medecin: "Un médecin", identifiant: "Identifiant du médecin", expliquer: "Expliquer", "export-scenario": "Scénario (.donum)",
    "export-rapport": "Rapport (CSV)", "export-classeur": "Rapport (Excel)", "export-balayage": "Données du graphique (CSV)", reinitialiser: "Revenir aux valeurs de départ",
    indicateur: "Indicateur", cible: "Cible", points: "Points", atteint: "Atteint", proches: "Proches", coutCol: "Coût", valeurPoint: "Valeur du point",
    si: "si", bloc: "bloc", ecartVs: "Écart de coût vs ", xxAFixer: "XX à fixer",
    xxBandeau: (n, noms) => `À fixer avant tout calcul : ${n === 1 ? "1 valeur XX" : n + " valeurs XX"} (${noms}). ` +
      "Saisissez-les dans le tableau, en rouge : la population est alors évaluée une fois avec elles, puis chaque changement est recalculé aussitôt.",
    aucunCalcul: "Aucun calcul tant que des XX restent à fixer.", premierCalcul: "Premier calcul avec ces valeurs : toute la population est évaluée, une seule fois…",
    calcul: "Calcul…", recalcule: (ms, n) => `Recalculé en ${ms} ms (${n} médecins touchés par le changement).`, nonRecalcule: "Non recalculé : corrigez la valeur signalée.",
    cibleDe: ", cible", pointsDe: ", points", attendXX: "Le balayage attend les autres valeurs XX : ", valeurActuelle: "valeur actuelle ", coutM: "coût (M€)",
    partAtteignant: "part atteignant (%)", parRapport: (r, a, b) => `Par rapport à ${r} : ${a} → ${b}`, aucunChangement: "aucun changement",
    source: (donnees, n) => `${donnees} : ${n} médecins`, comparaison: (r) => ` ; comparaison avec ${r}`, cliquezDabord: "Cliquez d'abord la valeur à trouver dans le tableau.",
    fichierRapport: "rapport", fichierBalayage: "balayage.csv",
  },
  en: {
    titre: "donum — negotiation table", resume: "Summary", cout: "Total cost", payes: "Physicians paid", moyenne: "Mean amount", ecart: "Change in cost",
    gagnants: "Winners", perdants: "Losers", convention: "The convention", "chaque-valeur": "every value can be changed here;", "a-fixer": ": to be agreed",
    balayage: "Sweep:", cliquez: "click a value", graphique: "Cost and share meeting the target", budget: "Budget → value", trouver: "Find",
    appliquer: "Apply this value", medecin: "One physician", identifiant: "Physician's id", expliquer: "Explain", "export-scenario": "Scenario (.donum)",
    "export-rapport": "Report (CSV)", "export-classeur": "Report (Excel)", "export-balayage": "Chart data (CSV)", reinitialiser: "Back to the starting values",
    indicateur: "Indicator", cible: "Target", points: "Points", atteint: "Met", proches: "Near", coutCol: "Cost", valeurPoint: "Point value",
    si: "if", bloc: "block", ecartVs: "Change in cost vs ", xxAFixer: "XX to agree",
    xxBandeau: (n, noms) => `To agree before any figure: ${n === 1 ? "1 XX value" : n + " XX values"} (${noms}). ` +
      "Type them in the table, in red: the population is then evaluated once with them, and every change after is recalculated at once.",
    aucunCalcul: "No figures while XX values remain to be agreed.", premierCalcul: "First calculation with these values: the whole population is evaluated, once…",
    calcul: "Calculating…", recalcule: (ms, n) => `Recalculated in ${ms} ms (${n} physicians touched by the change).`, nonRecalcule: "Not recalculated: correct the value shown.",
    cibleDe: ", target", pointsDe: ", points", attendXX: "The sweep waits for the other XX values: ", valeurActuelle: "current value ", coutM: "cost (M€)",
    partAtteignant: "share meeting (%)", parRapport: (r, a, b) => `Against ${r}: ${a} → ${b}`, aucunChangement: "no change",
    source: (donnees, n) => `${donnees}: ${n} physicians`, comparaison: (r) => `; compared with ${r}`, cliquezDabord: "First click the value to find in the table.",
    fichierRapport: "report", fichierBalayage: "sweep.csv",
  },
};
let langue = "fr";
const t = (cle) => TEXTES[langue][cle];

function traduirePage() {
  document.documentElement.lang = langue;
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
  for (const e of document.querySelectorAll("[data-t-aria]")) e.setAttribute("aria-label", t(e.dataset.tAria));
}

async function api(chemin, corps) {
  const entetes = { "Content-Type": "application/json" };
  if (jeton) entetes["X-Donum-Token"] = jeton;
  const r = await fetch(chemin, corps === undefined ? { headers: entetes } : { method: "POST", headers: entetes, body: JSON.stringify(corps) });
  const type = r.headers.get("Content-Type") || "";
  const contenu = type.startsWith("application/json") ? await r.json() : await r.text();
  if (!r.ok) throw new Error(typeof contenu === "object" ? contenu.error : contenu);
  return contenu;
}

// Nombres : les montants arrivent en décimales exactes (chaînes du JSON) ; affichés à la
// française (3 957,08 €) ou à l'anglaise (3,957.08 €, l'euro après, comme les rapports).
const lieu = () => (langue === "en" ? "en-GB" : "fr-FR");
const euros = (v) => Number(v).toLocaleString(lieu(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + " €";
const millions = (v) => (Number(v) / 1e6).toLocaleString(lieu(), { maximumFractionDigits: 2 }) + " M€";
const entier = (v) => Number(v).toLocaleString(lieu());
const pourcent = (v) => Number(v).toLocaleString(lieu(), { maximumFractionDigits: 1 }) + " %";
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
  const tableau = $("convention");
  const annees = convention.years;
  let html = `<thead><tr><th>${t("indicateur")}</th>` + annees.map((a) => `<th>${t("cible")} ${a}</th>`).join("") + annees.map((a) => `<th>${t("points")} ${a}</th>`).join("") +
    `<th>${t("atteint")}</th><th>${t("proches")}</th><th>${t("coutCol")}</th></tr></thead><tbody></tbody>`;
  tableau.innerHTML = html;
  const corps = tableau.querySelector("tbody");
  const ligne = (classe) => { const tr = document.createElement("tr"); if (classe) tr.className = classe; corps.appendChild(tr); return tr; };
  const cellule = (tr, contenu) => { const td = document.createElement("td"); if (typeof contenu === "string") td.textContent = contenu; else if (contenu) td.appendChild(contenu); tr.appendChild(td); return td; };
  const pv = ligne("groupe");
  cellule(pv, t("valeurPoint"));
  annees.forEach(() => cellule(pv, ""));
  annees.forEach((_, y) => cellule(pv, champ(convention.point_value, y)));
  cellule(pv, ""); cellule(pv, ""); cellule(pv, "");
  for (const g of convention.groups) {
    const tr = ligne("groupe");
    const td = cellule(tr, g.label + " ");
    if (g.gate) { const s = document.createElement("span"); s.className = "porte"; s.textContent = "(" + t("si") + " " + g.gate + ")"; td.appendChild(s); }
    annees.forEach(() => cellule(tr, ""));
    annees.forEach((_, y) => cellule(tr, g.block ? champ(g.block, y) : ""));
    const atteint = cellule(tr, ""); atteint.dataset.groupe = g.id; atteint.dataset.mesure = "open_percent";
    cellule(tr, "");
    const cout = cellule(tr, ""); cout.dataset.groupe = g.id; cout.dataset.mesure = "euros";
    for (const i of g.indicators) {
      const r = ligne();
      cellule(r, i.label).title = i.id;
      annees.forEach((_, y) => { const c = cellule(r, i.target ? champ(i.target, y) : ""); if (i.target && i.comparator) c.prepend(i.comparator + " "); });
      annees.forEach((_, y) => cellule(r, i.points ? champ(i.points, y) : t("bloc")));
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
    $("reference-libelle").textContent = t("ecartVs") + c.reference;
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
  b.textContent = t("xxBandeau")(restants.length, restants.join(", "));
  for (const id of ["cout-total", "payes", "moyenne", "ecart", "gagnants", "perdants"]) { $(id).textContent = t("xxAFixer"); delete $(id).dataset.valeur; }
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
    $("etat").textContent = t("aucunCalcul");
    $("etat").dataset.pret = String(numero);
    return;
  }
  $("etat").textContent = (convention.open || []).length && !derniereReponse ? t("premierCalcul") : t("calcul");
  try {
    const reponse = await api("/api/live", { set: etat.set });
    if (numero !== numeroRequete) return;  // une réponse plus récente est déjà demandée
    montrerErreur("");
    for (const input of document.querySelectorAll("input.valeur-reglable")) input.classList.remove("invalide");
    afficher(reponse);
    $("etat").textContent = t("recalcule")(Math.round(performance.now() - debut), entier(reponse.rows_touched));
    $("etat").dataset.pret = String(numero);
    if (etat.edit) dessinerBalayage();
  } catch (e) {
    if (numero !== numeroRequete) return;
    montrerErreur(e.message);
    const nom = (e.message.match(/^--set:1:\d+: (erreur|error) ?:/) ? Object.keys(etat.set).find((k) => e.message.includes(k + "=")) : null);
    for (const input of document.querySelectorAll("input.valeur-reglable")) input.classList.toggle("invalide", input.dataset.nom === nom);
    $("etat").textContent = t("nonRecalcule");
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
  if (slot.name === convention.point_value) return t("valeurPoint") + annee;
  for (const g of convention.groups) {
    if (g.block === slot.name) return g.label + t("pointsDe") + annee;
    for (const i of g.indicators) {
      if (i.target === slot.name) return i.label + t("cibleDe") + annee;
      if (i.points === slot.name) return i.label + t("pointsDe") + annee;
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
  if (autresXX.length) { $("graphique").textContent = t("attendXX") + autresXX.join(", ") + "."; return; }
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

const nombre = (texte) => { const s = String(texte).replace(/[ %€]/g, ""); if (s.includes("/")) { const [a, b] = s.split("/"); return Number(a) / Number(b) * (String(texte).includes("%") ? 1 : 100); } return Number(s); };

// Le graphique, en SVG fait ici : coût (M€, axe à partir de 0) et part atteignant la cible.
// Les colonnes du balayage sont nommées dans la langue du serveur.
function tracer(balayage, slot) {
  const col = (...debuts) => balayage.columns.findIndex((c) => debuts.some((d) => c.startsWith(d)));
  const iCout = col("montant total", "total amount"), iPart = col("atteint", "met ");
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
    if (x >= xmin && x <= xmax) svg += `<line x1="${X(x)}" x2="${X(x)}" y1="${h}" y2="${H - b}" stroke="#b3261e" stroke-width="1.5"/><text x="${X(x) + 3}" y="${h + 8}" fill="#b3261e">${t("valeurActuelle")}${courant.value}</text>`;
  }
  svg += `<text x="${g}" y="${H - 8}">${pts[0].x} → ${pts[pts.length - 1].x}${slot.rate ? " %" : ""}</text>`;
  svg += `<text x="${L / 2}" y="${H - 8}" fill="#003189">${t("coutM")}</text>`;
  if (iPart >= 0) svg += `<text x="${L - d - 110}" y="${H - 8}" fill="#c05800">${t("partAtteignant")}</text>`;
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
      if (row.reasons) texte += "\n" + t("parRapport")(row.reference, euros(row.reference_euros), euros(row.euros)) + "\n" + (row.reasons.length ? row.reasons.map((x) => "  " + x).join("\n") : "  " + t("aucunChangement"));
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
  langue = convention.lang === "en" ? "en" : "fr";
  traduirePage();
  $("titre").textContent = convention.convention.label;
  $("source").textContent = t("source")(convention.data, entier(convention.physicians)) + (convention.reference ? t("comparaison")(convention.reference) : "");
  construireTableau();
  $("budget-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!etat.edit) { $("solution").hidden = false; $("solution").textContent = t("cliquezDabord"); return; }
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
  $("export-rapport").addEventListener("click", () => telecharger("/api/export", { set: etat.set, what: "report.csv" }, t("fichierRapport") + ".csv"));
  $("export-classeur").addEventListener("click", () => telecharger("/api/export", { set: etat.set, what: "report.xlsx" }, t("fichierRapport") + ".xlsx"));
  $("export-balayage").addEventListener("click", () => { if (dernierBalayage) telecharger("/api/sweep", { ...dernierBalayage, format: "csv" }, t("fichierBalayage")); });
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
