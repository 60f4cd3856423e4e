import { bufferSource } from '../../../src/crypto/portable/bytes.ts';
import type { EnvelopeWriter } from './seal-bid-file.ts';

/*
 * Where the browser keeps a sealed bid envelope until the platform has all of it: the origin-private
 * file system when the browser offers one (on disk, so a large bid is not held in memory, and a
 * reload can resume the upload of the very same envelope), else a Blob of parts for this page only.
 */

const storedName = (sectionId: string) => `bid-envelope-${sectionId}.zcbe`;

async function privateDirectory(): Promise<FileSystemDirectoryHandle | null> {
  try {
    return await navigator.storage.getDirectory();
  } catch {
    return null;
  }
}

export async function createEnvelopeWriter(sectionId: string, fileName: string): Promise<EnvelopeWriter> {
  const directory = await privateDirectory();
  if (directory) {
    try {
      const handle = await directory.getFileHandle(storedName(sectionId), { create: true });
      const writable = await handle.createWritable();
      return {
        write: (part) => writable.write(bufferSource(part)),
        close: async () => {
          await writable.close();
          return handle.getFile();
        },
        abort: async () => {
          await writable.abort().catch(() => undefined);
          await discardSealedEnvelope(sectionId);
        },
      };
    } catch {
      // A browser without writable private files (older Safari): keep the envelope in memory instead.
    }
  }
  const parts: BlobPart[] = [];
  return {
    write: async (part) => {
      parts.push(bufferSource(part));
    },
    close: async () => new File(parts, fileName, { type: 'application/octet-stream' }),
    abort: async () => {
      parts.length = 0;
    },
  };
}

/** The envelope sealed earlier for this section, if the browser kept one on disk. */
export async function findSealedEnvelope(sectionId: string): Promise<File | null> {
  const directory = await privateDirectory();
  if (!directory) return null;
  try {
    return await (await directory.getFileHandle(storedName(sectionId))).getFile();
  } catch {
    return null;
  }
}

export async function discardSealedEnvelope(sectionId: string): Promise<void> {
  const directory = await privateDirectory();
  await directory?.removeEntry(storedName(sectionId)).catch(() => undefined);
}
