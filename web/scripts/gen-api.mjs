// Writes src/api/schema.d.ts, the TypeScript types of docs/api/openapi.yaml (openapi-typescript).
// `node scripts/gen-api.mjs --check` writes them to a temporary file instead and fails when they
// differ from the checked-in file, so the spec and the client can't drift apart unnoticed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS from 'openapi-typescript';

const spec = new URL('../../docs/api/openapi.yaml', import.meta.url);
const target = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));
const header = '// Generated from docs/api/openapi.yaml by `npm run gen:api`: do not edit.\n\n';

const generated = header + (await openapiTS(spec));

if (!process.argv.includes('--check')) {
  writeFileSync(target, generated);
  console.log(`gen:api: wrote ${target}`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'ejournal-api-'));
  try {
    const fresh = join(dir, 'schema.d.ts');
    writeFileSync(fresh, generated);
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // Missing: reported as a difference below.
    }
    if (readFileSync(fresh, 'utf8') !== current) {
      console.error('FAIL: src/api/schema.d.ts differs from docs/api/openapi.yaml; run `npm run gen:api` and commit it');
      process.exit(1);
    }
    console.log('gen:api: src/api/schema.d.ts matches docs/api/openapi.yaml');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
