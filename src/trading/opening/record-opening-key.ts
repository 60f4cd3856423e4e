import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { keyIdOf } from '../../crypto/portable/envelope/key-id.ts';
import { AppError } from '../../domain/errors.ts';
import type { OpeningKeyInput, OpeningKeyView } from '../../domain/schemas/sealing-schemas.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { assertDraft, manageableProject } from '../projects/project-access.ts';
import { tradingTrx } from '../schema.ts';
import type { PlatformKeys } from '../sealing/platform-keys.ts';
import { findOpeningKey } from './opening-key-repository.ts';

export interface RecordOpeningKeyOptions {
  readonly projectId: string;
  readonly openingKey: OpeningKeyInput;
  readonly platformKeys: PlatformKeys;
}

function invalid(detail: string): AppError {
  return new AppError('OPENING_KEY_INVALID', { detail });
}

/**
 * Records the opening key the tenderer's side generated and split (issue 4 item 3): the public key
 * bids are sealed to, the threshold, and each holder's encrypted share with its commitment. The
 * private key was discarded there; nothing here can open a bid. Only while the project is a draft:
 * publication fixes it. The transaction platform must be one of the holders, with its own key, so
 * that it can take part in the reassembly.
 */
export async function recordOpeningKey(
  ctx: UseCaseContext,
  options: RecordOpeningKeyOptions,
): Promise<OpeningKeyView> {
  const key = options.openingKey;
  const suite = nodeSuite(key.suite);
  if ((await keyIdOf(suite, key.publicKeyPem).catch(() => null)) !== key.keyId) {
    throw invalid('keyId is not the hash of the public key');
  }
  if (key.threshold > key.shares.length) {
    throw invalid(`threshold ${key.threshold} exceeds the ${key.shares.length} shares`);
  }
  for (const field of ['holderId', 'x'] as const) {
    if (new Set(key.shares.map((s) => s[field])).size !== key.shares.length) {
      throw invalid(`each share needs its own ${field}`);
    }
  }
  const platformKey = options.platformKeys.keyholderEncryption[key.suite];
  if (!key.shares.some((s) => s.holderKeyId === platformKey.keyId)) {
    throw invalid("the transaction platform's keyholder key (GET /api/platform/keys) holds no share");
  }

  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const project = await manageableProject(ctx, trx, options.projectId, now);
    assertDraft(project, 'set opening key');
    if (project.cipherSuite !== key.suite) {
      throw invalid(`the project seals with ${project.cipherSuite}, the key is ${key.suite}`);
    }
    await trx.deleteFrom('openingKeyShare').where('projectId', '=', project.id).execute();
    await trx.deleteFrom('openingKey').where('projectId', '=', project.id).execute();
    await trx
      .insertInto('openingKey')
      .values({
        projectId: project.id,
        suite: key.suite,
        publicKeyPem: key.publicKeyPem,
        keyId: key.keyId,
        threshold: key.threshold,
        createdAt: now.toISOString(),
        createdByUserId: ctx.actor.userId,
        reassembledAt: null,
      })
      .execute();
    await trx
      .insertInto('openingKeyShare')
      .values(
        key.shares.map((share) => ({
          projectId: project.id,
          ...share,
          submittedShare: null,
          submittedAt: null,
          submittedByUserId: null,
        })),
      )
      .execute();
    const view = (await findOpeningKey(trx, project.id))!;
    return {
      result: view,
      audit: {
        action: 'opening_key.recorded',
        objectType: 'project',
        objectId: project.id,
        state: view,
        detail: { keyId: key.keyId, threshold: key.threshold, holders: key.shares.length },
      },
    };
  });
}
