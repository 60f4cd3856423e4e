import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeSuite } from '../../../src/crypto/node/node-suites.ts';
import { buildBidPackage } from '../../../src/crypto/portable/bid-package.ts';
import { toBase64 } from '../../../src/crypto/portable/envelope/binary.ts';
import { unwrapContentKey } from '../../../src/crypto/portable/envelope/content-key.ts';
import type { EnvelopeHeader } from '../../../src/crypto/portable/envelope/envelope-header.ts';
import { decryptShare } from '../../../src/crypto/portable/opening-key.ts';
import type { BidForm } from '../../../src/domain/tender/bid-form.ts';
import { bidderCredentials, type TestOpeningKey } from '../../support/sealed-bids.ts';
import type { TestService } from '../../support/services.ts';
import { aSealedBid, auth, type BidSection, complete, uploadAllChunks } from './bid-factory.ts';

/**
 * The opening in tests: bids whose sealed plaintext is a bid package (bid-form.json and the bid
 * files), decrypted by their bidders as the bidder's browser would, and a reader of the hall's
 * server-sent events over a real socket.
 */
export function aBidForm(priceFen: number, items: Record<string, string> = {}): BidForm {
  return { version: 1, priceFen, durationDays: 180, qualityCommitment: '合格', bidBondFen: 1_000_000, items };
}

export interface Bidder {
  readonly token: string;
  readonly organisationId: string;
}

/** Seals `form` with a bid file as a package, submits it; returns the bid id. */
export async function aPackagedBid(
  svc: TestService,
  section: BidSection,
  bidder: Bidder,
  form: BidForm | null,
): Promise<string> {
  const plaintext = form
    ? buildBidPackage(form, { '投标文件.pdf': randomBytes(3000) })
    : new Uint8Array(randomBytes(3000));
  const envelope = await aSealedBid(svc, section, bidder, plaintext);
  const uploadId = await uploadAllChunks(svc, bidder.token, section.sectionId, envelope, 8192);
  const res = await complete(svc, bidder.token, section.sectionId, uploadId);
  if (res.statusCode !== 201) throw new Error(`bid refused: ${res.body}`);
  return res.json().receipt.bidId as string;
}

/** The content key, unwrapped as the bidder's own browser does it with its encryption key. */
export async function ownContentKey(svc: TestService, bidder: Bidder, bidId: string): Promise<string> {
  const headerRes = await svc.app.inject({
    method: 'GET',
    url: `/api/bids/${bidId}/envelope-header`,
    headers: auth(bidder.token),
  });
  const header = headerRes.json().header as EnvelopeHeader;
  const org = await svc.store.db
    .selectFrom('organisation')
    .select(['creditCode', 'name'])
    .where('id', '=', bidder.organisationId)
    .executeTakeFirstOrThrow();
  const creds = await bidderCredentials(header.suite, { organisationId: bidder.organisationId, ...org });
  return toBase64(
    await unwrapContentKey(nodeSuite(header.suite), header, 'bidder', creds.encryption.privateKeyPem),
  );
}

/** The bidder decrypts online with the content key its own machine unwrapped. */
export async function decryptOwnBid(svc: TestService, bidder: Bidder, bidId: string, contentKey?: string) {
  return svc.app.inject({
    method: 'POST',
    url: `/api/bids/${bidId}/decryption`,
    headers: auth(bidder.token),
    payload: { contentKey: contentKey ?? (await ownContentKey(svc, bidder, bidId)) },
  });
}

export async function handInShare(
  svc: TestService,
  section: BidSection,
  key: TestOpeningKey,
  holderId: string,
) {
  const share = key.input.shares.find((s) => s.holderId === holderId)!;
  const { y } = await decryptShare(
    nodeSuite(key.input.suite),
    share,
    key.holderKeys.get(holderId)!.privateKeyPem,
  );
  return svc.app.inject({
    method: 'POST',
    url: `/api/projects/${section.projectId}/opening-key/shares`,
    headers: auth(section.tenderer.token),
    payload: { holderId, share: toBase64(y) },
  });
}

export function hall(svc: TestService, projectId: string) {
  const base = `/api/projects/${projectId}/opening-hall`;
  return {
    get: (token: string) => svc.app.inject({ method: 'GET', url: base, headers: auth(token) }),
    post: (token: string, path: string, payload?: object) =>
      svc.app.inject({
        method: 'POST',
        url: `${base}${path}`,
        headers: auth(token),
        ...(payload ? { payload } : {}),
      }),
  };
}

export interface SseEvent {
  readonly id: number;
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** A client of the hall's event stream on a listening service. */
export interface SseClient {
  readonly events: SseEvent[];
  waitFor(predicate: (events: SseEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function listening(svc: TestService): Promise<string> {
  if (!svc.app.server.listening) await svc.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = svc.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export function connectSse(
  baseUrl: string,
  projectId: string,
  token: string,
  lastEventId?: number,
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const waiters: (() => void)[] = [];
    const req = httpRequest(
      `${baseUrl}/api/projects/${projectId}/opening-hall/events`,
      {
        headers: {
          ...auth(token),
          accept: 'text/event-stream',
          ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}),
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`event stream refused: ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = Object.fromEntries(
              frame
                .split('\n')
                .filter((line) => line && !line.startsWith(':'))
                .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
            );
            if (fields.data)
              events.push({ id: Number(fields.id), event: fields.event!, data: JSON.parse(fields.data) });
          }
          for (const wake of waiters.splice(0)) wake();
        });
        resolve({
          events,
          async waitFor(predicate, timeoutMs = 5000) {
            const until = Date.now() + timeoutMs;
            while (!predicate(events)) {
              if (Date.now() > until)
                throw new Error(`timed out; got ${events.map((e) => e.event).join(', ')}`);
              await new Promise<void>((wake) => {
                waiters.push(wake);
                setTimeout(wake, 50);
              });
            }
          },
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}
