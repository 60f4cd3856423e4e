import type { BidReceipt } from '../api-types.ts';

/**
 * Where receipts are verified: in the signed-in app (the side menu), and without signing in, since
 * anyone holding a receipt may check it. A receipt is handed over in the router state, so it is
 * never put in the address or in storage.
 */
export const RECEIPT_VERIFY_PATH = '/receipt-verify';
export const PUBLIC_RECEIPT_VERIFY_PATH = '/public/receipt-verify';

interface VerifyState {
  readonly receiptJson: string;
}

/** The router state that opens the verify page filled in with this receipt. */
export function verifyState(receipt: BidReceipt): VerifyState {
  return { receiptJson: receiptJson(receipt) };
}

/** The receipt as the bid panel copies and downloads it, and as the verify page reads it. */
export function receiptJson(receipt: BidReceipt): string {
  return `${JSON.stringify(receipt, null, 2)}\n`;
}

/** The receipt handed over in the router state, if any. */
export function receiptJsonFromState(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('receiptJson' in state)) return null;
  return typeof state.receiptJson === 'string' ? state.receiptJson : null;
}
