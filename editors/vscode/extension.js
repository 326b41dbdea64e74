// The VS Code client of `donum lsp`: starts the server over standard input and output for
// .donum files, with the settings of package.json as initialization options.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("donum");
  const command = settings.get("path") || "donum";
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "donum",
    "donum",
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: "file", language: "donum" }],
      initializationOptions: {
        allowOutside: settings.get("allowOutside"),
        scenarioRules: settings.get("scenarioRules"),
      },
    }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
