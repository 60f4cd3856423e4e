import type { OpeningKeyView } from '../../domain/schemas/sealing-schemas.ts';
import type { TradingDb, TradingTrx } from '../schema.ts';

/** The tender's opening key as published: public key, threshold and who holds the shares. */
export async function findOpeningKey(
  db: TradingDb | TradingTrx,
  projectId: string,
): Promise<OpeningKeyView | null> {
  const key = await db
    .selectFrom('openingKey')
    .selectAll()
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  if (!key) return null;
  const holders = await db
    .selectFrom('openingKeyShare')
    .select(['holderId', 'holderName', 'holderKeyId', 'x'])
    .where('projectId', '=', projectId)
    .orderBy('x')
    .execute();
  return {
    suite: key.suite as OpeningKeyView['suite'],
    publicKeyPem: key.publicKeyPem,
    keyId: key.keyId,
    threshold: Number(key.threshold),
    holders: holders.map((h) => ({ ...h, x: Number(h.x) })),
    createdAt: key.createdAt,
    reassembledAt: key.reassembledAt,
  };
}
