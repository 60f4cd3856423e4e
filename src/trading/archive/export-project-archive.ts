import { Readable } from 'node:stream';
import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { toBase64 } from '../../crypto/portable/envelope/binary.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { ruleViolation } from '../../domain/rules/rule-violation.ts';
import { assertBidsDisclosable } from '../../domain/tender/bid-rules.ts';
import type { BlobStore } from '../../store/blob-store.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { runAudited } from '../../store/audited.ts';
import { bidDeadlineOf } from '../bids/bid-repository.ts';
import { readableProject } from '../projects/project-access.ts';
import type { ProjectWithNames } from '../projects/project-repository.ts';
import { tradingDb } from '../schema.ts';
import type { LedgerService } from '../../server/ledger-service.ts';
import { bidLedgerEvidence } from '../bids/bid-ledger-evidence.ts';
import type { BidSealing } from '../sealing/bid-sealing.ts';
import { PLATFORM_SUITE, type PlatformKey } from '../sealing/platform-keys.ts';
import { auditEventsAbout } from './archive-audit-events.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  type ManifestSignature,
  MANIFEST_PATH,
  manifestBytes,
  PLATFORM_KEY_PATH,
  SIGNATURE_PATH,
} from './archive-manifest.ts';
import type { ArchivePart, ArchiveScope } from './archive-part.ts';
import { ARCHIVE_SECTIONS } from './archive-sections.ts';
import { type ArchiveEntry, bytesOf, type WrittenEntry, zipArchive } from './zip-writer.ts';

export interface ExportProjectArchiveOptions {
  readonly projectId: string;
  readonly blobs: BlobStore;
  readonly sealing: BidSealing;
  /** The platform's ledger: each archived receipt carries its leaf, a signed tree head and the proof. */
  readonly ledger: LedgerService;
}

export interface ProjectArchive {
  readonly filename: string;
  readonly createdAt: string;
  /** The ZIP, produced as it is read: files are copied from the blob store piece by piece. */
  readonly content: Readable;
}

/**
 * The electronic archive of a tender project (E11): its records, documents, bid envelopes with
 * their signed receipts and its audit trail, with a manifest the platform signs. For the project's
 * tenderer or agency and the platform operator; the export itself is audited and is the last
 * event in the archive. From the bid deadline on only: before it the archive would tell who
 * obtained the documents and how many bids there are (E4).
 */
export async function exportProjectArchive(
  ctx: UseCaseContext,
  options: ExportProjectArchiveOptions,
): Promise<ProjectArchive> {
  const project = await readableProject(ctx, options.projectId);
  await assertArchivable(ctx, project);
  const receiptKey = (await options.sealing.keys).receiptSigning;
  const createdAt = await runAudited(ctx, async (_trx, now) => ({
    result: now.toISOString(),
    audit: {
      action: 'project.archive_exported',
      objectType: 'tender_project',
      objectId: project.id,
      state: { projectId: project.id, dealCode: project.dealCode, createdAt: now.toISOString() },
      detail: { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION },
    },
  }));
  const scope: ArchiveScope = {
    db: tradingDb(ctx.db),
    projectId: project.id,
    receiptKey,
    ledgerEvidence: (bidId) => bidLedgerEvidence(ctx.db, options.ledger, bidId),
    now: createdAt,
  };
  const parts: ArchivePart[] = [];
  for (const section of ARCHIVE_SECTIONS) parts.push(await section(scope));

  const zip = zipArchive(entriesOf(scope, parts, options.blobs, createdAt, receiptKey), {
    mtime: new Date(createdAt),
    closing: (written) => closingEntries(written, project, createdAt, receiptKey),
  });
  return { filename: `${project.dealCode}-archive.zip`, createdAt, content: Readable.from(zip) };
}

async function assertArchivable(ctx: UseCaseContext, project: ProjectWithNames): Promise<void> {
  // While paused the deadline is unknown and the E4 seal holds.
  if (project.pausedAt) throw ruleViolation('E4', { kind: 'forbidden' });
  const deadline = await bidDeadlineOf(ctx.db, project.id);
  if (deadline) assertBidsDisclosable(ctx.clock.now(), deadline);
}

async function* entriesOf(
  scope: ArchiveScope,
  parts: readonly ArchivePart[],
  blobs: BlobStore,
  createdAt: string,
  receiptKey: PlatformKey,
): AsyncGenerator<ArchiveEntry> {
  for (const part of parts) {
    for (const record of part.records) {
      yield { path: record.path, content: () => bytesOf(`${JSON.stringify(record.value, null, 2)}\n`) };
    }
    for (const blob of part.blobs ?? []) {
      yield { path: blob.path, content: () => blobs.read(blob.blobHash) };
    }
  }
  const subjects = parts.flatMap((part) => part.subjects);
  yield { path: 'audit/events.jsonl', content: () => auditLines(scope, subjects, createdAt) };
  yield { path: PLATFORM_KEY_PATH, content: () => bytesOf(receiptKey.publicKeyPem) };
}

async function* auditLines(
  scope: ArchiveScope,
  subjects: ArchivePart['subjects'],
  until: string,
): AsyncGenerator<Uint8Array> {
  for await (const event of auditEventsAbout(scope.db, subjects, until)) {
    yield new TextEncoder().encode(`${canonicalJson(event)}\n`);
  }
}

async function closingEntries(
  written: readonly WrittenEntry[],
  project: ProjectWithNames,
  createdAt: string,
  key: PlatformKey,
): Promise<ArchiveEntry[]> {
  const manifest = manifestBytes({
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    projectId: project.id,
    dealCode: project.dealCode,
    createdAt,
    files: written.map(({ path, size, sha256, sm3 }) => ({ path, size, sha256, sm3 })),
  });
  const signature: ManifestSignature = {
    algorithm: 'sm2-sm3',
    keyId: key.keyId,
    value: toBase64(await nodeSuite(PLATFORM_SUITE).sign(key.privateKeyPem, manifest)),
  };
  return [
    { path: MANIFEST_PATH, content: () => bytesOf(manifest) },
    { path: SIGNATURE_PATH, content: () => bytesOf(`${JSON.stringify(signature, null, 2)}\n`) },
  ];
}
