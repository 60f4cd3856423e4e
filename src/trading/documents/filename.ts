import { AppError } from '../../domain/errors.ts';

/** A plain file name: 1–255 characters, no path separators, no control characters. */
export function checkedFilename(raw: string): string {
  const filename = raw.trim();
  const bad =
    !filename ||
    filename.length > 255 ||
    filename === '.' ||
    filename === '..' ||
    [...filename].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (bad) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'filename' },
      { details: [{ path: 'filename', code: 'invalid' }] },
    );
  }
  return filename;
}
