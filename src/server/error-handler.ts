import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem, isAppError } from '../domain/errors.ts';
import { renderMessage } from '../domain/messages.ts';
import { HTTP_STATUS } from './http-status.ts';

/** Maps every failure to `{ error: { code, message, details, requestId } }` in the caller's language. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    const status = HTTP_STATUS[appError.code];
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    return sendError(request, reply, appError, status);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new AppError('ROUTE_NOT_FOUND', { method: request.method, url: request.url.split('?')[0]! }),
      404,
    ),
  );
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  status = HTTP_STATUS[error.code],
) {
  const params = error.code === 'INTERNAL' ? { requestId: request.id } : error.params;
  return reply.status(status).send({
    error: {
      code: error.code,
      message: renderMessage(error.code, params, request.locale ?? 'zh-CN'),
      ...(error.details.length ? { details: error.details } : {}),
      requestId: request.id,
    },
  });
}

function toAppError(error: FastifyError): AppError {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: FieldProblem[] = error.validation.map((v) => ({
      path: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
      code: v.keyword,
    }));
    return new AppError(
      'VALIDATION_FAILED',
      { fields: [...new Set(details.map((d) => d.path))].join(', ') },
      { details },
    );
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Malformed JSON, wrong content type, empty body: the request itself is unreadable.
    return new AppError(
      'VALIDATION_FAILED',
      { fields: 'body' },
      { details: [{ path: 'body', code: error.code ?? 'invalid' }] },
    );
  }
  return new AppError('INTERNAL', {}, { cause: error });
}
