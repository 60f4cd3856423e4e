/**
 * Reading a pasted or chosen bid receipt: the full receipt JSON the bid panel copies or downloads,
 * checked against the same zod schema the platform answers with, so a bad paste is refused with one
 * reason (not JSON, not a receipt and which field) before anything is checked or fetched.
 */
import { bidReceipt, bidReceiptContent } from '../../../src/domain/schemas/bid-schemas.ts';
import type { BidReceipt } from '../api-types.ts';

export type ReceiptInputProblem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'notJson'; readonly detail: string }
  | { readonly kind: 'notObject' }
  /** The signed receipt text alone (the `canonical` part), not the whole receipt. */
  | { readonly kind: 'receiptTextOnly' }
  /** A receipt from before the ledger, or one whose ledger part was cut off. */
  | { readonly kind: 'noLedger' }
  | {
      readonly kind: 'badField';
      /** Dotted path of the first field at fault, e.g. `ledger.treeHead.rootHash`. */
      readonly field: string;
      readonly missing: boolean;
      readonly detail: string;
    };

export type ReceiptInput =
  | { readonly ok: true; readonly receipt: BidReceipt }
  | { readonly ok: false; readonly problem: ReceiptInputProblem };

export function parseReceiptText(text: string): ReceiptInput {
  if (!text.trim()) return refuse({ kind: 'empty' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refuse({ kind: 'notJson', detail: (error as Error).message });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return refuse({ kind: 'notObject' });
  const parsed = bidReceipt.safeParse(json);
  if (parsed.success) return { ok: true, receipt: parsed.data };
  if (bidReceiptContent.safeParse(json).success) return refuse({ kind: 'receiptTextOnly' });
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String);
  if (path.length === 1 && path[0] === 'ledger' && valueAt(json, path) === undefined) {
    return refuse({ kind: 'noLedger' });
  }
  return refuse({
    kind: 'badField',
    field: path.join('.'),
    missing: valueAt(json, path) === undefined,
    detail: issue.message,
  });
}

function refuse(problem: ReceiptInputProblem): ReceiptInput {
  return { ok: false, problem };
}

function valueAt(json: unknown, path: readonly string[]): unknown {
  let value = json;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
