import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BID_EXTENSION_URL } from '../../src/exchange/ocds/ocds-schemas.ts';
import { ocdsDocumentKind, validateOcds } from '../../src/exchange/ocds/validate-ocds.ts';
import { ocdsExamplesDir } from '../support/shared-data.ts';

/** The OCDS examples in the shared data beside the repository (test/support/shared-data.ts). */
const EXAMPLES = ocdsExamplesDir() ?? '';

function exampleFiles(dir = ''): string[] {
  return readdirSync(`${EXAMPLES}${dir}`)
    .sort()
    .flatMap((name) =>
      statSync(`${EXAMPLES}${dir}${name}`).isDirectory() ? exampleFiles(`${dir}${name}/`) : [`${dir}${name}`],
    );
}

/**
 * Per folder of examples: how many files of each kind were valid or not, and each finding with
 * how often it occurs (array indices dropped, long quoted values shortened).
 */
function findingsByFolder(): Record<string, Record<string, number>> {
  const folders: Record<string, Record<string, number>> = {};
  for (const file of exampleFiles()) {
    const result = validateOcds(JSON.parse(readFileSync(`${EXAMPLES}${file}`, 'utf8')));
    const folder = (folders[file.slice(0, file.lastIndexOf('/'))] ??= {});
    const count = (key: string) => (folder[key] = (folder[key] ?? 0) + 1);
    count(
      `${result.errors.length ? 'invalid' : 'valid'} ${result.kind}${result.bidExtension ? ' with bids' : ''}`,
    );
    for (const e of result.errors) {
      count(`${e.path.replace(/\[\d+\]/g, '[]')}: ${e.message.replace(/"[^"]{30,}"/g, '"…"')}`);
    }
  }
  return folders;
}

const BID_STATUS =
  'is not in the closed codelist bidStatus.csv (invited, pending, valid, disqualified, withdrawn)';
const RELEASE_TAG =
  'is not in the closed codelist releaseTag.csv (planning, planningUpdate, tender, tenderAmendment, tenderUpdate, tenderCancellation, award, awardUpdate, … 16 codes)';

// Skipped, and counted as skipped, where the shared data is not beside the repository.
describe.skipIf(!EXAMPLES)('zhaocai ocds validate on the real examples', () => {
  it('finds the fictional example valid 1.1, and pins what in Armenia’s and ProZorro’s data is not', () => {
    expect(findingsByFolder()).toEqual({
      fictional: { 'valid release package': 7, 'valid record package': 2 },
      // A real 1.1 release package: bids without declaring the bid extension, and pre-1.1 habits.
      armenia: {
        'invalid release package with bids': 1,
        'releases[].initiationType: "planning" is not in the closed codelist initiationType.csv (tender)': 73,
        'releases[].planning: must be object': 27,
        [`releases[].bids.details[].status: "qualified" ${BID_STATUS}`]: 33,
        [`releases[].bids.details[].status: "not-qualified" ${BID_STATUS}`]: 3,
        'releases[].bids.details[].documents[].id: is required': 36,
        'releases[].bids.details[].documents[].url: "…" is not an absolute URI': 36,
        'releases[].awards[].items: must NOT have fewer than 1 items': 1,
        'releases[].contracts[].items: must NOT have fewer than 1 items': 1,
      },
      // ProZorro (2016–2017): the pre-1.1 bid status "active", a "bid" release tag of its own.
      'ukraine-prozorro/releases': {
        'valid release': 6,
        'invalid release with bids': 5,
        [`bids.details[].status: "active" ${BID_STATUS}`]: 12,
        [`tag[]: "bid" ${RELEASE_TAG}`]: 5,
      },
      // …and records without their ocid, whose versioned release versions each role string apart.
      'ukraine-prozorro/records': {
        'invalid record': 6,
        'invalid record with bids': 5,
        'ocid: is required': 11,
        [`releases[].bids.details[].status: "active" ${BID_STATUS}`]: 12,
        [`compiledRelease.bids.details[].status: "active" ${BID_STATUS}`]: 12,
        [`releases[].tag[]: "bid" ${RELEASE_TAG}`]: 5,
        'versionedRelease.parties[].roles[]: must be object': 47,
        'versionedRelease.tender.submissionMethod[]: must be object': 6,
      },
    });
  });

  it('names the extensions it did not check', () => {
    const armenia = validateOcds(JSON.parse(readFileSync(`${EXAMPLES}armenia/releases-6.json`, 'utf8')));
    expect(armenia.otherExtensions).toEqual([
      'https://raw.githubusercontent.com/open-contracting/ocds_lots_extension/v1.1.1/extension.json',
      'https://raw.githubusercontent.com/open-contracting/ocds_milestone_documents_extension/v1.1.1/extension.json',
    ]);
    expect(armenia.count).toBe(100);
  });
});

describe('the OCDS validator', () => {
  const release = {
    ocid: 'ocds-test00-1',
    id: 'tender',
    date: '2026-03-02T09:00:00+08:00',
    tag: ['tender'],
    initiationType: 'tender',
    tender: { id: 'T', status: 'active', value: { amount: 1, currency: 'CNY' } },
  };
  const releasePackage = (releases: unknown[], extensions: string[] = []) => ({
    uri: 'urn:test:releases',
    version: '1.1',
    publishedDate: '2026-03-02T09:00:00+08:00',
    publisher: { name: '测试' },
    ...(extensions.length ? { extensions } : {}),
    releases,
  });

  it('tells the four kinds of document apart', () => {
    expect(ocdsDocumentKind(releasePackage([release]))).toBe('release package');
    const { releases: _releases, ...metadata } = releasePackage([]);
    expect(ocdsDocumentKind({ ...metadata, records: [] })).toBe('record package');
    expect(ocdsDocumentKind(release)).toBe('release');
    expect(ocdsDocumentKind({ ocid: 'x', releases: [] })).toBe('record');
    expect(ocdsDocumentKind([release])).toBeNull();
    expect(validateOcds({ hello: 'world' })).toMatchObject({
      kind: null,
      errors: [
        { path: '(root)', message: 'is not an OCDS release package, record package, release or record' },
      ],
    });
  });

  it('reports schema and codelist errors as path and message, each once, in document order', () => {
    const bad = {
      ...release,
      date: '2026-03-02 09:00',
      tag: ['tender', 'tenderSomething'],
      tender: { ...release.tender, status: 'open', value: { amount: '1', currency: 'RMB' } },
    };
    const { ocid: _ocid, ...withoutOcid } = release;
    expect(validateOcds(releasePackage([bad, withoutOcid])).errors).toEqual([
      { path: 'releases[0].date', message: '"2026-03-02 09:00" is not an RFC 3339 date-time' },
      { path: 'releases[0].tag[1]', message: `"tenderSomething" ${RELEASE_TAG}` },
      {
        path: 'releases[0].tender.status',
        message: expect.stringMatching(
          /^"open" is not in the closed codelist tenderStatus.csv \(planning, planned, active/,
        ),
      },
      { path: 'releases[0].tender.value.amount', message: 'must be number or null' },
      {
        path: 'releases[0].tender.value.currency',
        message: expect.stringMatching(/^"RMB" is not in the closed codelist currency.csv \(/),
      },
      { path: 'releases[1].ocid', message: 'is required' },
    ]);
  });

  it('finds a repeated release (the packages’ uniqueItems), key order aside', () => {
    const reordered = Object.fromEntries(Object.entries(release).reverse());
    expect(validateOcds(releasePackage([release, { ...release, id: 'other' }, reordered])).errors).toEqual([
      { path: 'releases[2]', message: 'repeats releases[0]' },
    ]);
  });

  it('applies the bid extension when declared or when a release has bids, and checks its codelists', () => {
    const withBids = { ...release, bids: { details: [{ id: 'b1', status: 'active' }] } };
    const checked = validateOcds(releasePackage([withBids]));
    expect(checked.bidExtension).toBe(true);
    expect(checked.errors).toEqual([
      { path: 'releases[0].bids.details[0].status', message: `"active" ${BID_STATUS}` },
    ]);
    const declared = validateOcds(
      releasePackage([{ ...release, awards: [{ id: 'a', relatedBid: 7 }] }], [BID_EXTENSION_URL]),
    );
    expect(declared.errors).toEqual([
      { path: 'releases[0].awards[0].relatedBid', message: 'must be string or null' },
    ]);
    expect(
      validateOcds(releasePackage([{ ...release, awards: [{ id: 'a', relatedBid: 7 }] }])).errors,
    ).toEqual([]);
  });

  it('checks a record’s releases in the form they take, linked or embedded', () => {
    const linked = {
      ocid: 'ocds-test00-1',
      releases: [{ url: 'https://example.org/p.json#tender', date: release.date, tag: ['bid'] }],
    };
    expect(validateOcds(linked).errors).toEqual([
      { path: 'releases[0].tag[0]', message: `"bid" ${RELEASE_TAG}` },
    ]);
    const embedded = { ocid: 'ocds-test00-1', releases: [{ ...release, initiationType: 'planning' }] };
    expect(validateOcds(embedded).errors).toEqual([
      {
        path: 'releases[0].initiationType',
        message: '"planning" is not in the closed codelist initiationType.csv (tender)',
      },
    ]);
  });
});
