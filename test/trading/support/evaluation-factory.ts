import { randomBytes, randomUUID } from 'node:crypto';
import { drawCrypto } from '../../../src/crypto/portable/draw-random.ts';
import { canonicalJson } from '../../../src/domain/canonical-json.ts';
import { drawCommitment } from '../../../src/domain/evaluation/expert-draw.ts';
import { tradingDb } from '../../../src/trading/schema.ts';
import type { TestService } from '../../support/services.ts';
import { aPublishedSection, auth, ensureObtained, submitBid, type BidSection } from './bid-factory.ts';

type User = { token: string; organisationId: string; userId: string };

export interface EvaluationFixture {
  readonly section: BidSection;
  readonly tenderer: User;
  readonly bidIds: readonly string[];
  /** The bid its bidder failed to decrypt (E7): never evaluated. */
  readonly failedBidId: string;
  readonly members: readonly (User & { expertId: string })[];
}

let serial = 0;

/**
 * A section ready for evaluation: bids submitted through the bid routes; after the deadline each
 * bid's decryption outcome and bid form recorded as the opening hall records them (decryption is
 * proven by the opening tests), the opening record present; experts with user accounts created
 * and a committee of `size` drawn through the expert routes.
 */
export async function aSectionReadyForEvaluation(
  svc: TestService,
  options: {
    pricesFen: readonly (number | null)[];
    criteria: { name: string; weight: number }[];
    controlPriceFen?: number;
    size?: number;
  },
): Promise<EvaluationFixture> {
  const n = ++serial;
  const tag = randomBytes(3).toString('hex');
  const db = tradingDb(svc.store.db);
  const operator = await svc.userWithRoles(['platform_operator'], `evop${n}${tag}`);
  const section = await aPublishedSection(svc);
  const tenderer = { ...section.tenderer, userId: '' };
  await db
    .updateTable('tenderSection')
    .set({ criteria: canonicalJson(options.criteria), controlPriceFen: options.controlPriceFen ?? null })
    .where('id', '=', section.sectionId)
    .execute();

  const bidIds: string[] = [];
  for (let i = 0; i < options.pricesFen.length; i += 1) {
    const bidder = await svc.userWithRoles(['bidder'], `evb${n}x${i}${tag}`);
    await ensureObtained(svc, bidder.token, section.sectionId);
    const submitted = await submitBid(svc, bidder.token, section.sectionId);
    if (submitted.statusCode !== 201) throw new Error(submitted.body);
    bidIds.push(submitted.json().receipt.bidId as string);
  }

  const size = options.size ?? 5;
  const experts: (User & { expertId: string })[] = [];
  for (let i = 0; i < size; i += 1) {
    const user = await svc.userWithRoles(['expert'], `evx${n}x${i}${tag}`);
    const created = await svc.app.inject({
      method: 'POST',
      url: '/api/experts',
      headers: auth(operator.token),
      payload: {
        name: `评委${n}-${i}`,
        idNumber: `3501021980${String(n).padStart(3, '0')}${String(i).padStart(4, '0')}X`,
        specialties: [`civil${n}`],
        region: '350100',
        category: i === 0 ? 'economic' : 'technical',
      },
    });
    if (created.statusCode !== 200) throw new Error(created.body);
    const expertId = created.json().id as string;
    await svc.app.inject({
      method: 'PUT',
      url: `/api/experts/${expertId}`,
      headers: auth(operator.token),
      payload: { userId: user.userId },
    });
    experts.push({ ...user, expertId });
  }
  const committee = `/api/sections/${section.sectionId}/committee`;
  const call = async (who: { token: string }, url: string, payload?: object) => {
    const response = await svc.app.inject({
      method: 'POST',
      url,
      headers: auth(who.token),
      ...(payload ? { payload } : {}),
    });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.body}`);
    return response;
  };
  await call(tenderer, committee, {
    size,
    requirements: [
      { specialty: `civil${n}`, category: 'technical', count: size - 1 },
      { specialty: `civil${n}`, category: 'economic', count: 1 },
    ],
    evaluationAt: new Date(Date.parse(section.deadline) + 86_400_000).toISOString(),
  });
  const value = randomBytes(32).toString('hex');
  await call(tenderer, `${committee}/commitments`, {
    party: 'tenderer',
    commitment: drawCommitment(drawCrypto('sm3'), 'tenderer', value),
  });

  svc.clock.set(new Date(Date.parse(section.deadline) + 60_000).toISOString());
  await call(operator, `${committee}/freeze`);
  await call(tenderer, `${committee}/reveals`, { party: 'tenderer', value });
  await call(operator, `${committee}/draw`);

  // The opening's outcome: the last bid failed to decrypt through its bidder (E7).
  const now = svc.clock.now().toISOString();
  for (let i = 0; i < bidIds.length; i += 1) {
    const price = options.pricesFen[i];
    if (i === bidIds.length - 1) {
      await db
        .updateTable('bid')
        .set({ decryptionStatus: 'failed_bidder' })
        .where('id', '=', bidIds[i]!)
        .execute();
      continue;
    }
    const form = { version: 1, priceFen: price, items: {} };
    const plain = await svc.deps.blobs.put(Buffer.from(`bid package ${i} ${randomUUID()}`));
    await db
      .updateTable('bid')
      .set({
        decryptionStatus: 'decrypted',
        decryptedBy: 'bidder',
        decryptedSha256: plain.hash,
        decryptedSize: plain.size,
        decryptedAt: now,
        bidFormStatus: 'present',
        bidForm: canonicalJson(form),
        bidPriceFen: price ?? null,
      })
      .where('id', '=', bidIds[i]!)
      .execute();
  }
  await db
    .insertInto('openingRecord')
    .values({ projectId: section.projectId, body: '{}', sha256: '0'.repeat(64), generatedAt: now })
    .execute();
  return { section, tenderer, bidIds, failedBidId: bidIds[bidIds.length - 1]!, members: experts };
}
