import { AppError, type FieldProblem } from '../errors.ts';

/** One reason to refuse, and the input field it is about. */
export interface Violation {
  readonly path: string;
  readonly error: AppError;
}

/**
 * One refusal for several violations: the first violation's code and message, and every violation
 * in `details` (each at its field path) so a form can mark them all.
 */
export function refuseAll(violations: readonly Violation[]): AppError {
  const first = violations[0];
  if (!first) throw new Error('refuseAll: nothing to refuse');
  const details: FieldProblem[] = violations.flatMap(({ path, error }) =>
    error.details.length
      ? error.details.map((d) => ({ ...d, path }))
      : [{ path, code: error.code, params: error.params }],
  );
  return new AppError(first.error.code, first.error.params, { details });
}
