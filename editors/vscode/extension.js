// The starlint extension: start `starlint lsp` for YAML files and let VS
// Code's language client do the rest. Everything the editor shows comes
// from the server, so this file stays this small.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('starlint').get('path') || 'starlint';
  client = new LanguageClient(
    'starlint',
    'starlint',
    { command, args: ['lsp'] },
    {
      documentSelector: [{ scheme: 'file', language: 'yaml' }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.starlint.{yaml,yml}') },
    },
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
