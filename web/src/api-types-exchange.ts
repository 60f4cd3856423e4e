/**
 * The JSON shapes of the data-exchange API the web shows: the hub's platform disclosure and the
 * trading platform's outgoing deliveries. The server's schemas live in src/exchange, which the web
 * may not import, so they are restated here (see src/exchange/platform-registration.ts and
 * src/exchange/field-errors.ts).
 */
import type { Locale } from './shared-domain.ts';

export type PlatformKind = 'trading' | 'hub' | 'supervision';

/** 平台登记: what a platform submitted to dock with the hub, published once approved. */
export interface PlatformRegistration {
  readonly platformCode: string;
  readonly platformName: string;
  readonly kind: PlatformKind;
  readonly regionCode: string;
  readonly baseUrl: string;
  readonly operator: {
    readonly name: string;
    readonly creditCode: string;
    readonly contactName: string;
    readonly contactPhone: string;
    readonly address?: string;
  };
  readonly certification: {
    readonly reportNo: string;
    readonly issuedBy: string;
    readonly issuedOn: string;
    readonly validUntil?: string;
    readonly reportUrl?: string;
    readonly reportSha256?: string;
  };
  readonly interfaceStandard: {
    readonly name: string;
    readonly version: number;
    readonly dataSets: readonly string[];
  };
  readonly services: readonly PlatformService[];
  readonly publicKeys: readonly PlatformPublicKey[];
  readonly submittedAt: string;
}

export interface PlatformService {
  readonly name: string;
  readonly description: string;
  readonly free: boolean;
  /** Yuan with two decimals ("1234.00"); null when free. */
  readonly fee: string | null;
  readonly feeUnit: string | null;
}

export interface PlatformPublicKey {
  readonly suite: 'gm' | 'intl';
  readonly keyId: string;
  readonly publicKeyPem: string;
  readonly validFrom?: string;
}

/** A row of `GET /hub/api/exchange/platforms` (src/exchange/transport/peers.ts, PeerView). */
export interface RegisteredPlatform {
  readonly platformCode: string;
  readonly platformName: string;
  readonly kind: PlatformKind;
  readonly regionCode: string;
  readonly status: string;
  /** When the hub received this version of the registration. */
  readonly submittedAt: string;
  readonly approvedAt: string | null;
  readonly decisionReason: string | null;
  readonly registration: PlatformRegistration;
}

/** One problem with one field of a refused message, in every language. */
export interface FieldError {
  readonly path: string;
  readonly code: string;
  readonly message: Readonly<Record<Locale, string>>;
  readonly params: Readonly<Record<string, string | number>>;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'rejected';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'rejected'];

/** A row of `GET /trading/api/exchange/outgoing` (src/exchange/transport/outgoing.ts, OutgoingView). */
export interface OutgoingMessage {
  /** The queue's row number. */
  readonly id: number;
  readonly targetCode: string;
  readonly dataSetCode: string;
  readonly dataKey: string;
  readonly orderKey: string;
  readonly orderSeq: number;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly errors: readonly FieldError[];
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  /** The data set's record as sent (field names of the national data set, values as text). */
  readonly record: Readonly<Record<string, unknown>>;
}

export interface OutgoingPage {
  readonly items: readonly OutgoingMessage[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly counts: Readonly<Record<DeliveryStatus, number>>;
}
