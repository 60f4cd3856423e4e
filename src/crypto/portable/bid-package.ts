import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
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

/** Packs the form and the files; refuses an invalid form, so a bidder never seals one. */
export function buildBidPackage(form: unknown, files: Readonly<Record<string, Uint8Array>>): Uint8Array {
  const checked = checkedForm(form);
  const entries: Record<string, Uint8Array> = { [BID_FORM_ENTRY]: strToU8(JSON.stringify(checked)) };
  for (const [name, bytes] of Object.entries(files)) {
    assertFileName(name);
    entries[name] = bytes;
  }
  // Level 6: bid files are often already compressed (PDF, images); the form is tiny either way.
  return zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
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
