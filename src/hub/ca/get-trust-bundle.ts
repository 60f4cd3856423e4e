import type { Db } from '../../store/schema.ts';
import { activeCas, trustBundleChangedAt } from './ca-repository.ts';
import type { TrustBundle } from './ca-schemas.ts';

/** What a transaction platform adds to its own trust store: every active root and its latest CRL. */
export async function getTrustBundle(db: Db): Promise<TrustBundle> {
  const [cas, updatedAt] = await Promise.all([activeCas(db), trustBundleChangedAt(db)]);
  return {
    anchors: cas.map((record) => record.ca.certificatePem),
    crls: cas.flatMap((record) => (record.crl ? [record.crl.crlPem] : [])),
    updatedAt,
  };
}
