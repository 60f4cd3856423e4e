import type { DeliveryStatus, FieldError, OutgoingMessage, OutgoingPage } from '../../api-types-exchange.ts';
import { DELIVERY_STATUSES } from '../../api-types-exchange.ts';
import type { Locale } from '../../shared-domain.ts';

/** While anything waits for delivery the page re-reads the list this often. */
export const PENDING_REFRESH_MS = 5_000;

/** The tab named in the address, or null when the address names none (or an unknown one). */
export function statusFromParam(value: string | null): DeliveryStatus | null {
  return (DELIVERY_STATUSES as readonly string[]).includes(value ?? '') ? (value as DeliveryStatus) : null;
}

/**
 * The tab the page opens on when the address names none: the refused messages when there are any
 * (those need the operator), else those still waiting, else what was delivered.
 */
export function openingStatus(counts: OutgoingPage['counts'] | null): DeliveryStatus {
  if (!counts || counts.rejected > 0) return 'rejected';
  return counts.pending > 0 ? 'pending' : 'delivered';
}

/** How long until the next automatic refresh, or null when nothing is pending. */
export function refreshDelay(page: Pick<OutgoingPage, 'counts'> | null): number | null {
  return page && page.counts.pending > 0 ? PENDING_REFRESH_MS : null;
}

/** A field error in the user's language, naming the field: the receiver supplies every language. */
export function fieldErrorText(error: FieldError, locale: Locale): string {
  const message = error.message[locale] || error.message['zh-CN'] || error.message['en-US'];
  return message || `${error.path}: ${error.code}`;
}

/** A message may be sent again only when the receiver refused it. */
export function canRetry(status: DeliveryStatus): boolean {
  return status === 'rejected';
}

/** The record's own name fields, most telling first (names of the national data sets). */
const NAME_FIELDS = [
  'NOTICE_NAME',
  'EXCEPTION_NAME',
  'CONTRACT_NAME',
  'BID_SECTION_NAME',
  'TENDER_PROJECT_NAME',
  'PROJECT_NAME',
  'TENDERER_NAME',
  'BIDDER_NAME',
  'WIN_BIDDER_NAME',
  'PRINCIPAL_NAME',
] as const;

/** What a message is about, for the operator: the record's name, else its tender or deal code. */
export function recordSummary(message: Pick<OutgoingMessage, 'record'>): string {
  for (const field of [...NAME_FIELDS, 'TENDER_PROJECT_CODE', 'UNIFIED_DEAL_CODE']) {
    const value = message.record[field];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return '';
}
