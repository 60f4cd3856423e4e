import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { inflateSync } from 'fflate';
import { BID_FORM_ENTRY, BidPackageError, bidFormFromEntry } from '../../crypto/portable/bid-package.ts';
import type { BidForm } from '../../domain/tender/bid-form.ts';
import { entryContent, readCentralDirectory, type ZipEntry, ZipFormatError } from '../../store/zip-reader.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import type { BlobStore } from '../../store/blob-store.ts';
import type { BidFormColumns } from '../opening-hall-tables.ts';

/**
 * The bid form read from a decrypted bid (the package inside the envelope), as the columns kept
 * with the bid. A plaintext that is not a valid package is no error here: the form is recorded as
 * missing with the reason, the read-out says so, and the evaluation judges the bid.
 */
export async function bidFormColumnsOf(blobs: BlobStore, plaintextSha256: string): Promise<BidFormColumns> {
  try {
    const form = await readStoredBidForm(blobs.pathOf(plaintextSha256));
    return {
      bidFormStatus: 'present',
      bidForm: canonicalJson(form),
      bidPriceFen: form.priceFen,
      bidFormProblem: null,
    };
  } catch (error) {
    if (!(error instanceof BidPackageError)) throw error;
    return {
      bidFormStatus: 'missing',
      bidForm: null,
      bidPriceFen: null,
      bidFormProblem: `${error.problem}: ${error.message}`.slice(0, 1000),
    };
  }
}

/** A form is a few hundred bytes; anything far larger is not one. */
const MAX_FORM_BYTES = 1024 * 1024;

/**
 * Reads only `bid-form.json` from a stored package, through the ZIP's central directory: a bid
 * may be hundreds of megabytes, and the form is all the opening needs of it.
 */
async function readStoredBidForm(path: string): Promise<BidForm> {
  const file = await open(path, 'r');
  try {
    let entries: ZipEntry[];
    try {
      entries = await readCentralDirectory(file);
    } catch (error) {
      if (!(error instanceof ZipFormatError)) throw error;
      throw new BidPackageError('not-a-zip', `the bid plaintext is not a ZIP bid package (${error.message})`);
    }
    const entry = entries.find((e) => e.name === BID_FORM_ENTRY);
    if (!entry) throw new BidPackageError('no-bid-form', `the bid package holds no ${BID_FORM_ENTRY}`);
    if (
      entry.size > MAX_FORM_BYTES ||
      entry.compressedSize > MAX_FORM_BYTES ||
      ![0, 8].includes(entry.method)
    ) {
      throw new BidPackageError('invalid-form', `${BID_FORM_ENTRY} is not a bid form (size or compression)`);
    }
    const chunks: Uint8Array[] = [];
    for await (const chunk of entryContent(file, entry)) chunks.push(chunk);
    const stored = Buffer.concat(chunks);
    let raw: Uint8Array;
    try {
      raw = entry.method === 8 ? inflateSync(stored, { out: new Uint8Array(entry.size) }) : stored;
    } catch (error) {
      throw new BidPackageError(
        'not-a-zip',
        `${BID_FORM_ENTRY} does not inflate: ${(error as Error).message}`,
      );
    }
    if (raw.length !== entry.size || crc32(raw) !== entry.crc32) {
      throw new BidPackageError('not-a-zip', `${BID_FORM_ENTRY} does not match its checksum`);
    }
    return bidFormFromEntry(raw);
  } finally {
    await file.close();
  }
}
