import { join } from 'node:path';
import type { Logger } from 'pino';
import { loadOrCreateKeyFile } from '../crypto/node/key-files.ts';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import { bytesToHex } from '../crypto/portable/bytes.ts';
import { toBase64 } from '../crypto/portable/envelope/binary.ts';
import { keyIdOf } from '../crypto/portable/envelope/key-id.ts';
import type { Clock } from '../domain/clock.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { AppError } from '../domain/errors.ts';
import type { Platform } from '../domain/roles.ts';
import type { LeafEvidence } from '../ledger/leaf-evidence.ts';
import { leafHashOf } from '../ledger/leaf-evidence.ts';
import { nodeLedgerHash } from '../ledger/ledger-hash-node.ts';
import type { HashFunction } from '../ledger/merkle-tree-hash.ts';
import {
  type LedgerHashAlgorithm,
  SIGNATURE_FOR_HASH,
  SUITE_FOR_HASH,
  type SignedTreeHead,
  type TreeHead,
  treeHeadSigningBytes,
} from '../ledger/tree-head.ts';
import { auditEventOfRow } from '../store/audit-repository.ts';
import {
  appendLedgerLeaves,
  consistencyPath,
  inclusionPath,
  insertTreeHead,
  latestTreeHeadRow,
  ledgerLeafHash,
  ledgerRoot,
  lockLedger,
  readLedgerState,
  saveLedgerKey,
  treeHeadOf,
  treeHeadRowCovering,
  unsequencedAuditEvents,
} from '../store/ledger-repository.ts';
import type { Db } from '../store/schema.ts';
import type { Config } from './config.ts';

/** Events given leaves per transaction when a ledger catches up on events written before it had a hash. */
const CATCH_UP_BATCH = 1000;

export interface LedgerSigningKey {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly keyId: string;
}

/**
 * A service's ledger (docs/ledger.md): the audit events as an RFC 9162 Merkle tree, appended by
 * `runAudited` in each event's own transaction; here the tree heads are signed (at an interval
 * and on demand) and proofs are answered. One per service process.
 */
export class LedgerService {
  private algorithm: LedgerHashAlgorithm | null = null;
  private signingKey: Promise<LedgerSigningKey> | null = null;
  /** Signing runs one at a time; callers waiting for a head covering their leaf share one. */
  private signing: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: {
      readonly platform: Platform;
      readonly config: Config;
      readonly clock: Clock;
      readonly db: Db;
      readonly logger?: Logger | undefined;
    },
  ) {}

  /**
   * Fixes the hash on a new ledger (configuration `ledger.hash`), refuses a configuration that
   * contradicts a ledger already made, and gives leaves to any events written before (by a command
   * run ahead of the first start).
   */
  async open(): Promise<void> {
    const { db, config } = this.options;
    const wanted = config.ledger.hash;
    const state = await readLedgerState(db);
    if (state.hashAlgorithm && state.hashAlgorithm !== wanted && state.treeSize > 0) {
      throw new AppError('CONFIG_INVALID', {
        problems: `ledger.hash: this ledger was made with ${state.hashAlgorithm}; it cannot become ${wanted}`,
      });
    }
    if (state.hashAlgorithm !== wanted || state.platform !== this.options.platform) {
      await db
        .updateTable('ledgerState')
        .set({ hashAlgorithm: wanted, platform: this.options.platform })
        .where('id', '=', 1)
        .execute();
    }
    this.algorithm = wanted;
    await this.catchUp();
  }

  get hashAlgorithm(): LedgerHashAlgorithm {
    if (!this.algorithm) throw new Error('the ledger is not open');
    return this.algorithm;
  }

  get hash(): HashFunction {
    return nodeLedgerHash(this.hashAlgorithm);
  }

  get platform(): Platform {
    return this.options.platform;
  }

  async treeSize(): Promise<number> {
    return (await readLedgerState(this.options.db)).treeSize;
  }

  /** The service's tree-head key, in the suite of the ledger's hash, made on first use. */
  key(): Promise<LedgerSigningKey> {
    this.signingKey ??= (async () => {
      const suite = nodeSuite(SUITE_FOR_HASH[this.hashAlgorithm]);
      const dir = join(this.options.config.dataDir, `${this.options.platform}-keys`);
      const pair = await loadOrCreateKeyFile(dir, `ledger-signing-${suite.id}`, () =>
        suite.generateSigningKeyPair(suite.id === 'gm' ? 'sm2-sm3' : 'ecdsa-p256-sha256'),
      );
      return { ...pair, keyId: await keyIdOf(suite, pair.publicKeyPem) };
    })();
    return this.signingKey;
  }

  async latestTreeHead(): Promise<SignedTreeHead | null> {
    const row = await latestTreeHeadRow(this.options.db);
    return row ? treeHeadOf(this.platform, row) : null;
  }

  /** Signs a head for the tree as it is now, unless the latest head already has this size. */
  signTreeHead(): Promise<SignedTreeHead | null> {
    return this.inTurn(() => this.signIfGrown());
  }

  /**
   * A signed head whose tree holds leaf `leafIndex`: the earliest such one, or a new one. Callers
   * waiting their turn look again first, so a burst of receipts shares the head the first one signed.
   */
  async treeHeadCovering(leafIndex: number): Promise<SignedTreeHead> {
    const covering = async () => {
      const row = await treeHeadRowCovering(this.options.db, leafIndex + 1);
      return row ? treeHeadOf(this.platform, row) : null;
    };
    const head =
      (await covering()) ?? (await this.inTurn(async () => (await covering()) ?? this.signIfGrown()));
    if (head && head.treeSize > leafIndex) return head;
    throw new Error(`no tree head covers leaf ${leafIndex}`);
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.signing.then(work);
    this.signing = run.catch(() => undefined);
    return run;
  }

  /** Evidence for one leaf: its entry, a signed head that holds it and the path to that head's root. */
  async evidenceFor(leafIndex: number, head?: SignedTreeHead): Promise<LeafEvidence> {
    const { db } = this.options;
    const treeHead = head ?? (await this.treeHeadCovering(leafIndex));
    const row = await db
      .selectFrom('auditEvent')
      .selectAll()
      .where('leafIndex', '=', leafIndex)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const path = await inclusionPath(db, this.hash, leafIndex, treeHead.treeSize);
    return {
      leafIndex,
      entry: canonicalJson(auditEventOfRow(row)),
      treeHead,
      path: path.map(bytesToHex),
    };
  }

  async inclusion(leafIndex: number, treeSize: number): Promise<{ leafHash: string; path: string[] }> {
    const { db } = this.options;
    const leafHash = await ledgerLeafHash(db, leafIndex);
    if (!leafHash) throw new AppError('NOT_FOUND');
    const path = await inclusionPath(db, this.hash, leafIndex, treeSize);
    return { leafHash: bytesToHex(leafHash), path: path.map(bytesToHex) };
  }

  async consistency(first: number, second: number): Promise<string[]> {
    return (await consistencyPath(this.options.db, this.hash, first, second)).map(bytesToHex);
  }

  /** Signs a new head every `treeHeadIntervalMs` real milliseconds while the tree grows. */
  start(): void {
    const interval = this.options.config.ledger.treeHeadIntervalMs;
    if (interval <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.signTreeHead().catch((error: unknown) =>
        this.options.logger?.error({ err: error }, 'ledger: signing a tree head failed'),
      );
    }, interval);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.signing;
  }

  private async signIfGrown(): Promise<SignedTreeHead | null> {
    const { db, clock } = this.options;
    const key = await this.key();
    const suite = nodeSuite(SUITE_FOR_HASH[this.hashAlgorithm]);
    return db.transaction().execute(async (trx) => {
      const { treeSize } = await readLedgerState(trx);
      const latest = await latestTreeHeadRow(trx);
      if (latest && Number(latest.treeSize) === treeSize) return treeHeadOf(this.platform, latest);
      const timestamp = clock.now().toISOString();
      const head: TreeHead = {
        platform: this.platform,
        seq: (latest?.seq ?? 0) + 1,
        treeSize,
        rootHash: bytesToHex(await ledgerRoot(trx, this.hash, treeSize)),
        timestamp,
        hashAlgorithm: this.hashAlgorithm,
        keyId: key.keyId,
      };
      const signature = await suite.sign(key.privateKeyPem, treeHeadSigningBytes(head));
      const signed: SignedTreeHead = {
        ...head,
        signatureAlgorithm: SIGNATURE_FOR_HASH[this.hashAlgorithm],
        signature: toBase64(signature),
      };
      await saveLedgerKey(
        trx,
        { keyId: key.keyId, signatureAlgorithm: signed.signatureAlgorithm, publicKeyPem: key.publicKeyPem },
        timestamp,
      );
      await insertTreeHead(trx, signed);
      return signed;
    });
  }

  private async catchUp(): Promise<void> {
    const { db } = this.options;
    for (;;) {
      const caughtUp = await db.transaction().execute(async (trx) => {
        const ledger = await lockLedger(trx);
        if (!ledger) throw new Error('the ledger has no hash');
        const rows = await unsequencedAuditEvents(trx, CATCH_UP_BATCH);
        const leafHashes: Uint8Array[] = [];
        for (const [i, row] of rows.entries()) {
          await trx
            .updateTable('auditEvent')
            .set({ leafIndex: ledger.treeSize + i })
            .where('seq', '=', row.seq)
            .execute();
          leafHashes.push(leafHashOf(this.hash, canonicalJson(auditEventOfRow(row))));
        }
        await appendLedgerLeaves(trx, this.hash, ledger, leafHashes, this.options.clock.now().toISOString());
        return rows.length < CATCH_UP_BATCH;
      });
      if (caughtUp) return;
    }
  }
}
