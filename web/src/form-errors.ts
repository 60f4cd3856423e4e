import type { FormInstance } from 'antd';
import { ApiError } from './api.ts';

/**
 * Puts a server rejection on the form field it is about (details carry paths such as
 * `body.creditCode`). Returns false when the error names no single field of this form, so the
 * caller shows it elsewhere.
 */
export function showErrorOnField<T>(
  form: FormInstance<T>,
  error: unknown,
  fields: readonly (keyof T & string)[],
): boolean {
  if (!(error instanceof ApiError) || !error.details?.length) return false;
  const named = new Set(
    error.details
      .map((detail) => detail.path.split('.').pop() ?? '')
      .filter((field) => fields.includes(field as keyof T & string)),
  );
  if (named.size !== 1) return false;
  const [field] = [...named];
  form.setFields([{ name: field as never, errors: [error.message] }]);
  return true;
}
