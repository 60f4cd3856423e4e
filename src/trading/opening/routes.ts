import { z } from 'zod';
import { AUTHENTICATED, PUBLIC, rolesOnly } from '../../domain/access.ts';
import { bidParams, projectParams } from '../../domain/schemas/bid-schemas.ts';
import { objectRouteErrors } from '../../domain/schemas/common.ts';
import {
  bidDecryption,
  decryptBidBody,
  decryptionOverview,
  keyShareBody,
  openingKeyInput,
  openingKeyShare,
  openingKeyView,
  platformKeysView,
} from '../../domain/schemas/sealing-schemas.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import type { BidSealing } from '../sealing/bid-sealing.ts';
import { decryptBid } from './decrypt-bid.ts';
import { getDecryptionOverview } from './get-decryption-overview.ts';
import { getEnvelopeHeader } from './get-envelope-header.ts';
import { getEncryptedShare, getOpeningKey } from './get-opening-key.ts';
import { recordOpeningKey } from './record-opening-key.ts';
import { submitKeyShare } from './submit-key-share.ts';

const errors = objectRouteErrors;

/**
 * Sealed bids around the opening: the platform's public keys, the tender's threshold opening key,
 * each bidder decrypting its own bid in the decryption window, and the keyholders' reassembly.
 */
export function registerOpeningRoutes(app: ZodApp, deps: ServiceDeps, sealing: BidSealing): void {
  const tags = ['opening'];
  const security = [{ bearer: [] }];

  app.get('/api/platform/keys', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: "The platform's public keys: receipt signing, and its keyholder key for opening-key shares",
      response: { 200: platformKeysView },
    },
    handler: async () => {
      const keys = await sealing.keys;
      const pub = (k: { keyId: string; publicKeyPem: string }) => ({
        keyId: k.keyId,
        publicKeyPem: k.publicKeyPem,
      });
      return {
        receiptSigning: { algorithm: 'sm2-sm3' as const, ...pub(keys.receiptSigning) },
        keyholderEncryption: {
          gm: pub(keys.keyholderEncryption.gm),
          intl: pub(keys.keyholderEncryption.intl),
        },
      };
    },
  });

  app.put('/api/projects/:projectId/opening-key', {
    config: { access: rolesOnly('tenderer', 'agency') },
    schema: {
      tags,
      summary: "Record a draft project's opening key: public key, threshold, each holder's encrypted share",
      security,
      params: projectParams,
      body: openingKeyInput,
      response: { 200: openingKeyView, ...errors },
    },
    handler: async (request) =>
      recordOpeningKey(useCaseContext(deps, request), {
        projectId: request.params.projectId,
        openingKey: request.body,
        platformKeys: await sealing.keys,
      }),
  });

  app.get('/api/projects/:projectId/opening-key', {
    config: { access: rolesOnly('tenderer', 'agency') },
    schema: {
      tags,
      summary: "A managed project's recorded opening key: public key, threshold and holders (no secrets)",
      security,
      params: projectParams,
      response: { 200: openingKeyView, ...errors },
    },
    handler: async (request) => getOpeningKey(useCaseContext(deps, request), request.params),
  });

  app.get('/api/projects/:projectId/opening-key/shares/:holderId', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary:
        "One holder's encrypted share, for the holder to decrypt with its own key (useless to anyone else)",
      security,
      params: projectParams.extend({ holderId: z.string().min(1).max(64) }),
      response: { 200: openingKeyShare, ...errors },
    },
    handler: async (request) => getEncryptedShare(useCaseContext(deps, request), request.params),
  });

  app.get('/api/projects/:projectId/decryption', {
    config: { access: rolesOnly('tenderer', 'agency', 'bidder') },
    schema: {
      tags,
      summary: 'From the deadline: the decryption window, the opening key reassembly and each bid’s status',
      security,
      params: projectParams,
      response: { 200: decryptionOverview, ...errors },
    },
    handler: async (request) => getDecryptionOverview(useCaseContext(deps, request), request.params),
  });

  app.get('/api/bids/:bidId/envelope-header', {
    config: { access: rolesOnly('bidder') },
    schema: {
      tags,
      summary: 'The header of an own bid envelope, to unwrap the content key on the bidder’s machine',
      security,
      params: bidParams,
      response: { 200: z.object({ header: z.record(z.string(), z.unknown()) }), ...errors },
    },
    handler: async (request) => getEnvelopeHeader(useCaseContext(deps, request), request.params),
  });

  app.post('/api/bids/:bidId/decryption', {
    config: { access: rolesOnly('bidder') },
    schema: {
      tags,
      summary: 'Decrypt an own bid during the decryption window with the content key unwrapped by the bidder',
      security,
      params: bidParams,
      body: decryptBidBody,
      response: { 200: bidDecryption, ...errors },
    },
    handler: async (request) =>
      decryptBid(useCaseContext(deps, request), {
        blobs: deps.blobs,
        bidId: request.params.bidId,
        contentKey: request.body.contentKey,
      }),
  });

  app.post('/api/projects/:projectId/opening-key/shares', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary:
        'After the decryption window: a keyholder hands in its decrypted share; k shares reassemble the key',
      security,
      params: projectParams,
      body: keyShareBody,
      response: { 200: decryptionOverview.shape.openingKey, ...errors },
    },
    handler: async (request) =>
      submitKeyShare(useCaseContext(deps, request), {
        blobs: deps.blobs,
        projectId: request.params.projectId,
        ...request.body,
        platformKeys: await sealing.keys,
      }),
  });

  app.post('/api/projects/:projectId/opening-key/platform-share', {
    config: { access: rolesOnly('platform_operator') },
    schema: {
      tags,
      summary: 'After the decryption window: the platform decrypts and hands in its own share',
      security,
      params: projectParams,
      body: z.object({ holderId: z.string().min(1).max(64) }),
      response: { 200: decryptionOverview.shape.openingKey, ...errors },
    },
    handler: async (request) =>
      submitKeyShare(useCaseContext(deps, request), {
        blobs: deps.blobs,
        projectId: request.params.projectId,
        holderId: request.body.holderId,
        platformKeys: await sealing.keys,
      }),
  });
}
