import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODE_LISTS } from '../../src/exchange/code-lists.ts';
import { DATA_SETS } from '../../src/exchange/data-sets.ts';
import { EXCHANGE_ERROR_CODES } from '../../src/exchange/field-errors.ts';
import { withGeneratedBlocks } from '../../src/exchange/exchange-doc.ts';
import { registrationFields } from '../../src/exchange/platform-registration.ts';

const DOC = fileURLToPath(new URL('../../docs/exchange.md', import.meta.url));

/** The part of the document about one data set: from its heading to the next one. */
function sectionOf(document: string, code: string): string {
  const start = document.indexOf(`\n### ${code} `);
  if (start < 0) return '';
  const next = document.indexOf('\n### ', start + 1);
  return document.slice(start, next < 0 ? undefined : next);
}

describe('docs/exchange.md', () => {
  const current = readFileSync(DOC, 'utf8');
  const expected = withGeneratedBlocks(current);
  if (process.env.ZHAOCAI_UPDATE_DOCS === '1' && expected !== current) writeFileSync(DOC, expected);
  const document = process.env.ZHAOCAI_UPDATE_DOCS === '1' ? expected : current;

  it('has its generated parts as the schemas produce them', () => {
    // On failure: ZHAOCAI_UPDATE_DOCS=1 npx vitest run test/exchange/datasets-doc.test.ts
    expect(document).toBe(expected);
  });

  it('lists every field of every data set in that data set’s table', () => {
    for (const schema of DATA_SETS.values()) {
      const section = sectionOf(document, schema.code);
      expect(section, schema.code).toContain(schema.name['zh-CN']);
      for (const field of schema.fields) {
        expect(section, `${schema.code} ${field.name}`).toContain(
          `| \`${field.name}\` | ${field.label['zh-CN']} |`,
        );
      }
    }
  });

  it('lists every code list value, every registration field and every error code', () => {
    for (const list of Object.values(CODE_LISTS)) {
      for (const value of list.values)
        expect(document, list.id).toContain(`| \`${value.code}\` | ${value.label['zh-CN']} |`);
    }
    for (const field of registrationFields()) expect(document).toContain(`| \`${field.path}\` |`);
    for (const code of EXCHANGE_ERROR_CODES) expect(document, code).toContain(`| \`${code}\` |`);
  });
});
