import { PUBLIC, rolesOnly } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { errorBody, objectRouteErrors } from '../../domain/schemas/common.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { findCa, listCas } from './ca-repository.ts';
import {
  caIdParams,
  caListQuery,
  caPage,
  recognisedCa,
  recognisedCaDetail,
  registerCaBody,
  trustBundle,
  uploadCrlBody,
  verifyCertificateBody,
  verifyCertificateResult,
  withdrawCaBody,
} from './ca-schemas.ts';
import { caDetailView, caView } from './ca-views.ts';
import { getTrustBundle } from './get-trust-bundle.ts';
import { registerCa } from './register-ca.ts';
import { uploadCaCrl } from './upload-ca-crl.ts';
import { verifyRecognisedCertificate } from './verify-recognised-certificate.ts';
import { withdrawCa } from './withdraw-ca.ts';

/** CA mutual recognition (CA证书互认): the operator keeps the list; anyone reads it and verifies against it. */
export function registerCaRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['CA recognition'];
  const operatorOnly = rolesOnly('hub_operator');
  const security = [{ bearer: [] }];

  app.post('/api/ca', {
    config: { access: operatorOnly },
    schema: {
      tags,
      summary: 'Recognise a CA by its self-signed root certificate (SM2, ECDSA P-256 or RSA)',
      security,
      body: registerCaBody,
      response: { 201: recognisedCa, ...objectRouteErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await registerCa(useCaseContext(deps, request), request.body)),
  });

  app.post('/api/ca/:id/crl', {
    config: { access: operatorOnly },
    schema: {
      tags,
      summary: "Replace a recognised CA's revocation list with a newer one it signed",
      security,
      params: caIdParams,
      body: uploadCrlBody,
      response: { 200: recognisedCa, ...objectRouteErrors },
    },
    handler: async (request) =>
      uploadCaCrl(useCaseContext(deps, request), { caId: request.params.id, crlPem: request.body.crlPem }),
  });

  app.post('/api/ca/:id/withdraw', {
    config: { access: operatorOnly },
    schema: {
      tags,
      summary: 'Stop recognising a CA',
      security,
      params: caIdParams,
      body: withdrawCaBody,
      response: { 200: recognisedCa, ...objectRouteErrors },
    },
    handler: async (request) =>
      withdrawCa(useCaseContext(deps, request), { caId: request.params.id, reason: request.body.reason }),
  });

  app.get('/api/public/ca', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'Recognised CAs, newest registration first, paged',
      querystring: caListQuery,
      response: { 200: caPage, 400: errorBody },
    },
    handler: async (request) => {
      const page = await listCas(deps.store.db, request.query);
      return { ...page, items: page.items.map(caView) };
    },
  });

  app.get('/api/public/ca/trust-bundle', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'Root certificates and latest CRLs of every active recognised CA, for transaction platforms',
      response: { 200: trustBundle },
    },
    handler: async () => getTrustBundle(deps.store.db),
  });

  app.get('/api/public/ca/:id', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'One recognised CA with its root certificate and latest CRL',
      params: caIdParams,
      response: { 200: recognisedCaDetail, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => {
      const found = await findCa(deps.store.db, request.params.id);
      if (!found) throw new AppError('NOT_FOUND');
      return caDetailView(found);
    },
  });

  app.post('/api/public/ca/verify', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'Verify a certificate, and optionally a signature made with it, against the recognised CAs',
      body: verifyCertificateBody,
      response: { 200: verifyCertificateResult, 400: errorBody },
    },
    handler: async (request) => verifyRecognisedCertificate(useCaseContext(deps, request), request.body),
  });
}
