import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { ZodApp } from '../../server/service-spec.ts';

/**
 * Files come as the raw request body (`Content-Type: application/octet-stream`), streamed to the
 * blob store, which enforces `uploads.maxBytes`. Idempotent: another part may register it first.
 */
export function acceptOctetStream(app: ZodApp): void {
  if (app.hasContentTypeParser('application/octet-stream')) return;
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
}

/** The request body of an upload route, for the OpenAPI description: the file's bytes. */
export const rawFile = z.unknown().describe('the file, as the raw request body (application/octet-stream)');

export interface UploadedFile {
  readonly filename: string;
  readonly content: Readable;
}

/** The streamed body and its file name (query `filename`, or the URI-encoded `x-filename` header). */
export function uploadedFile(
  request: FastifyRequest,
  queryFilename: string | undefined,
  maxBytes: number,
): UploadedFile {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', { limit: `${maxBytes} bytes` });
  }
  if (!(request.body instanceof Readable)) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'content-type' },
      { details: [{ path: 'headers.content-type', code: 'expected_octet_stream' }] },
    );
  }
  let filename = queryFilename;
  const header = request.headers['x-filename'];
  if (!filename && typeof header === 'string') {
    try {
      filename = decodeURIComponent(header);
    } catch {
      filename = undefined;
    }
  }
  if (!filename) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'filename' },
      { details: [{ path: 'query.filename', code: 'required' }] },
    );
  }
  return { filename, content: request.body };
}

/** `attachment` with an RFC 5987 UTF-8 file name, for downloads. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
