import { DAY } from '../cst.ts';

const MINUTE = DAY / (24 * 60);

export type DecryptionStatus = 'pending' | 'decrypted' | 'failed_bidder' | 'failed_other';

export interface DecryptionWindow {
  readonly openedAt: string;
  readonly closesAt: string;
}

/** The decryption window opens at the bid deadline, which is the opening time (T6), and lasts the tender's minutes. */
export function decryptionWindow(bidDeadline: string, minutes: number): DecryptionWindow {
  return {
    openedAt: bidDeadline,
    closesAt: new Date(Date.parse(bidDeadline) + minutes * MINUTE).toISOString(),
  };
}

/**
 * A bid's decryption status at `now`: what was recorded, else pending while the window is open,
 * else failed through the bidder (E7: 撤销) — until the opening key, where the documents allow it,
 * opens it.
 */
export function decryptionStatusAt(
  recorded: string | null,
  now: Date,
  window: DecryptionWindow,
): DecryptionStatus | null {
  if (recorded) return recorded as DecryptionStatus;
  if (now.getTime() < Date.parse(window.openedAt)) return null;
  return now.getTime() < Date.parse(window.closesAt) ? 'pending' : 'failed_bidder';
}
