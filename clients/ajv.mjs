// Validates model files, read as YAML 1.2 by the 'yaml' package (yaml-language-server's reader),
// against a JSON Schema with ajv (draft-07, strict), and prints each file's verdict as JSON.
// Usage: node ajv.mjs SCHEMA.json FILES.json   with FILES.json  {"name": "yaml text", ...}
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { readFileSync } from 'node:fs';

const ajv = new Ajv({ allErrors: true });
// the editor keywords of the schema: yaml-language-server reads them, validation ignores them
ajv.addVocabulary(['markdownDescription', 'patternErrorMessage', 'errorMessage', 'defaultSnippets']);
const validate = ajv.compile(JSON.parse(readFileSync(process.argv[2], 'utf8')));
const files = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const out = {};
for (const [name, text] of Object.entries(files)) {
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    out[name] = { valid: false, errors: doc.errors.map(e => 'YAML: ' + e.message.split('\n')[0]) };
  } else {
    const valid = validate(doc.toJS({ maxAliasCount: 100 }));
    out[name] = { valid, errors: valid ? [] : validate.errors.map(e => `${e.instancePath} ${e.message}`) };
  }
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
