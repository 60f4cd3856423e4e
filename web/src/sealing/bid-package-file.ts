import { bidPackageLayout } from '../../../src/crypto/portable/bid-package.ts';
import { crc32 } from '../../../src/crypto/portable/crc32.ts';
import type { BidForm } from '../../../src/domain/tender/bid-form.ts';

const CHUNK = 4 * 1024 * 1024;

/**
 * The bid package sealed in place of the bare file (docs/opening.md): the bid form with the bid
 * file, as one ZIP. The file is read once, a chunk at a time, for its checksum; the package is then a
 * Blob of the ZIP's headers around the File itself, so the browser never holds the bid in memory and
 * the sealing reads it segment by segment as before.
 */
export async function bidPackageFile(
  form: BidForm,
  source: File,
  onProgress?: (done: number, total: number) => void,
): Promise<File> {
  let checksum = 0;
  for (let offset = 0; offset < source.size; offset += CHUNK) {
    const chunk = new Uint8Array(await source.slice(offset, offset + CHUNK).arrayBuffer());
    checksum = crc32(chunk, checksum);
    onProgress?.(Math.min(source.size, offset + CHUNK), source.size);
  }
  const layout = bidPackageLayout(form, [{ name: source.name, size: source.size, crc32: checksum }]);
  const parts = layout.pieces.map((piece) => (piece instanceof Uint8Array ? piece : source));
  const zip = new File(parts as ConstructorParameters<typeof File>[0], `${source.name}.zip`, {
    type: 'application/zip',
  });
  if (zip.size !== layout.length) throw new Error('the bid package came out at another length than laid out');
  return zip;
}
