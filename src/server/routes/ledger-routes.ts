import { z } from 'zod';
import { bytesToHex } from '../../crypto/portable/bytes.ts';
import { PUBLIC, rolesOnly } from '../../domain/access.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { AppError } from '../../domain/errors.ts';
import { OPERATOR_ROLE } from '../../domain/roles.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import {
  consistencyProofQuery,
  consistencyProofResponse,
  inclusionProofQuery,
  inclusionProofResponse,
  ledgerInfo,
  ledgerLeaf,
  signedTreeHead,
  treeHeadListQuery,
  treeHeadPage,
} from '../../domain/schemas/ledger-schemas.ts';
import { auditEventOfRow, numericAuditRow } from '../../store/audit-repository.ts';
import {
  latestTreeHeadRow,
  ledgerLeafHash,
  listLedgerKeys,
  listTreeHeadRows,
  treeHeadOf,
  treeHeadRowOfSize,
} from '../../store/ledger-repository.ts';
import type { ServiceDeps, ZodApp } from '../service-spec.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };

/**
 * The tamper-evident ledger, the same on every platform (docs/ledger.md): signed tree heads,
 * inclusion and consistency proofs, for anyone, so bidders, supervisors, hubs and third parties
 * can check a record and that history was only ever appended to.
 */
export function registerLedgerRoutes(app: ZodApp, deps: ServiceDeps): void {
  const { ledger } = deps;
  const db = deps.store.db;

  /** The size proofs are given at: the one asked for, or the latest signed head's. */
  const proofSize = async (asked: number | undefined): Promise<number> => {
    const current = await ledger.treeSize();
    const size = asked ?? Number((await latestTreeHeadRow(db))?.treeSize ?? current);
    if (size > current) {
      throw new AppError('LEDGER_RANGE', {
        treeSize: current,
        problem: `没有大小为 ${size} 的树`,
        problemEn: `there is no tree of size ${size}`,
      });
    }
    return size;
  };

  app.get('/api/ledger', {
    config: { access: PUBLIC },
    schema: {
      tags: ['ledger'],
      summary: "This platform's ledger: its hash, size, latest signed tree head and signing keys",
      response: { 200: ledgerInfo },
    },
    handler: async () => {
      const keys = await listLedgerKeys(db);
      return {
        platform: deps.platform,
        hashAlgorithm: ledger.hashAlgorithm,
        treeSize: await ledger.treeSize(),
        latestTreeHead: await ledger.latestTreeHead(),
        keys: keys.map((k) => ({ ...k, signatureAlgorithm: k.signatureAlgorithm as 'sm2-sm3' })),
      };
    },
  });

  app.get('/api/ledger/tree-heads', {
    config: { access: PUBLIC },
    schema: {
      tags: ['ledger'],
      summary: 'Signed tree heads, newest first',
      querystring: treeHeadListQuery,
      response: { 200: treeHeadPage, 400: errorBody },
    },
    handler: async (request) => {
      const { page, pageSize } = request.query;
      const { items, total } = await listTreeHeadRows(db, page, pageSize);
      return { items: items.map((row) => treeHeadOf(deps.platform, row)), total, page, pageSize };
    },
  });

  app.get('/api/ledger/tree-heads/latest', {
    config: { access: PUBLIC },
    schema: {
      tags: ['ledger'],
      summary: 'The latest signed tree head (polled by hubs and supervision platforms)',
      response: { 200: signedTreeHead, 404: errorBody },
    },
    handler: async () => {
      const head = await ledger.latestTreeHead();
      if (!head) throw new AppError('NOT_FOUND');
      return head;
    },
  });

  app.post('/api/ledger/tree-heads', {
    config: { access: rolesOnly(OPERATOR_ROLE[deps.platform]) },
    schema: {
      tags: ['ledger'],
      summary: 'Sign a tree head now (none is made if the tree has not grown since the latest)',
      security: [{ bearer: [] }],
      response: { 201: signedTreeHead, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (_request, reply) => {
      const head = await ledger.signTreeHead();
      if (!head) throw new AppError('NOT_FOUND');
      return reply.status(201).send(head);
    },
  });

  app.get('/api/ledger/proofs/inclusion', {
    config: { access: PUBLIC },
    schema: {
      tags: ['ledger'],
      summary: 'Inclusion proof of a leaf (RFC 9162 §2.1.3), by default in the latest signed tree head',
      querystring: inclusionProofQuery,
      response: { 200: inclusionProofResponse, ...errors },
    },
    handler: async (request) => {
      const treeSize = await proofSize(request.query.treeSize);
      const { index } = request.query;
      if (index >= treeSize) {
        throw new AppError('LEDGER_RANGE', {
          treeSize,
          problem: `叶子 ${index} 不在大小为 ${treeSize} 的树中`,
          problemEn: `leaf ${index} is not in a tree of size ${treeSize}`,
        });
      }
      const { leafHash, path } = await ledger.inclusion(index, treeSize);
      const head = await treeHeadRowOfSize(db, treeSize);
      return {
        leafIndex: index,
        treeSize,
        leafHash,
        path,
        treeHead: head ? treeHeadOf(deps.platform, head) : null,
      };
    },
  });

  app.get('/api/ledger/proofs/consistency', {
    config: { access: PUBLIC },
    schema: {
      tags: ['ledger'],
      summary: 'Consistency proof between two tree sizes (RFC 9162 §2.1.4): the later only appended',
      querystring: consistencyProofQuery,
      response: { 200: consistencyProofResponse, ...errors },
    },
    handler: async (request) => {
      const second = await proofSize(request.query.second);
      const { first } = request.query;
      if (first > second) {
        throw new AppError('LEDGER_RANGE', {
          treeSize: second,
          problem: `第一个大小 ${first} 大于第二个大小 ${second}`,
          problemEn: `the first size ${first} is larger than the second, ${second}`,
        });
      }
      return { first, second, path: await ledger.consistency(first, second) };
    },
  });

  app.get('/api/ledger/leaves/:index', {
    config: { access: PUBLIC },
    schema: {
      tags: ['ledger'],
      summary: "A leaf's hash; its audit event too for this platform's operator, once no seal holds it (E4)",
      params: z.object({ index: z.coerce.number().int().min(0) }),
      response: { 200: ledgerLeaf, ...errors },
    },
    handler: async (request) => {
      const { index } = request.params;
      const row = await db
        .selectFrom('auditEvent')
        .selectAll()
        .where('leafIndex', '=', index)
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND');
      const leafHash = await ledgerLeafHash(db, index);
      if (!leafHash) throw new AppError('NOT_FOUND');
      const operator = request.actor.roles.includes(OPERATOR_ROLE[deps.platform]);
      const sealed = row.sealKey !== null && !(await sealPassed(row.sealKey));
      return {
        leafIndex: index,
        leafHash: bytesToHex(leafHash),
        entry: operator && !sealed ? canonicalJson(auditEventOfRow(numericAuditRow(row))) : null,
      };
    },
  });

  async function sealPassed(sealKey: string): Promise<boolean> {
    const seal = await db
      .selectFrom('auditSeal')
      .select('sealedUntil')
      .where('sealKey', '=', sealKey)
      .executeTakeFirst();
    return seal !== undefined && seal.sealedUntil <= deps.clock.now().toISOString();
  }
}
