// The one place the web app reaches into the server's pure domain code, so both sides agree on
// roles, audit actions, locales and validation rules.
export { AUDIT_ACTIONS, type AuditAction } from '../../src/domain/audit.ts';
export { findCreditCodeProblem, normaliseCreditCode } from '../../src/domain/credit-code.ts';
export { isAppError } from '../../src/domain/errors.ts';
export { DEFAULT_LOCALE, LOCALES, type Locale } from '../../src/domain/locale.ts';
export { renderMessage } from '../../src/domain/messages.ts';
export { assertPasswordPolicy } from '../../src/domain/password-policy.ts';
export {
  isRole,
  OPERATOR_ROLE,
  PLATFORMS,
  PLATFORM_ROLES,
  ROLES,
  type Platform,
  type Role,
} from '../../src/domain/roles.ts';
export { USERNAME_PATTERN } from '../../src/domain/username.ts';
export { ERROR_CODES, type ErrorCode } from '../../src/domain/errors.ts';
export { LEGAL_RULES, type RuleId } from '../../src/domain/rules/legal-rules.ts';
export { MAX_CHUNK_BYTES, MAX_CHUNKS } from '../../src/domain/tender/bid-rules.ts';
