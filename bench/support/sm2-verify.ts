import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { sm2VerifyDigest } from '../../src/crypto/portable/sm2.ts';
import { readPublicKeyPem } from '../../src/crypto/portable/asymmetric-keys.ts';
import { sm2Z } from '../../src/crypto/portable/sm2.ts';
import type { Measurement } from '../harness.ts';

/** Verifications with the platform's key before timing: it has its table by then. */
const WARMUP = 10;
/** The three take turns this many times, so that drift in the machine's speed hits all alike. */
const ROUNDS = 5;

/**
 * SM2 verification of exchange-sized messages (2 KiB) as the hub does it for every message received:
 * sm-crypto-v2 alone (the baseline, Z and digest included), the gm suite with a key it has never
 * seen (what every verification cost before keys were cached: PEM, Z, OpenSSL's multiplication),
 * and the gm suite with a platform's key that keeps sending (Z and a table of the key's multiples
 * cached, src/crypto/node/sm2-key-cache.ts).
 */
export async function benchSm2Verify(
  count: number,
  report: (line: string) => void,
): Promise<{ measurements: Measurement[]; summary: string[] }> {
  const suite = nodeSuite('gm');
  const signed = async () => {
    const keys = await suite.generateSigningKeyPair();
    const message = randomBytes(2048);
    return { keys, message, signature: await suite.sign(keys.privateKeyPem, message) };
  };
  const platform = await signed();
  const fresh = await Promise.all(Array.from({ length: count }, signed));
  const point = (readPublicKeyPem(platform.keys.publicKeyPem) as { point: Uint8Array }).point;

  const runs = {
    raw: { name: 'sm2 verify: sm-crypto-v2, Z and digest each time', ms: [] as number[] },
    cold: { name: 'sm2 verify: gm suite, a key never seen before', ms: [] as number[] },
    warm: { name: "sm2 verify: gm suite, the same platform's key", ms: [] as number[] },
  };
  // The platform key's first verifications build its table: timed apart, as a one-off.
  const warmupStarted = performance.now();
  for (let i = 0; i < WARMUP; i++)
    await suite.verify(platform.keys.publicKeyPem, platform.message, platform.signature);
  const warmupMs = performance.now() - warmupStarted;
  const perRound = Math.ceil(count / ROUNDS);
  report(`sm2: ${count} verifications each way, in ${ROUNDS} rounds`);
  for (let round = 0; round < ROUNDS; round++) {
    const slice = Array.from({ length: perRound }, (_, i) => round * perRound + i).filter((i) => i < count);
    for (let k = 0; k < slice.length; k++) {
      const t0 = performance.now();
      const digest = createHash('sm3').update(sm2Z(point)).update(platform.message).digest();
      if (!sm2VerifyDigest(point, digest, platform.signature)) throw new Error('sm-crypto-v2 refused');
      runs.raw.ms.push(performance.now() - t0);
    }
    for (const i of slice) {
      const { keys, message, signature } = fresh[i]!;
      const t0 = performance.now();
      if (!(await suite.verify(keys.publicKeyPem, message, signature))) throw new Error('refused');
      runs.cold.ms.push(performance.now() - t0);
    }
    for (let k = 0; k < slice.length; k++) {
      const t0 = performance.now();
      if (!(await suite.verify(platform.keys.publicKeyPem, platform.message, platform.signature)))
        throw new Error('refused');
      runs.warm.ms.push(performance.now() - t0);
    }
  }
  const measurements = Object.values(runs).map(({ name, ms }): Measurement => ({
    name,
    operations: ms.length,
    seconds: ms.reduce((sum, value) => sum + value, 0) / 1000,
    latenciesMs: ms,
    comparedTo: runs.raw.name,
  }));
  const mean = (ms: number[]) => (ms.reduce((sum, value) => sum + value, 0) / ms.length).toFixed(2);
  return {
    measurements,
    summary: [
      `sm2 verify, mean per 2 KiB message: sm-crypto-v2 ${mean(runs.raw.ms)} ms, gm suite with a new key ${mean(runs.cold.ms)} ms, with a platform's cached key ${mean(runs.warm.ms)} ms (its first ${WARMUP}, building the table, ${warmupMs.toFixed(0)} ms in all)`,
    ],
  };
}
