import { AppError } from './errors.ts';

export const PASSWORD_MIN_LENGTH = 8;

export function assertPasswordPolicy(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || !/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) {
    throw new AppError(
      'PASSWORD_TOO_WEAK',
      { minLength: PASSWORD_MIN_LENGTH },
      {
        details: [{ path: 'password', code: 'PASSWORD_TOO_WEAK' }],
      },
    );
  }
}
