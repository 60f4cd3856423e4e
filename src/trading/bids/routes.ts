import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { rolesOnly } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import {
  bidParams,
  bidReceipt,
  chunkHeaders,
  chunkParams,
  completeUploadBody,
  openUploadBody,
  ownBidListQuery,
  ownBidPage,
  projectBidListQuery,
  projectBidPage,
  projectParams,
  sectionParams,
  storedChunk,
  uploadListQuery,
  uploadPage,
  uploadParams,
  uploadState,
  withdrawnBid,
} from '../../domain/schemas/bid-schemas.ts';
import { errorBody, objectRouteErrors } from '../../domain/schemas/common.ts';
import { MAX_CHUNK_BYTES } from '../../domain/tender/bid-rules.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import type { BidSealing } from '../sealing/bid-sealing.ts';
import { BidUploadFiles } from './chunk-files.ts';
import { completeBidUpload } from './complete-bid-upload.ts';
import { getBidReceipt } from './get-bid-receipt.ts';
import { getBidUpload, listBidUploads } from './get-bid-upload.ts';
import { listOwnBids } from './list-own-bids.ts';
import { listProjectBids } from './list-project-bids.ts';
import { openBidUpload } from './open-bid-upload.ts';
import { storeBidChunk } from './store-bid-chunk.ts';
import { withdrawBid } from './withdraw-bid.ts';

const errors = objectRouteErrors;

function isStream(body: unknown): body is AsyncIterable<Uint8Array> {
  return typeof (body as AsyncIterable<Uint8Array> | undefined)?.[Symbol.asyncIterator] === 'function';
}

/**
 * Bid submission (投标): resumable chunked upload, completion into a bid with its receipt (E3),
 * replace and withdraw before the deadline (E2), the bidder's own bids, and — after the deadline
 * only (E4) — the list of a project's bids for its tenderer or agency.
 */
export function registerBidsRoutes(app: ZodApp, deps: ServiceDeps, sealing: BidSealing): void {
  const tags = ['bids'];
  const security = [{ bearer: [] }];
  const bidder = rolesOnly('bidder');
  const files = BidUploadFiles.forConfig(deps.config);
  app.addHook('onClose', () => files.close());

  app.get('/api/sections/:sectionId/uploads', {
    config: { access: bidder },
    schema: {
      tags,
      summary: "The bidder's own bid-file uploads for a section, newest first",
      security,
      params: sectionParams,
      querystring: uploadListQuery,
      response: { 200: uploadPage, ...errors },
    },
    handler: async (request) =>
      listBidUploads(useCaseContext(deps, request), { files, ...request.params, ...request.query }),
  });

  app.post('/api/sections/:sectionId/uploads', {
    config: { access: bidder },
    schema: {
      tags,
      summary: 'Open a resumable upload of a bid file (size, SHA-256, chunk size), before the bid deadline',
      security,
      params: sectionParams,
      body: openUploadBody,
      response: { 201: uploadState, ...errors, 413: errorBody },
    },
    handler: async (request, reply) => {
      const state = await openBidUpload(useCaseContext(deps, request), {
        files,
        sectionId: request.params.sectionId,
        ...request.body,
        maxBytes: deps.config.uploads.maxBytes,
      });
      return reply.status(201).send(state);
    },
  });

  app.get('/api/sections/:sectionId/uploads/:uploadId', {
    config: { access: bidder },
    schema: {
      tags,
      summary: 'State of an own upload: stored and missing chunks, to resume after a broken connection',
      security,
      params: uploadParams,
      response: { 200: uploadState, ...errors },
    },
    handler: async (request) => getBidUpload(useCaseContext(deps, request), { files, ...request.params }),
  });

  // The chunk body is streamed to disk, never buffered: in this scope application/octet-stream
  // hands the raw request stream to the handler (a parser without parseAs gets the stream).
  app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    scope
      .withTypeProvider<ZodTypeProvider>()
      .put('/api/sections/:sectionId/uploads/:uploadId/chunks/:index', {
        config: { access: bidder },
        bodyLimit: MAX_CHUNK_BYTES,
        schema: {
          tags,
          summary: 'Store one chunk (application/octet-stream) with its SHA-256 in X-Chunk-Sha256',
          security,
          params: chunkParams,
          headers: chunkHeaders,
          response: { 200: storedChunk, ...errors, 413: errorBody },
        },
        handler: async (request) => {
          if (!isStream(request.body)) {
            throw new AppError(
              'VALIDATION_FAILED',
              { fields: 'content-type' },
              { details: [{ path: 'headers.content-type', code: 'application/octet-stream' }] },
            );
          }
          const length = request.headers['content-length'];
          return storeBidChunk(useCaseContext(deps, request), {
            files,
            sectionId: request.params.sectionId,
            uploadId: request.params.uploadId,
            index: request.params.index,
            sha256: request.headers['x-chunk-sha256'],
            contentLength: length === undefined ? undefined : Number(length),
            content: request.body,
          });
        },
      });
  });

  app.post('/api/sections/:sectionId/uploads/:uploadId/complete', {
    config: { access: bidder },
    schema: {
      tags,
      summary:
        'Complete an upload into a bid with its bid bond; replaces any earlier bid; returns the receipt after commit',
      security,
      params: uploadParams,
      body: completeUploadBody,
      response: { 201: bidReceipt, ...errors },
    },
    handler: async (request, reply) => {
      const receipt = await completeBidUpload(useCaseContext(deps, request), {
        files,
        blobs: deps.blobs,
        sealing,
        ledger: deps.ledger,
        ...request.params,
        bidBond: request.body.bidBond,
      });
      return reply.status(201).send(receipt);
    },
  });

  app.get('/api/sections/:sectionId/bids', {
    config: { access: bidder },
    schema: {
      tags,
      summary: "The bidder's own bids on a section (current, replaced, withdrawn)",
      security,
      params: sectionParams,
      querystring: ownBidListQuery,
      response: { 200: ownBidPage, ...errors },
    },
    handler: async (request) =>
      listOwnBids(useCaseContext(deps, request), { ...request.params, ...request.query }),
  });

  app.post('/api/sections/:sectionId/bids/withdraw', {
    config: { access: bidder },
    schema: {
      tags,
      summary: "Withdraw the bidder's current bid on a section, before the bid deadline",
      security,
      params: sectionParams,
      response: { 200: withdrawnBid, ...errors },
    },
    handler: async (request) => withdrawBid(useCaseContext(deps, request), request.params),
  });

  app.get('/api/bids/:bidId/receipt', {
    config: { access: bidder },
    schema: {
      tags,
      summary: 'The receipt of an own bid (canonical JSON and its SHA-256)',
      security,
      params: bidParams,
      response: { 200: bidReceipt, ...errors },
    },
    handler: async (request) =>
      getBidReceipt(useCaseContext(deps, request), { ...request.params, sealing, ledger: deps.ledger }),
  });

  app.get('/api/projects/:projectId/bids', {
    config: { access: rolesOnly('tenderer', 'agency') },
    schema: {
      tags,
      summary:
        "A project's bids (names, hashes, sizes, times) for its tenderer or agency, after the deadline only",
      security,
      params: projectParams,
      querystring: projectBidListQuery,
      response: { 200: projectBidPage, ...errors },
    },
    handler: async (request) =>
      listProjectBids(useCaseContext(deps, request), { ...request.params, ...request.query }),
  });
}
