import { describe, expect, it } from 'vitest';
import { parseReceiptText } from '../../web/src/ledger/receipt-input.ts';

/** A receipt of the right shape; its signatures are not this test's business. */
const RECEIPT = {
  receipt: {
    receiptId: 'r-1',
    bidId: 'b-1',
    projectId: 'p-1',
    sectionId: 's-1',
    sectionCode: 'S01',
    bidderOrganisationId: 'o-1',
    fileSha256: 'a'.repeat(64),
    fileSize: 1024,
    receivedAt: '2025-03-01T02:00:00.000Z',
    replacesBidId: null,
    envelope: {
      suite: 'gm',
      headerDigest: 'b'.repeat(64),
      ciphertextDigest: 'c'.repeat(64),
      signerCertificateSerial: '01',
    },
  },
  canonical: '{}',
  sha256: 'd'.repeat(64),
  signature: { algorithm: 'sm2-sm3', keyId: 'e'.repeat(64), publicKeyPem: 'PEM', value: 'AA==' },
  ledger: {
    leafIndex: 3,
    entry: '{}',
    treeHead: {
      platform: 'trading',
      seq: 2,
      treeSize: 5,
      rootHash: 'f'.repeat(64),
      timestamp: '2025-03-01T02:00:01.000Z',
      hashAlgorithm: 'sm3',
      keyId: '0'.repeat(64),
      signatureAlgorithm: 'sm2-sm3',
      signature: 'AA==',
    },
    path: ['1'.repeat(64)],
    publicKeyPem: 'PEM',
  },
};

const text = (value: unknown) => JSON.stringify(value, null, 2);

/** The receipt with one field changed (or removed, with `undefined`) at a dotted path. */
function withField(path: string, value: unknown): unknown {
  const copy = structuredClone(RECEIPT) as Record<string, unknown>;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((node, key) => node[key] as Record<string, unknown>, copy);
  if (value === undefined) delete parent[keys.at(-1)!];
  else parent[keys.at(-1)!] = value;
  return copy;
}

describe('reading a pasted bid receipt', () => {
  it('takes the full receipt as the bid panel copies and downloads it', () => {
    const input = parseReceiptText(text(RECEIPT));
    expect(input.ok && input.receipt.ledger.leafIndex).toBe(3);
  });

  it('refuses an empty paste', () => {
    expect(parseReceiptText('  \n')).toEqual({ ok: false, problem: { kind: 'empty' } });
  });

  it('says when the text is not JSON', () => {
    const input = parseReceiptText(text(RECEIPT).slice(0, -3));
    expect(input.ok).toBe(false);
    expect(!input.ok && input.problem.kind).toBe('notJson');
  });

  it('says when the JSON is not an object', () => {
    expect(parseReceiptText('[1, 2]')).toEqual({ ok: false, problem: { kind: 'notObject' } });
    expect(parseReceiptText('"receipt"')).toEqual({ ok: false, problem: { kind: 'notObject' } });
  });

  it('tells the signed receipt text alone from the whole receipt', () => {
    expect(parseReceiptText(text(RECEIPT.receipt))).toEqual({
      ok: false,
      problem: { kind: 'receiptTextOnly' },
    });
  });

  it('says a receipt without its ledger proof has none', () => {
    expect(parseReceiptText(text(withField('ledger', undefined)))).toEqual({
      ok: false,
      problem: { kind: 'noLedger' },
    });
  });

  it('names the first missing field by its path', () => {
    const input = parseReceiptText(text(withField('ledger.treeHead.rootHash', undefined)));
    expect(!input.ok && input.problem).toMatchObject({
      kind: 'badField',
      field: 'ledger.treeHead.rootHash',
      missing: true,
    });
  });

  it('names a field of the wrong form, with what is wrong', () => {
    const input = parseReceiptText(text(withField('ledger.treeHead.rootHash', 'not hex')));
    expect(!input.ok && input.problem).toMatchObject({
      kind: 'badField',
      field: 'ledger.treeHead.rootHash',
      missing: false,
    });
    expect(!input.ok && input.problem.kind === 'badField' && input.problem.detail).toContain('hex');
  });

  it('names a list element by its index', () => {
    const input = parseReceiptText(text(withField('ledger.path', ['1'.repeat(64), 'xyz'])));
    expect(!input.ok && input.problem).toMatchObject({ kind: 'badField', field: 'ledger.path.1' });
  });
});
