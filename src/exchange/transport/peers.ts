import { canonicalJson } from '../../domain/canonical-json.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Db, Trx } from '../../store/schema.ts';
import type { RegisteredPlatform } from '../check-message.ts';
import type { FieldError } from '../field-errors.ts';
import {
  validatePlatformRegistration,
  verifyRegistrationKeys,
  type PlatformRegistration,
} from '../platform-registration.ts';
import { exchangeDb, type ExchangePeerRow } from './exchange-tables.ts';

export type PeerStatus = RegisteredPlatform['status'];
export const PEER_DECISIONS = { approve: 'approved', reject: 'rejected', suspend: 'suspended' } as const;
export type PeerDecision = keyof typeof PEER_DECISIONS;

/** A registration as the disclosure page and the operator see it. */
export interface PeerView {
  readonly platformCode: string;
  readonly platformName: string;
  readonly kind: string;
  readonly regionCode: string;
  readonly status: PeerStatus;
  readonly submittedAt: string;
  readonly approvedAt: string | null;
  readonly decisionReason: string | null;
  readonly registration: PlatformRegistration;
}

/** Field errors as an EXCHANGE_INVALID error: the message lists the first few, `details` all. */
export function exchangeInvalid(errors: readonly FieldError[]): AppError {
  const first = errors.slice(0, 5);
  return new AppError(
    'EXCHANGE_INVALID',
    {
      count: errors.length,
      fields: first.map((e) => e.message['zh-CN']).join('；'),
      fieldsEn: first.map((e) => e.message['en-US']).join('; '),
    },
    { details: errors.map((e) => ({ path: e.path, code: e.code, params: e.params })) },
  );
}

function viewOf(row: ExchangePeerRow): PeerView {
  return {
    platformCode: row.platformCode,
    platformName: row.platformName,
    kind: row.kind,
    regionCode: row.regionCode,
    status: row.status as PeerStatus,
    submittedAt: row.submittedAt,
    approvedAt: row.status === 'approved' ? row.decidedAt : null,
    decisionReason: row.decisionReason,
    registration: JSON.parse(row.registration) as PlatformRegistration,
  };
}

/**
 * A platform submits (or resubmits) its registration. A new or changed registration waits for the
 * operator's approval; the same registration sent again changes nothing (a platform resubmits at
 * every start).
 */
export async function submitRegistration(
  ctx: UseCaseContext,
  input: unknown,
): Promise<{ platformCode: string; status: PeerStatus; changed: boolean }> {
  const parsed = validatePlatformRegistration(input);
  if (!parsed.ok) throw exchangeInvalid(parsed.errors);
  const registration = parsed.value;
  const keyErrors = await verifyRegistrationKeys(registration);
  if (keyErrors.length) throw exchangeInvalid(keyErrors);
  const { submittedAt: _submittedAt, ...content } = registration;
  const text = canonicalJson(registration);

  const current = await findPeer(ctx.db, registration.platformCode);
  if (current) {
    const { submittedAt: _previous, ...before } = current.registration;
    if (canonicalJson(before) === canonicalJson(content)) {
      return { platformCode: current.platformCode, status: current.status, changed: false };
    }
  }
  return runAudited(ctx, async (trx, now) => {
    const db = exchangeDb(trx);
    const existing = await findPeer(trx, registration.platformCode);
    const row = {
      platformCode: registration.platformCode,
      kind: registration.kind,
      platformName: registration.platformName,
      regionCode: registration.regionCode,
      status: 'pending' as const,
      registration: text,
      submittedAt: now.toISOString(),
      decidedAt: null,
      decidedBy: null,
      decisionReason: null,
    };
    if (existing)
      await db.updateTable('exchangePeer').set(row).where('platformCode', '=', row.platformCode).execute();
    else await db.insertInto('exchangePeer').values(row).execute();
    return {
      result: { platformCode: row.platformCode, status: row.status, changed: true },
      audit: {
        action: 'exchange.platform_registered',
        objectType: 'exchange_peer',
        objectId: row.platformCode,
        state: { ...row, registration },
        detail: { kind: row.kind, resubmitted: Boolean(existing) },
      },
    };
  });
}

/** The hub operator approves, rejects or suspends a registration. */
export async function decideRegistration(
  ctx: UseCaseContext,
  platformCode: string,
  decision: PeerDecision,
  reason: string | null,
): Promise<PeerView> {
  return runAudited(ctx, async (trx, now) => {
    const db = exchangeDb(trx);
    const existing = await db
      .selectFrom('exchangePeer')
      .selectAll()
      .where('platformCode', '=', platformCode)
      .executeTakeFirst();
    if (!existing) throw new AppError('PLATFORM_NOT_FOUND', { platformCode });
    const status = PEER_DECISIONS[decision];
    const set = {
      status,
      decidedAt: now.toISOString(),
      decidedBy: ctx.actor.username,
      decisionReason: reason,
    };
    await db.updateTable('exchangePeer').set(set).where('platformCode', '=', platformCode).execute();
    const view = viewOf({ ...existing, ...set });
    return {
      result: view,
      audit: {
        action: `exchange.platform_${status}` as const,
        objectType: 'exchange_peer',
        objectId: platformCode,
        state: { platformCode, status, reason },
      },
    };
  });
}

export interface PeerListQuery {
  readonly status?: PeerStatus | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export async function listPeers(db: Db, query: PeerListQuery) {
  let q = exchangeDb(db).selectFrom('exchangePeer');
  if (query.status) q = q.where('status', '=', query.status);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('platformCode')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(viewOf), total: Number(count.n), page: query.page, pageSize: query.pageSize };
}

export async function findPeer(db: Db | Trx, platformCode: string): Promise<PeerView | undefined> {
  const row = await exchangeDb(db)
    .selectFrom('exchangePeer')
    .selectAll()
    .where('platformCode', '=', platformCode)
    .executeTakeFirst();
  return row ? viewOf(row) : undefined;
}

/** The registration as `checkMessage` needs it. */
export function registeredPlatformOf(peer: PeerView): RegisteredPlatform {
  return {
    platformCode: peer.platformCode,
    kind: peer.registration.kind,
    status: peer.status,
    keys: peer.registration.publicKeys.map(({ suite, keyId, publicKeyPem }) => ({
      suite,
      keyId,
      publicKeyPem,
    })),
  };
}
