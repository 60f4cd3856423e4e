import { strFromU8, strToU8, unzipSync } from 'fflate';
import { crc32 } from './crc32.ts';
import { type BidForm, type BidFormProblem, parseBidForm } from '../../domain/tender/bid-form.ts';

/**
 * The bid package: the plaintext sealed in a bid envelope is a ZIP holding `bid-form.json` (the
 * bid form read out at the opening) and the bid files. Sealing the form with the files is what
 * keeps the price secret and unchangeable until the opening. Runs in Node and the browser.
 */
export const BID_FORM_ENTRY = 'bid-form.json';

export type BidPackageProblem = 'not-a-zip' | 'no-bid-form' | 'invalid-form' | 'bad-file-name';

export class BidPackageError extends Error {
  readonly problem: BidPackageProblem;
  /** For `invalid-form`: what is wrong with each field. */
  readonly formProblems: readonly BidFormProblem[];

  constructor(problem: BidPackageProblem, message: string, formProblems: readonly BidFormProblem[] = []) {
    super(message);
    this.name = 'BidPackageError';
    this.problem = problem;
    this.formProblems = formProblems;
  }
}

export interface BidPackage {
  readonly form: BidForm;
  /** The bid files by their name inside the package. */
  readonly files: Readonly<Record<string, Uint8Array>>;
}

/** A ZIP's first bytes: a local file header, or the end record of an empty archive. */
const ZIP_MAGIC = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
];

/** A bid file as the package layout needs it: its contents come separately, in `BidPackageLayout` order. */
export interface BidPackageFile {
  readonly name: string;
  readonly size: number;
  /** CRC-32 of the contents (crc32.ts). */
  readonly crc32: number;
}

/** The package as pieces: bytes made here, and the contents of `files[file]` to be put in between. */
export type BidPackagePiece = Uint8Array | { readonly file: number };

export interface BidPackageLayout {
  readonly pieces: readonly BidPackagePiece[];
  /** The package's length in bytes, known before a byte of it is written (the envelope header states it). */
  readonly length: number;
}

/** A ZIP without ZIP64 ends at 4 GiB; far above any upload the platform takes. */
const MAX_PACKAGE_BYTES = 0xffffffff;
/** Every entry is dated 2000-01-01 00:00 (DOS format), so the same form and files make the same package. */
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
/** General-purpose flag bit 11: names are UTF-8 (bid files are often named in Chinese). */
const UTF8_NAMES = 0x0800;

/**
 * The package's ZIP layout for files known by name, size and CRC: every entry stored (method 0; bid
 * files are mostly compressed already), sizes and checksums in the local headers. The bid files'
 * contents are not needed here, so a browser or the CLI streams them from disk into the envelope
 * and never holds a whole bid in memory. Refuses an invalid form, so a bidder never seals one.
 */
export function bidPackageLayout(form: unknown, files: readonly BidPackageFile[]): BidPackageLayout {
  const formBytes = strToU8(JSON.stringify(checkedForm(form)));
  const names = new Set<string>();
  for (const file of files) {
    assertFileName(file.name);
    if (names.has(file.name))
      throw new BidPackageError('bad-file-name', `two bid files are named "${file.name}"`);
    names.add(file.name);
  }
  const entries = [
    {
      name: BID_FORM_ENTRY,
      size: formBytes.length,
      crc32: crc32(formBytes),
      content: formBytes as BidPackagePiece,
    },
    ...files.map((file, index) => ({ ...file, content: { file: index } as BidPackagePiece })),
  ];
  const pieces: BidPackagePiece[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = strToU8(entry.name);
    const local = zipHeader(0x04034b50, 30, entry, name);
    central.push(zipHeader(0x02014b50, 46, entry, name, offset));
    pieces.push(local, entry.content);
    offset += local.length + entry.size;
  }
  const directory = concat(central);
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, entries.length, true);
  view.setUint16(10, entries.length, true);
  view.setUint32(12, directory.length, true);
  view.setUint32(16, offset, true);
  const length = offset + directory.length + end.length;
  if (length > MAX_PACKAGE_BYTES) {
    throw new BidPackageError(
      'bad-file-name',
      'the bid files together exceed the 4 GiB a bid package can hold',
    );
  }
  pieces.push(directory, end);
  return { pieces, length };
}

/** A local file header (30 bytes + name) or a central directory entry (46 bytes + name). */
function zipHeader(
  signature: number,
  fixed: 30 | 46,
  entry: { size: number; crc32: number },
  name: Uint8Array,
  localOffset = 0,
): Uint8Array {
  const bytes = new Uint8Array(fixed + name.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, signature, true);
  // The central entry has "version made by" before the fields both share.
  const at = fixed === 46 ? 6 : 4;
  if (fixed === 46) view.setUint16(4, 20, true);
  view.setUint16(at, 20, true); // version needed: 2.0
  view.setUint16(at + 2, UTF8_NAMES, true);
  view.setUint16(at + 4, 0, true); // stored
  view.setUint16(at + 6, DOS_TIME, true);
  view.setUint16(at + 8, DOS_DATE, true);
  view.setUint32(at + 10, entry.crc32, true);
  view.setUint32(at + 14, entry.size, true); // compressed size
  view.setUint32(at + 18, entry.size, true);
  view.setUint16(at + 22, name.length, true);
  if (fixed === 46) view.setUint32(42, localOffset, true);
  bytes.set(name, fixed);
  return bytes;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The whole package in memory, for small bids and tests: the layout with the files put in. */
export function buildBidPackage(form: unknown, files: Readonly<Record<string, Uint8Array>>): Uint8Array {
  const contents = Object.entries(files);
  const layout = bidPackageLayout(
    form,
    contents.map(([name, bytes]) => ({ name, size: bytes.length, crc32: crc32(bytes) })),
  );
  return concat(
    layout.pieces.map((piece) => (piece instanceof Uint8Array ? piece : contents[piece.file]![1])),
  );
}

/** Opens a package: its checked form and its files. */
export function readBidPackage(bytes: Uint8Array): BidPackage {
  const entries = unzipped(bytes);
  const form = formOf(entries);
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(entries)) {
    if (name !== BID_FORM_ENTRY && !name.endsWith('/')) files[name] = data;
  }
  return { form, files };
}

/** Only the form, without inflating the bid files: what the platform reads at the opening. */
export function readBidForm(bytes: Uint8Array): BidForm {
  return formOf(unzipped(bytes, (name) => name === BID_FORM_ENTRY));
}

function unzipped(bytes: Uint8Array, wanted?: (name: string) => boolean): Record<string, Uint8Array> {
  if (!ZIP_MAGIC.some((magic) => magic.every((b, i) => bytes[i] === b))) {
    throw new BidPackageError('not-a-zip', 'the bid plaintext is not a ZIP bid package');
  }
  try {
    return unzipSync(bytes, wanted ? { filter: (file) => wanted(file.name) } : {});
  } catch (error) {
    throw new BidPackageError(
      'not-a-zip',
      `the bid package is not a readable ZIP: ${(error as Error).message}`,
    );
  }
}

function formOf(entries: Record<string, Uint8Array>): BidForm {
  const raw = entries[BID_FORM_ENTRY];
  if (!raw) throw new BidPackageError('no-bid-form', `the bid package holds no ${BID_FORM_ENTRY}`);
  return bidFormFromEntry(raw);
}

/** The checked form from the bytes of `bid-form.json`, for readers that find the entry themselves. */
export function bidFormFromEntry(raw: Uint8Array): BidForm {
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(raw));
  } catch {
    throw new BidPackageError('invalid-form', `${BID_FORM_ENTRY} is not JSON`);
  }
  return checkedForm(json);
}

function checkedForm(value: unknown): BidForm {
  const result = parseBidForm(value);
  if (result.ok) return result.form;
  const summary = result.problems.map((p) => p.message['en-US']).join('; ');
  throw new BidPackageError('invalid-form', `the bid form is not valid: ${summary}`, result.problems);
}

/** Plain relative names only: no directories climbing out, no absolute paths, no second form. */
function assertFileName(name: string): void {
  const parts = name.split('/');
  if (
    name === BID_FORM_ENTRY ||
    name.length === 0 ||
    name.length > 255 ||
    name.startsWith('/') ||
    name.includes('\\') ||
    parts.some((part) => part === '' || part === '.' || part === '..')
  ) {
    throw new BidPackageError('bad-file-name', `a bid file may not be named "${name}"`);
  }
}
