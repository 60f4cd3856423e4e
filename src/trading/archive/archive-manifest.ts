import { z } from 'zod';
import { canonicalJson } from '../../domain/canonical-json.ts';

/**
 * The archive's table of contents. `manifest.json` holds its canonical JSON; `manifest.sig` the
 * platform's SM2 signature (with SM3) over exactly those bytes; `platform-key.pem` the public key.
 */
export const ARCHIVE_FORMAT = 'zhaocai-project-archive';
export const ARCHIVE_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig';
export const PLATFORM_KEY_PATH = 'platform-key.pem';

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

export const manifestFile = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: hex(64),
  sm3: hex(64),
});
export type ManifestFile = z.infer<typeof manifestFile>;

export const archiveManifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  projectId: z.string(),
  dealCode: z.string(),
  createdAt: z.string(),
  files: z.array(manifestFile),
});
export type ArchiveManifest = z.infer<typeof archiveManifest>;

export const manifestSignature = z.object({
  algorithm: z.literal('sm2-sm3'),
  keyId: z.string(),
  value: z.string().min(1),
});
export type ManifestSignature = z.infer<typeof manifestSignature>;

/** The exact bytes that are signed and stored as manifest.json. */
export function manifestBytes(manifest: ArchiveManifest): Uint8Array {
  return new TextEncoder().encode(canonicalJson(manifest));
}
