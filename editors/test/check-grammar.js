// Tokenizes rule files with the TextMate grammar, as VS Code does (vscode-textmate and
// vscode-oniguruma), and checks each word against what donum reads there: comments,
// labels, numbers, dotted names, the 51 keywords (taken from grammar/tokens.cpp, the list
// the parser's tests tie to its grammar) and names, which must never look like keywords.
//
// usage: node check-grammar.js GRAMMAR.json TOKENS.cpp FILE.donum...
"use strict";
const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const [grammarPath, tokensCpp, ...files] = process.argv.slice(2);
const keywordBlock = fs.readFileSync(tokensCpp, "utf8").match(/keyword_list\[\] = \{([\s\S]*?)\};/);
const keywords = new Set([...keywordBlock[1].matchAll(/"([A-Za-z_]+)"/g)].map((m) => m[1]));
const contextual = new Set(["prorated", "from", "above", "change"]);
const functions = new Set(["rate", "mean", "min", "max"]);

let passed = 0;
let failed = 0;
function expect(ok, what) {
  if (ok) passed += 1;
  else {
    failed += 1;
    if (failed <= 30) console.error("FAILED: " + what);
  }
}

async function main() {
  if (keywords.size !== 51) throw new Error(`expected 51 keywords in ${tokensCpp}, found ${keywords.size}`);
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => (scope === "source.donum" ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath) : null),
  });
  const grammar = await registry.loadGrammar("source.donum");
  expect(grammar !== null, "the grammar loads");

  for (const file of files) {
    const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
    let stack = vsctm.INITIAL;
    lines.forEach((line, n) => {
      const result = grammar.tokenizeLine(line, stack);
      stack = result.ruleStack;
      const scopeAt = (offset) => {
        const t = result.tokens.find((tok) => tok.startIndex <= offset && offset < tok.endIndex);
        return t ? t.scopes.join(" ") : "";
      };
      const where = `${path.basename(file)}:${n + 1}`;
      expect(!result.tokens.some((t) => t.scopes.some((s) => s.startsWith("invalid"))), `${where}: no invalid scope`);
      // donum's own reading of the line: labels, comments, then words, numbers and names.
      const lexeme = /"(?:\\.|[^"\\])*"|#.*$|[0-9]{4}-[0-9]{2}-[0-9]{2}|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+(?:@[0-9]{4})?|[A-Za-z_][A-Za-z0-9_]*@[0-9]{4}|[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\.[0-9]+)?/g;
      for (const m of line.matchAll(lexeme)) {
        const text = m[0];
        const scopes = scopeAt(m.index);
        const what = `${where}:${m.index + 1}: '${text}' has scopes '${scopes}'`;
        if (text.startsWith('"')) expect(scopes.includes("string.quoted.double.donum"), what + " (a label)");
        else if (text.startsWith("#")) expect(scopes.includes("comment.line.number-sign.donum"), what + " (a comment)");
        else if (/^[0-9]/.test(text)) expect(scopes.includes("constant.numeric"), what + " (a number)");
        else if (text.includes(".") || text.includes("@")) expect(scopes.includes("variable.other.setting.donum"), what + " (a dotted name)");
        else if (keywords.has(text)) expect(/(^| )(keyword|storage|constant\.language|variable\.language)\./.test(scopes), what + " (a keyword)");
        else if (functions.has(text) && line.slice(m.index + text.length).trimStart().startsWith("(")) expect(scopes.includes("support.function.donum"), what + " (a function)");
        else if (!contextual.has(text)) expect(!/(^| )(keyword|storage)\./.test(scopes), what + " (a name, not a keyword)");
      }
    });
  }
  console.log(`editor grammar: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
