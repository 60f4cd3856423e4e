import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  BID_FORM_ENTRY,
  BidPackageError,
  bidPackageLayout,
  buildBidPackage,
  readBidForm,
  readBidPackage,
} from '../../src/crypto/portable/bid-package.ts';
import { crc32 } from '../../src/crypto/portable/crc32.ts';
import { fenToYuanText, parseBidForm, yuanTextToFen } from '../../src/domain/tender/bid-form.ts';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCentralDirectory } from '../../src/store/zip-reader.ts';

const form = {
  version: 1,
  priceFen: 123_456_789,
  durationDays: 180,
  qualityCommitment: '合格',
  bidBondFen: 2_000_000,
  items: { 项目经理: '张三', 工期承诺: '180 日历天' },
};

function problemOf(action: () => unknown): BidPackageError {
  try {
    action();
  } catch (error) {
    if (error instanceof BidPackageError) return error;
    throw error;
  }
  throw new Error('expected a BidPackageError');
}

describe('bid package', () => {
  it('round-trips the form and the files, byte for byte', () => {
    const pdf = new Uint8Array(50_000).map((_, i) => (i * 31) % 256);
    const bytes = buildBidPackage(form, { '商务标.pdf': pdf, '技术标/方案.docx': strToU8('方案') });
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const opened = readBidPackage(bytes);
    expect(opened.form).toEqual(form);
    expect(Object.keys(opened.files).sort()).toEqual(['商务标.pdf', '技术标/方案.docx']);
    expect(opened.files['商务标.pdf']).toEqual(pdf);
    expect(readBidForm(bytes)).toEqual(form);
  });

  it('packs the same input to the same bytes (a bidder can re-seal and compare)', () => {
    const files = { 'a.txt': strToU8('投标') };
    expect(buildBidPackage(form, files)).toEqual(buildBidPackage(form, files));
  });

  it('refuses a plaintext that is not a ZIP, saying so', () => {
    const error = problemOf(() => readBidPackage(strToU8('投标报价 100 万元')));
    expect(error.problem).toBe('not-a-zip');
    expect(problemOf(() => readBidPackage(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).problem).toBe(
      'not-a-zip',
    );
  });

  it('refuses a ZIP without bid-form.json', () => {
    const zip = zipSync({ '投标文件.pdf': strToU8('pdf') });
    const error = problemOf(() => readBidPackage(zip));
    expect(error.problem).toBe('no-bid-form');
    expect(error.message).toContain(BID_FORM_ENTRY);
  });

  it('refuses a bid-form.json that is not JSON or not a valid form, naming the fields', () => {
    expect(problemOf(() => readBidForm(zipSync({ [BID_FORM_ENTRY]: strToU8('{price: 1') }))).problem).toBe(
      'invalid-form',
    );
    const bad = { ...form, priceFen: 10.5, durationDays: 0, extra: true };
    const error = problemOf(() => readBidForm(zipSync({ [BID_FORM_ENTRY]: strToU8(JSON.stringify(bad)) })));
    expect(error.problem).toBe('invalid-form');
    const paths = error.formProblems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['priceFen', 'durationDays']));
    const zh = error.formProblems.map((p) => p.message['zh-CN']).join('；');
    expect(zh).toContain('投标报价应为整数');
    expect(zh).toContain('工期（日历天）不得小于 1');
    expect(zh).toContain('未定义的字段：extra');
  });

  it('does not build a package from an invalid form, or with unsafe file names', () => {
    const error = problemOf(() => buildBidPackage({ ...form, priceFen: -1 }, {}));
    expect(error.problem).toBe('invalid-form');
    expect(error.formProblems[0]!.message['en-US']).toBe('The bid price may not be less than 0');
    for (const name of ['../etc/passwd', '/abs.txt', BID_FORM_ENTRY, 'a//b', 'a\\b']) {
      expect(problemOf(() => buildBidPackage(form, { [name]: strToU8('x') })).problem).toBe('bad-file-name');
    }
  });
});

describe('bid form', () => {
  it('requires the version, the price and the items; the optional fields may be left out', () => {
    expect(parseBidForm({ version: 1, priceFen: 0, items: {} })).toMatchObject({ ok: true });
    const missing = parseBidForm({ version: 2, items: { 项目经理: 7 } });
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    const text = missing.problems.map((p) => p.message['zh-CN']);
    expect(text).toContain('缺少投标报价');
    expect(text.some((t) => t.startsWith('投标函版本不受支持'))).toBe(true);
    expect(text).toContain('唱标内容“项目经理”格式错误');
  });

  it('converts yuan and fen exactly', () => {
    expect(yuanTextToFen('1,234,567.89')).toBe(123_456_789);
    expect(yuanTextToFen('100')).toBe(10_000);
    expect(yuanTextToFen('0.1')).toBe(10);
    expect(yuanTextToFen('1.234')).toBeNull();
    expect(yuanTextToFen('-5')).toBeNull();
    expect(fenToYuanText(123_456_789)).toBe('1,234,567.89');
    expect(fenToYuanText(5)).toBe('0.05');
  });

  it('lays out the package before its files are read: the length is exact, the contents go in between', () => {
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    const empty = new Uint8Array(0);
    const files = { '投标文件.pdf': big, 'empty.txt': empty };
    const layout = bidPackageLayout(
      form,
      Object.entries(files).map(([name, bytes]) => ({ name, size: bytes.length, crc32: crc32(bytes) })),
    );
    const contents = Object.values(files);
    const parts = layout.pieces.map((piece) => (piece instanceof Uint8Array ? piece : contents[piece.file]!));
    expect(parts.reduce((n, part) => n + part.length, 0)).toBe(layout.length);
    // The pieces made here are headers and the directory: small whatever the files' size.
    const made = layout.pieces.filter((piece): piece is Uint8Array => piece instanceof Uint8Array);
    expect(made.reduce((n, piece) => n + piece.length, 0)).toBeLessThan(1000);
    const bytes = buildBidPackage(form, files);
    expect(bytes.length).toBe(layout.length);
    const opened = readBidPackage(bytes);
    expect(opened.files['投标文件.pdf']).toEqual(big);
    expect(opened.files['empty.txt']).toEqual(empty);
  });

  it('writes a ZIP other readers take: UTF-8 names, stored entries, the directory at the end', async () => {
    const bytes = buildBidPackage(form, { '商务标.pdf': strToU8('商务') });
    const dir = mkdtempSync(join(tmpdir(), 'zhaocai-package-'));
    try {
      const path = join(dir, 'bid.zip');
      writeFileSync(path, bytes);
      const file = await open(path, 'r');
      const entries = await readCentralDirectory(file);
      await file.close();
      expect(entries.map((e) => [e.name, e.method])).toEqual([
        [BID_FORM_ENTRY, 0],
        ['商务标.pdf', 0],
      ]);
      expect(entries[1]!.crc32).toBe(zlibCrc32(strToU8('商务')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses two files of one name', () => {
    const file = { name: 'a.pdf', size: 0, crc32: 0 };
    expect(problemOf(() => bidPackageLayout(form, [file, file])).problem).toBe('bad-file-name');
  });

  it('computes CRC-32 as ZIP and zlib do, also chunk by chunk', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    const data = new Uint8Array(10_000).map((_, i) => (i * 13) % 256);
    expect(crc32(data.subarray(4000), crc32(data.subarray(0, 4000)))).toBe(zlibCrc32(data));
  });
});
