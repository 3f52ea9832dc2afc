// Drives yaml-language-server over stdio as an editor does: opens documents (their own
// '# yaml-language-server: $schema=' lines pick the schema), waits for the diagnostics to
// settle, asks for completions, and prints what it got as JSON.
// Usage: node lsp.mjs REQUEST.json  with  {"documents": [{"path": "/abs/file.yaml", "text": "..."}],
//        "completions": [{"path": "/abs/file.yaml", "line": 0, "character": 0}]}
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const server = spawn(process.execPath, [join(here, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
  { stdio: ['pipe', 'pipe', 'inherit'] });
const settings = { validate: true, completion: true, hover: true, schemas: {}, yamlVersion: '1.2', format: { enable: false },
  schemaStore: { enable: false } };
const pending = new Map();
const diagnostics = new Map();
let nextId = 1;
let lastMessage = Date.now();
let buffer = Buffer.alloc(0);

function send(message) {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
function call(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise(resolve => pending.set(id, resolve));
}
function handle(message) {
  lastMessage = Date.now();
  if (message.id !== undefined && message.method) { // a request of the server's
    const result = message.method === 'workspace/configuration'
      ? message.params.items.map(item => (item.section === 'yaml' ? settings : null)) : null;
    send({ id: message.id, result });
  } else if (message.id !== undefined) {
    pending.get(message.id)?.(message.result ?? { error: message.error });
    pending.delete(message.id);
  } else if (message.method === 'textDocument/publishDiagnostics') {
    diagnostics.set(message.params.uri, message.params.diagnostics);
  }
}
server.stdout.on('data', chunk => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString('ascii'))[1]);
    if (buffer.length < end + 4 + length) return;
    handle(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8')));
    buffer = buffer.subarray(end + 4 + length);
  }
});
const settle = (quietMs, maxMs) => new Promise(resolve => {
  const start = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - lastMessage >= quietMs || Date.now() - start >= maxMs) { clearInterval(timer); resolve(); }
  }, 50);
});

await call('initialize', { processId: process.pid, rootUri: null, capabilities: {
  textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: {} },
  workspace: { configuration: true } } });
send({ method: 'initialized', params: {} });
send({ method: 'workspace/didChangeConfiguration', params: { settings: { yaml: settings } } });
const uris = new Map();
for (const doc of request.documents) {
  const uri = pathToFileURL(doc.path).href;
  uris.set(doc.path, uri);
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text: doc.text } } });
}
await settle(1500, 60000);
const allPublished = () => [...uris.values()].every(uri => diagnostics.has(uri));
for (let i = 0; i < 100 && !allPublished(); i++) await settle(500, 2000);
const completions = [];
for (const c of request.completions ?? []) {
  const result = await call('textDocument/completion', { textDocument: { uri: uris.get(c.path) },
    position: { line: c.line, character: c.character } });
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  completions.push({ ...c, labels: items.map(item => item.label) });
}
const out = { diagnostics: {}, completions };
for (const [path, uri] of uris) {
  out.diagnostics[path] = (diagnostics.get(uri) ?? null)?.map(d => ({ line: d.range.start.line, character: d.range.start.character,
    severity: d.severity, message: d.message })) ?? null;
}
await call('shutdown', null);
send({ method: 'exit', params: null });
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
setTimeout(() => process.exit(0), 200);
