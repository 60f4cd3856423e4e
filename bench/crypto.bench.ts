import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openEnvelopeFile } from '../src/crypto/node/envelope-files.ts';
import { nodeSuite } from '../src/crypto/node/node-suites.ts';
import { openEnvelope } from '../src/crypto/portable/envelope/open-envelope.ts';
import { type SealEnvelopeOptions, sealEnvelope } from '../src/crypto/portable/envelope/seal-envelope.ts';
import type { SuiteId } from '../src/crypto/portable/suite.ts';
import { createRootCertificate, issueCertificate } from '../src/crypto/x509/issue-certificate.ts';
import type { Benchmark, Measurement } from './harness.ts';

const MIB = 1024 * 1024;
const SEGMENT = MIB;
const SIZES_MIB = (process.env.ZHAOCAI_BENCH_CRYPTO_MIB ?? '1,20,200').split(',').map(Number);
const SUITES = (process.env.ZHAOCAI_BENCH_CRYPTO_SUITES ?? 'gm,intl').split(',') as SuiteId[];
const BIDS = Number(process.env.ZHAOCAI_BENCH_CRYPTO_BIDS ?? 1000);
const BID_MIB = Number(process.env.ZHAOCAI_BENCH_CRYPTO_BID_MB ?? 5);
/**
 * Small sizes are repeated up to this many MiB per measurement (intl runs ten times faster), so that
 * each takes about a second and timer noise, JIT and collector pauses average out.
 */
const REPEAT_MIB: Record<SuiteId, number> = { gm: 96, intl: 768 };
/** Raw, seal and open take turns this many times, so that drift in the machine's speed hits all three. */
const ROUNDS = 3;

/**
 * Sealing and opening bid envelopes (docs/formats/bid-envelope.md) against the raw OpenSSL cipher and
 * hash over the same bytes in the same 1 MiB segments, measured in this run: SM4-CTR + SM3 (gm),
 * AES-256-GCM + SHA-256 (intl). Target: ≥ 0.7 of raw throughput. Then the opening of many 5 MB bids
 * from files end to end (unwrap with the opening key, check, decrypt, write), with peak memory.
 *
 * Environment: ZHAOCAI_BENCH_CRYPTO_MIB (sizes, default 1,20,200), ZHAOCAI_BENCH_CRYPTO_SUITES (gm,intl),
 * ZHAOCAI_BENCH_CRYPTO_BIDS (1000) and ZHAOCAI_BENCH_CRYPTO_BID_MB (5). The bids need BIDS × BID_MB of
 * free space in the temporary directory.
 */
export const cryptoBenchmark: Benchmark = {
  name: 'crypto',
  description: `bid envelopes, ${SUITES.join('/')}: seal and open ${SIZES_MIB.join(', ')} MiB vs raw cipher + hash; open ${BIDS} bids of ${BID_MIB} MiB`,
  async run(report) {
    const dir = mkdtempSync(join(tmpdir(), 'zhaocai-bench-crypto-'));
    const measurements: Measurement[] = [];
    const summary: string[] = [];
    try {
      // The bids first: peak RSS is a high-water mark, and the in-memory runs below hold 200 MiB.
      for (const suiteId of SUITES) {
        const keys = await tenderKeys(suiteId);
        const rssBefore = process.resourceUsage().maxRSS / 1024;
        const [raw, opened] = await openManyBids(suiteId, keys, dir, report);
        measurements.push(raw, opened);
        summary.push(
          `${opened.name}: ${opened.seconds.toFixed(1)} s wall, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (${rssBefore.toFixed(0)} MiB before)`,
        );
      }
      for (const suiteId of SUITES) {
        const keys = await tenderKeys(suiteId);
        for (const sizeMib of SIZES_MIB) {
          const repeats = Math.max(1, Math.ceil(REPEAT_MIB[suiteId] / sizeMib / ROUNDS));
          const label = `${suiteId} ${sizeMib} MiB${repeats > 1 ? ` ×${repeats * ROUNDS}` : ''}`;
          report(`${label}: raw, seal, open`);
          // One contiguous buffer, as an envelope read into memory is: the reader hands out views of it.
          const envelope = [
            Buffer.concat(await drain(sealEnvelope(nodeSuite(suiteId), keys.seal(sizeMib * MIB)))),
          ];
          const work = {
            raw: async () => rawCipherAndHash(suiteId, blockSegments(sizeMib * MIB)),
            // Sealed output is dropped as it comes, as a file write would: holding it would time page faults.
            seal: async () => {
              await drain(sealEnvelope(nodeSuite(suiteId), keys.seal(sizeMib * MIB)), false);
            },
            open: async () => {
              await drain(
                openEnvelope(nodeSuite(suiteId), fromParts(envelope), {
                  recipientPrivateKeyPem: keys.openingKeyPem,
                  role: 'opening',
                }),
                false,
              );
            },
          };
          const [raw, sealed, opened] = await interleaved(
            [`raw ${label}`, `seal ${label}`, `open ${label}`],
            [work.raw, work.seal, work.open],
            repeats,
            sizeMib * MIB,
          );
          measurements.push(
            { ...raw, comparedTo: raw.name },
            { ...sealed, comparedTo: raw.name },
            { ...opened, comparedTo: raw.name },
          );
          for (const m of [sealed, opened]) {
            const ratio = raw.seconds / m.seconds;
            summary.push(
              `${m.name}: ${ratio.toFixed(2)} of raw throughput ${ratio >= 0.7 ? '(meets ≥ 0.7)' : '(below the 0.7 target)'}`,
            );
          }
        }
      }
      for (const line of summary) report(line);
      return measurements;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

interface TenderKeys {
  readonly openingKeyPem: string;
  seal(plaintextLength: number): SealEnvelopeOptions;
}

async function tenderKeys(suiteId: SuiteId): Promise<TenderKeys> {
  const suite = nodeSuite(suiteId);
  const notBefore = new Date();
  const notAfter = new Date(Date.now() + 24 * 3600 * 1000);
  const ca = await suite.generateSigningKeyPair();
  const caCertificate = await createRootCertificate({
    suites: nodeSuite,
    keyPair: ca,
    subject: { commonName: 'Bench CA' },
    notBefore,
    notAfter,
  });
  const issuer = { certificatePem: caCertificate, privateKeyPem: ca.privateKeyPem };
  const subject = { commonName: 'Bench bidder', creditCode: '91350100M000100Y43' };
  const signing = await suite.generateSigningKeyPair();
  const encryption = await suite.generateEncryptionKeyPair();
  const opening = await suite.generateEncryptionKeyPair();
  const issue = (subjectPublicKeyPem: string, profile: 'signing' | 'encryption') =>
    issueCertificate({
      suites: nodeSuite,
      issuer,
      subject,
      subjectPublicKeyPem,
      profile,
      notBefore,
      notAfter,
    });
  const signingCertificatePem = await issue(signing.publicKeyPem, 'signing');
  const encryptionCertificatePem = await issue(encryption.publicKeyPem, 'encryption');
  return {
    openingKeyPem: opening.privateKeyPem,
    seal: (plaintextLength) => ({
      tender: { projectId: 'bench', dealCode: '' },
      section: { id: 'bench', code: '' },
      bidder: { organisationId: '', creditCode: subject.creditCode, name: subject.commonName },
      createdAt: new Date().toISOString(),
      tool: { name: 'zhaocai-bench', version: '1' },
      machine: { cpu: '', macs: [], diskSerial: '', tenderFileId: '' },
      segmentSize: SEGMENT,
      plaintextLength,
      plaintext: plaintextOf(plaintextLength),
      signingKeyPem: signing.privateKeyPem,
      signingCertificatePem,
      encryptionCertificatePem,
      openingPublicKeyPem: opening.publicKeyPem,
    }),
  };
}

/** Opens `BIDS` envelope files of `BID_MIB` each with the opening key, plaintext written to disk. */
async function openManyBids(
  suiteId: SuiteId,
  keys: TenderKeys,
  dir: string,
  report: (line: string) => void,
): Promise<[Measurement, Measurement]> {
  const needed = BIDS * BID_MIB * MIB * 1.1;
  const fs = statfsSync(dir);
  if (fs.bavail * fs.bsize < needed) {
    throw new Error(
      `crypto needs ${(needed / 2 ** 30).toFixed(1)} GiB free in ${dir}; lower ZHAOCAI_BENCH_CRYPTO_BIDS`,
    );
  }
  report(`${suiteId}: preparing ${BIDS} envelopes of ${BID_MIB} MiB`);
  const first = join(dir, `${suiteId}-0.zcbe`);
  writeFileSync(
    first,
    Buffer.concat(await drain(sealEnvelope(nodeSuite(suiteId), keys.seal(BID_MIB * MIB)))),
  );
  const paths = Array.from({ length: BIDS }, (_, i) => join(dir, `${suiteId}-${i}.zcbe`));
  for (const path of paths.slice(1)) copyFileSync(first, path);
  const bytes = BIDS * BID_MIB * MIB;

  report(`${suiteId}: raw cipher + hash over each envelope file`);
  const raw = timed(`raw read + cipher + hash ${BIDS} × ${BID_MIB} MiB ${suiteId}`, bytes, () => {
    for (const path of paths) rawCipherAndHash(suiteId, segmentsOf(readFileSync(path)));
  });
  report(`${suiteId}: opening ${BIDS} bids`);
  const opened = await timedAsync(
    `open ${BIDS} bids × ${BID_MIB} MiB ${suiteId} (files)`,
    bytes,
    async () => {
      for (const [i, path] of paths.entries()) {
        const out = join(dir, `${suiteId}-${i}.plain`);
        await openEnvelopeFile(nodeSuite, path, out, {
          recipientPrivateKeyPem: keys.openingKeyPem,
          role: 'opening',
        });
        await rm(out);
        if (i % 100 === 99) report(`  ${i + 1}/${BIDS}`);
      }
    },
  );
  for (const path of paths) rmSync(path);
  return [
    { ...raw, comparedTo: raw.name },
    { ...opened, comparedTo: raw.name },
  ];
}

/** What the envelope's segment construction costs at its core, straight from OpenSSL. */
function rawCipherAndHash(suiteId: SuiteId, segments: Iterable<Uint8Array>): void {
  const key = randomBytes(32);
  let index = 0;
  for (const segment of segments) {
    const iv = Buffer.alloc(suiteId === 'gm' ? 16 : 12);
    iv.writeUInt32BE(index++, suiteId === 'gm' ? 8 : 7);
    const cipher =
      suiteId === 'gm'
        ? createCipheriv('sm4-ctr', key.subarray(0, 16), iv)
        : createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = cipher.update(segment);
    cipher.final();
    createHash(suiteId === 'gm' ? 'sm3' : 'sha256')
      .update(ciphertext)
      .digest();
  }
}

function* segmentsOf(data: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < data.length; offset += SEGMENT) yield data.subarray(offset, offset + SEGMENT);
}

const BLOCK = randomBytes(SEGMENT);

function* blockSegments(length: number): Generator<Uint8Array> {
  for (let offset = 0; offset < length; offset += SEGMENT)
    yield BLOCK.subarray(0, Math.min(SEGMENT, length - offset));
}

async function* plaintextOf(length: number): AsyncGenerator<Uint8Array> {
  yield* blockSegments(length);
}

async function* fromParts(parts: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

async function drain(stream: AsyncIterable<Uint8Array>, keep = true): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) if (keep) parts.push(part);
  return parts;
}

/** Runs each piece of work once to warm up, then `ROUNDS` rounds of `repeats` each, in turn. */
async function interleaved(
  names: readonly [string, string, string],
  works: readonly [() => Promise<void>, () => Promise<void>, () => Promise<void>],
  repeats: number,
  bytesEach: number,
): Promise<[Measurement, Measurement, Measurement]> {
  for (const work of works) await work();
  const seconds = works.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, work] of works.entries()) {
      const started = performance.now();
      for (let r = 0; r < repeats; r++) await work();
      seconds[i]! += (performance.now() - started) / 1000;
    }
  }
  const measurement = (i: 0 | 1 | 2): Measurement => ({
    name: names[i],
    operations: repeats * ROUNDS,
    seconds: seconds[i]!,
    bytes: bytesEach * repeats * ROUNDS,
  });
  return [measurement(0), measurement(1), measurement(2)];
}

function timed(name: string, bytes: number, work: () => void): Measurement {
  const started = performance.now();
  work();
  return { name, operations: 1, seconds: (performance.now() - started) / 1000, bytes };
}

async function timedAsync(name: string, bytes: number, work: () => Promise<void>): Promise<Measurement> {
  const started = performance.now();
  await work();
  return { name, operations: 1, seconds: (performance.now() - started) / 1000, bytes };
}
