import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runZhaocai } from '../support/processes.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { openTestStore, type TestStore } from '../support/stores.ts';
import { aPublishedSection, type BidSection } from '../trading/support/bid-factory.ts';

function oneLine(text: string): string {
  const lines = text.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('zhaocai ocds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhaocai-ocds-cli-'));
  let svc: TestService;
  let empty: TestService;
  let common: TestStore;
  let section: BidSection;

  beforeAll(async () => {
    svc = await startTestService('trading', 'sqlite');
    section = await aPublishedSection(svc);
    empty = await startTestService('trading', 'sqlite');
    common = await openTestStore('sqlite');
  });
  afterAll(async () => {
    await svc.close();
    await empty.close();
    await common.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const exportTo = (out: string, ...more: string[]) =>
    runZhaocai(['ocds', 'export', '--from', `sqlite:${svc.store.location}`, '--out', out, ...more]);

  it('exports a release package (exit 0, one line) that `ocds validate` finds valid (exit 0)', () => {
    const out = join(dir, 'releases.json');
    const result = exportTo(out, '--ocid-prefix', 'ocds-test00', '--publisher', '测试平台');
    expect(result.code, result.stderr).toBe(0);
    expect(oneLine(result.stdout)).toBe(
      `wrote ${out}: OCDS 1.1 release package, 1 release of 1 tender, ocid ocds-test00-<deal code>`,
    );
    const pkg = JSON.parse(readFileSync(out, 'utf8'));
    expect(pkg).toMatchObject({
      uri: 'urn:zhaocai:ocds-test00:releases',
      version: '1.1',
      publisher: { name: '测试平台' },
      extensions: [expect.stringContaining('ocds_bid_extension')],
      releases: [{ ocid: `ocds-test00-${section.dealCode}`, tag: ['tender'] }],
    });
    expect(pkg.publishedDate).toBe(pkg.releases[0].date);
    const valid = runZhaocai(['ocds', 'validate', out]);
    expect(valid.code).toBe(0);
    expect(oneLine(valid.stdout)).toBe(
      `${out}: valid OCDS 1.1 release package of 1 release, checked against schema 1.1.5 and the bid extension`,
    );
  });

  it('exports a record package with --records, under the default prefix and a given URI', () => {
    const out = join(dir, 'records.json');
    const result = exportTo(out, '--records', '--uri', 'https://example.org/ocds/records.json');
    expect(result.code, result.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(out, 'utf8'));
    expect(pkg.uri).toBe('https://example.org/ocds/records.json');
    expect(pkg.records).toEqual([
      expect.objectContaining({
        ocid: `ocds-zhaocai-${section.dealCode}`,
        compiledRelease: expect.any(Object),
      }),
    ]);
    expect(runZhaocai(['ocds', 'validate', out]).code).toBe(0);
  });

  it('refuses bad input in one line: a missing database or one without tenders (2), nothing published (1)', () => {
    const out = join(dir, 'never.json');
    const missing = runZhaocai(['ocds', 'export', '--from', join(dir, 'nothing.db'), '--out', out]);
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toBe(`error: ${join(dir, 'nothing.db')}: no such file`);

    const other = runZhaocai(['ocds', 'export', '--from', common.location, '--out', out]);
    expect(other.code).toBe(2);
    expect(oneLine(other.stderr)).toMatch(/^error: .* holds no transaction platform database: /);

    const none = runZhaocai(['ocds', 'export', '--from', empty.store.location, '--out', out]);
    expect(none.code).toBe(1);
    expect(oneLine(none.stderr)).toMatch(/holds no published tender: nothing to export$/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an unwritable output, a malformed prefix or URI in one line (2), and leaves no file', () => {
    const out = join(dir, 'no-such-dir', 'releases.json');
    const unwritable = exportTo(out);
    expect(unwritable.code).toBe(2);
    expect(oneLine(unwritable.stderr)).toMatch(new RegExp(`^error: cannot write ${out}: ENOENT`));
    expect(existsSync(`${out}.partial`)).toBe(false);

    const prefix = exportTo(join(dir, 'x.json'), '--ocid-prefix', 'ocds 213czf');
    expect(prefix.code).toBe(2);
    expect(oneLine(prefix.stderr)).toBe('error: --ocid-prefix ocds 213czf: letters, digits and hyphens only');
    const uri = exportTo(join(dir, 'x.json'), '--uri', 'releases.json');
    expect(uri.code).toBe(2);
    expect(oneLine(uri.stderr)).toBe('error: --uri releases.json: not an absolute URI');
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });

  it('validate: exit 1 with the count, then one `path: message` line per error; 2 for a missing or non-JSON file', () => {
    const file = join(dir, 'invalid.json');
    writeFileSync(
      file,
      JSON.stringify({
        ocid: 'ocds-test00-1',
        id: 'tender',
        date: '2026-03-02',
        tag: ['bid'],
        initiationType: 'tender',
        bids: { details: [{ id: 'b', status: 'active' }] },
      }),
    );
    const invalid = runZhaocai(['ocds', 'validate', file]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout.trim().split('\n')).toEqual([
      `${file}: 3 errors in OCDS 1.1 release, checked against schema 1.1.5 and the bid extension`,
      'bids.details[0].status: "active" is not in the closed codelist bidStatus.csv (invited, pending, valid, disqualified, withdrawn)',
      'date: "2026-03-02" is not an RFC 3339 date-time',
      'tag[0]: "bid" is not in the closed codelist releaseTag.csv (planning, planningUpdate, tender, tenderAmendment, tenderUpdate, tenderCancellation, award, awardUpdate, … 16 codes)',
    ]);

    const missing = runZhaocai(['ocds', 'validate', join(dir, 'absent.json')]);
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toBe(`error: ${join(dir, 'absent.json')}: no such file`);
    const text = join(dir, 'text.json');
    writeFileSync(text, 'not json');
    const notJson = runZhaocai(['ocds', 'validate', text]);
    expect(notJson.code).toBe(2);
    expect(oneLine(notJson.stderr)).toMatch(new RegExp(`^error: ${text}: not JSON: `));
  });
});
