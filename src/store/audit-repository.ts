import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { hashHex, hashState } from '../crypto/hash.ts';
import type { Actor } from '../domain/actor.ts';
import { type AuditChange, type AuditEvent, auditEventFields } from '../domain/audit.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { leafHashOf } from '../ledger/leaf-evidence.ts';
import { nodeLedgerHash } from '../ledger/ledger-hash-node.ts';
import { appendLedgerLeaves, lockLedger } from './ledger-repository.ts';
import type { AuditEventRow, Db, Trx } from './schema.ts';

/**
 * Appends audit events inside the caller's transaction, each as the next leaf of the ledger
 * (docs/ledger.md): the leaf's data is the event's canonical JSON, and the leaf index, the leaf
 * and the subtrees it completes are written in this same transaction.
 */
export async function insertAuditEvents(
  trx: Trx,
  actor: Actor,
  at: Date,
  changes: readonly AuditChange[],
): Promise<void> {
  const ledger = await lockLedger(trx);
  const hash = ledger ? nodeLedgerHash(ledger.hashAlgorithm) : null;
  const leafHashes: Uint8Array[] = [];
  for (const [i, change] of changes.entries()) {
    const event = auditEventFields(randomUUID(), at, actor, change, hashState(change.state), canonicalJson);
    const entry = canonicalJson(event);
    await trx
      .insertInto('auditEvent')
      .values({ ...event, eventHash: hashHex(entry), leafIndex: ledger ? ledger.treeSize + i : null })
      .execute();
    if (hash) leafHashes.push(leafHashOf(hash, entry));
    if (change.seal) {
      await trx
        .insertInto('auditSeal')
        .values({ sealKey: change.seal.key, sealedUntil: change.seal.until, updatedAt: event.occurredAt })
        .onConflict((oc) => oc.column('sealKey').doNothing())
        .execute();
    }
  }
  if (ledger && hash) await appendLedgerLeaves(trx, hash, ledger, leafHashes, at.toISOString());
}

/** The event fields of a stored row: what its event hash and its ledger leaf are computed over. */
export function auditEventOfRow(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    actorUserId: row.actorUserId,
    actorUsername: row.actorUsername,
    actorOrganisationId: row.actorOrganisationId,
    actorRoles: row.actorRoles,
    ip: row.ip,
    userAgent: row.userAgent,
    action: row.action as AuditEvent['action'],
    objectType: row.objectType,
    objectId: row.objectId,
    stateHash: row.stateHash,
    detail: row.detail,
    sealKey: row.sealKey,
  };
}

/** SHA-256 over the canonical JSON of the event, kept beside it (the ledger leaf is over the same JSON). */
export function auditEventHash(event: AuditEvent): string {
  return hashHex(canonicalJson(event));
}

export interface AuditQuery {
  readonly objectType?: string | undefined;
  readonly objectId?: string | undefined;
  readonly action?: string | undefined;
  readonly actorUserId?: string | undefined;
  readonly actorOrganisationId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/** Lists audit events as of `now`: events under a seal that still holds (E4) are left out. */
export async function listAuditEvents(
  db: Db,
  query: AuditQuery,
  now: Date,
): Promise<{ items: AuditEventRow[]; total: number }> {
  const at = now.toISOString();
  let base = db
    .selectFrom('auditEvent')
    .where((eb) =>
      eb.or([
        eb('sealKey', 'is', null),
        eb.exists(
          eb
            .selectFrom('auditSeal')
            .select('auditSeal.sealKey')
            .whereRef('auditSeal.sealKey', '=', 'auditEvent.sealKey')
            .where('auditSeal.sealedUntil', '<=', at),
        ),
      ]),
    );
  if (query.objectType) base = base.where('objectType', '=', query.objectType);
  if (query.objectId) base = base.where('objectId', '=', query.objectId);
  if (query.action) base = base.where('action', '=', query.action);
  if (query.actorUserId) base = base.where('actorUserId', '=', query.actorUserId);
  if (query.actorOrganisationId) base = base.where('actorOrganisationId', '=', query.actorOrganisationId);
  if (query.from) base = base.where('occurredAt', '>=', query.from);
  if (query.to) base = base.where('occurredAt', '<', query.to);
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const items = await base
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: items.map(numericAuditRow), total: Number(total) };
}

export async function auditEventsForObject(
  db: Db,
  objectType: string,
  objectId: string,
): Promise<AuditEventRow[]> {
  const rows = await db
    .selectFrom('auditEvent')
    .selectAll()
    .where('objectType', '=', objectType)
    .where('objectId', '=', objectId)
    .orderBy('seq')
    .execute();
  return rows.map(numericAuditRow);
}

/** Moves a seal (the bid deadline moved, or a pause holds it): its events stay hidden until then. */
export async function setAuditSeal(trx: Trx, key: string, until: string, at: Date): Promise<void> {
  await trx
    .insertInto('auditSeal')
    .values({ sealKey: key, sealedUntil: until, updatedAt: at.toISOString() })
    .onConflict((oc) => oc.column('sealKey').doUpdateSet({ sealedUntil: until, updatedAt: at.toISOString() }))
    .execute();
}

/** PostgreSQL returns bigint columns as text. */
export function numericAuditRow(row: AuditEventRow): AuditEventRow {
  return { ...row, seq: Number(row.seq), leafIndex: row.leafIndex === null ? null : Number(row.leafIndex) };
}
