import { parseCertificatePem } from '../../crypto/x509/parse-certificate.ts';
import { derToPem, pemToDer } from '../../crypto/x509/pem.ts';
import { assertAccess, rolesOnly } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { findCa, saveCrl } from './ca-repository.ts';
import type { RecognisedCaView } from './ca-schemas.ts';
import { caView } from './ca-views.ts';
import { readCaCrl } from './read-ca-crl.ts';

/**
 * Replaces a recognised CA's CRL with a newer one it signed. An older CRL (earlier thisUpdate, or a
 * lower cRLNumber) is refused, so a replayed list can never un-revoke a certificate.
 */
export async function uploadCaCrl(
  ctx: UseCaseContext,
  input: { caId: string; crlPem: string },
): Promise<RecognisedCaView> {
  assertAccess(ctx.actor, rolesOnly('hub_operator'));
  const found = await findCa(ctx.db, input.caId);
  if (!found) throw new AppError('NOT_FOUND');
  const { parsed, crlNumber } = await readCaCrl(
    input.crlPem,
    parseCertificatePem(found.ca.certificatePem),
    ctx.clock.now(),
  );
  return runAudited(ctx, async (trx, now) => {
    // Read again inside the transaction: a concurrent upload or withdrawal may have come first.
    const { ca, crl: current } = (await findCa(trx, input.caId))!;
    if (ca.status !== 'active')
      throw new AppError('INVALID_STATE', { state: ca.status, action: 'upload CRL' });
    const thisUpdate = parsed.thisUpdate.toISOString();
    if (current) {
      const olderNumber =
        crlNumber !== null && current.crlNumber !== null && BigInt(crlNumber) < BigInt(current.crlNumber);
      if (thisUpdate < current.thisUpdate || olderNumber) {
        throw new AppError('CRL_REJECTED', {
          problem: 'older',
          detail: `thisUpdate ${thisUpdate}, cRLNumber ${crlNumber ?? '-'}; current ${current.thisUpdate}, ${current.crlNumber ?? '-'}`,
        });
      }
    }
    await saveCrl(trx, {
      caId: ca.id,
      crlPem: derToPem(pemToDer(input.crlPem, 'X509 CRL'), 'X509 CRL'),
      crlNumber,
      thisUpdate,
      nextUpdate: parsed.nextUpdate?.toISOString() ?? null,
      revokedCount: parsed.revoked.size,
      uploadedBy: ctx.actor.username ?? 'unknown',
      uploadedAt: now.toISOString(),
    });
    const view = caView((await findCa(trx, ca.id))!);
    return {
      result: view,
      audit: {
        action: 'ca.crl_uploaded',
        objectType: 'recognised_ca',
        objectId: ca.id,
        state: view,
        detail: { crlNumber, thisUpdate, revokedCount: parsed.revoked.size },
      },
    };
  });
}
