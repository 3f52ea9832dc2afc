// Renders Markdown files to HTML with the CommonMark reference implementation (raw HTML
// passes through, as it would on a page that allows it) and prints {file: html} as JSON.
// Usage: node commonmark.mjs FILE.md...
import { Parser, HtmlRenderer } from 'commonmark';
import { readFileSync } from 'node:fs';

const parser = new Parser();
const renderer = new HtmlRenderer({ safe: false });
const out = {};
for (const file of process.argv.slice(2)) {
  out[file] = renderer.render(parser.parse(readFileSync(file, 'utf8')));
}
process.stdout.write(JSON.stringify(out) + '\n');
