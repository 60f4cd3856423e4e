import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../src/exchange/ocds/json-merge-patch.ts';
import { compileRelease, mergeRulesOf } from '../../src/exchange/ocds/merge-releases.ts';
import { releaseSchema } from '../../src/exchange/ocds/ocds-schemas.ts';
import { ocdsExamplesDir } from '../support/shared-data.ts';

/** The OCDS examples in the shared data beside the repository (test/support/shared-data.ts). */
const EXAMPLES = ocdsExamplesDir();
const rules = mergeRulesOf(releaseSchema(true));
const release = (id: string, date: string, fields: Record<string, unknown>) => ({
  ocid: 'ocds-test00-1',
  id,
  date,
  tag: ['tender'],
  initiationType: 'tender',
  ...fields,
});

describe('OCDS 1.1 merging', () => {
  it('reads the merge rules off the schema: omitted fields and whole-list arrays, the bid extension’s too', () => {
    expect([...rules.omitWhenMerged].sort()).toEqual(['date', 'id', 'tag']);
    expect(rules.wholeListMerge).toContain('parties.additionalIdentifiers');
    expect(rules.wholeListMerge).toContain('tender.items.additionalClassifications');
    expect(rules.wholeListMerge).toContain('bids.details.identifiers');
    expect(mergeRulesOf(releaseSchema(false)).wholeListMerge).not.toContain('bids.details.identifiers');
  });

  it.skipIf(!EXAMPLES)(
    'compiles the fictional example’s six releases into exactly the compiled release it publishes',
    () => {
      const releases = JSON.parse(readFileSync(`${EXAMPLES}fictional/ocds-213czf-000-00001.json`, 'utf8'))
        .releases as Record<string, unknown>[];
      const record = JSON.parse(
        readFileSync(`${EXAMPLES}fictional/record-ocds-213czf-000-00001.json`, 'utf8'),
      ).records[0];
      expect(releases).toHaveLength(6);
      expect(compileRelease([...releases].reverse(), mergeRulesOf(releaseSchema(false)))).toEqual(
        record.compiledRelease,
      );
    },
  );

  it('replaces values, removes nulls, merges arrays of objects by id and replaces other arrays', () => {
    const compiled = compileRelease(
      [
        release('2', '2026-03-03T00:00:00Z', {
          tender: { id: 'T', title: null, status: 'complete', submissionMethod: ['written'] },
          parties: [
            { id: 'B', name: '乙', roles: ['supplier'] },
            { id: 'A', name: '甲（更名）', additionalIdentifiers: [{ scheme: 'X', id: '2' }] },
          ],
        }),
        release('1', '2026-03-02T00:00:00Z', {
          tender: {
            id: 'T',
            title: '标题',
            status: 'active',
            submissionMethod: ['electronicSubmission', 'written'],
          },
          parties: [
            {
              id: 'A',
              name: '甲',
              roles: ['buyer'],
              additionalIdentifiers: [
                { scheme: 'X', id: '1' },
                { scheme: 'Y', id: '9' },
              ],
            },
          ],
        }),
      ],
      rules,
    );
    expect(compiled).toEqual({
      ocid: 'ocds-test00-1',
      id: 'ocds-test00-1-2026-03-03T00:00:00Z',
      date: '2026-03-03T00:00:00Z',
      tag: ['compiled'],
      initiationType: 'tender',
      tender: { id: 'T', status: 'complete', submissionMethod: ['written'] },
      parties: [
        { id: 'A', name: '甲（更名）', roles: ['buyer'], additionalIdentifiers: [{ scheme: 'X', id: '2' }] },
        { id: 'B', name: '乙', roles: ['supplier'] },
      ],
    });
  });

  it('applies an extension as a JSON Merge Patch (RFC 7386)', () => {
    expect(applyMergePatch({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3], e: 2 }, d: null })).toEqual({
      a: { b: 1, c: [3], e: 2 },
    });
    const patched = releaseSchema(true) as {
      properties: Record<string, unknown>;
      definitions: { Award: { properties: Record<string, unknown> } };
    };
    expect(patched.properties).toHaveProperty('bids');
    expect(patched.definitions.Award.properties).toHaveProperty('relatedBid');
    expect(patched.definitions.Award.properties).toHaveProperty('suppliers');
    expect(releaseSchema(false).properties).not.toHaveProperty('bids');
  });
});
