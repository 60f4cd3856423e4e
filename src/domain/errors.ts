/**
 * One application error type. Use cases throw it with a stable code; the HTTP edge maps the code
 * to a status and a message in the caller's language (see ./messages.ts).
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'INVALID_CREDENTIALS',
  'USER_DISABLED',
  'FORBIDDEN',
  'ROLE_NOT_ON_PLATFORM',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'ORGANISATION_NOT_FOUND',
  'USER_NOT_FOUND',
  'ORGANISATION_EXISTS',
  'ENTITY_NOT_FOUND',
  'ENTITY_NAME_MISMATCH',
  'USERNAME_TAKEN',
  'PASSWORD_TOO_WEAK',
  'CREDIT_CODE_LENGTH',
  'CREDIT_CODE_CHARACTER',
  'CREDIT_CODE_CHECK',
  'DEAL_CODE_INVALID',
  'RULE_VIOLATION',
  'REJECTION_GROUND_MISSING',
  'SCORE_SHEET_INVALID',
  'INVALID_STATE',
  'PAYLOAD_TOO_LARGE',
  'BLOB_HASH_MISMATCH',
  'ARCHIVE_INVALID',
  'LEDGER_RANGE',
  'EXCHANGE_INVALID',
  'PLATFORM_NOT_FOUND',
  'NOTICE_NOT_FOUND',
  'ENVELOPE_INVALID',
  'CERTIFICATE_INVALID',
  'OPENING_KEY_INVALID',
  'ACCELERATION_IN_PRODUCTION',
  'CONFIG_INVALID',
  'NOT_READY',
  'INTERNAL',
  'CA_REJECTED',
  'CA_ALREADY_REGISTERED',
  'CRL_REJECTED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  /** Field-level problems, for VALIDATION_FAILED. */
  readonly details: readonly FieldProblem[];

  constructor(
    code: ErrorCode,
    params: ErrorParams = {},
    options: { details?: readonly FieldProblem[]; cause?: unknown } = {},
  ) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`, {
      cause: options.cause,
    });
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.details = options.details ?? [];
  }
}

export interface FieldProblem {
  /** Dotted path of the field, e.g. `body.creditCode`. */
  readonly path: string;
  /** Stable code of the problem, e.g. `too_small`, `CREDIT_CODE_CHECK`. */
  readonly code: string;
  readonly params?: ErrorParams;
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
