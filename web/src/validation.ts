import {
  assertPasswordPolicy,
  findCreditCodeProblem,
  isAppError,
  type Locale,
  normaliseCreditCode,
  renderMessage,
} from './shared-domain.ts';

/**
 * The problem with a unified social credit code, in the user's language and worded exactly as the
 * server would word it (same shared rule, same shared messages), or null when it is valid.
 */
export function creditCodeProblemMessage(input: string, locale: Locale): string | null {
  const problem = findCreditCodeProblem(normaliseCreditCode(input));
  if (!problem) return null;
  const { code, ...params } = problem;
  return renderMessage(code, params, locale);
}

/** The password-policy message the server would give, or null when the password is acceptable. */
export function passwordProblemMessage(password: string, locale: Locale): string | null {
  try {
    assertPasswordPolicy(password);
    return null;
  } catch (error) {
    if (isAppError(error)) return renderMessage(error.code, error.params, locale);
    throw error;
  }
}
