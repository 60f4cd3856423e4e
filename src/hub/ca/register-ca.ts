import { randomUUID } from 'node:crypto';
import { assertAccess, rolesOnly } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { findCa, findCaByFingerprint, insertCa } from './ca-repository.ts';
import type { RecognisedCaView } from './ca-schemas.ts';
import { caView } from './ca-views.ts';
import { readRootCertificate } from './read-root-certificate.ts';

/** Recognises a CA by its self-signed root: certificates it issues verify here from now on, once it has a CRL. */
export async function registerCa(
  ctx: UseCaseContext,
  input: { name: string; certificatePem: string },
): Promise<RecognisedCaView> {
  assertAccess(ctx.actor, rolesOnly('hub_operator'));
  const root = await readRootCertificate(input.certificatePem, ctx.clock.now());
  return runAudited(ctx, async (trx, now) => {
    const existing = await findCaByFingerprint(trx, root.fingerprint);
    if (existing) {
      throw new AppError('CA_ALREADY_REGISTERED', {
        name: existing.name,
        fingerprint: root.fingerprint,
        id: existing.id,
      });
    }
    const id = randomUUID();
    await insertCa(trx, {
      id,
      name: input.name,
      algorithm: root.algorithm,
      // Stored as parsed, so the bundle carries one canonical PEM per CA whatever the upload's layout.
      certificatePem: root.pem,
      fingerprint: root.fingerprint,
      subject: JSON.stringify(root.subject),
      subjectKey: root.parsed.subjectKey,
      notBefore: root.parsed.notBefore.toISOString(),
      notAfter: root.parsed.notAfter.toISOString(),
      status: 'active',
      registeredBy: ctx.actor.username ?? 'unknown',
      registeredAt: now.toISOString(),
      withdrawnBy: null,
      withdrawnAt: null,
      withdrawalReason: null,
    });
    const view = caView((await findCa(trx, id))!);
    return {
      result: view,
      audit: { action: 'ca.registered', objectType: 'recognised_ca', objectId: id, state: view },
    };
  });
}
