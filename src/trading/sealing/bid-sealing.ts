import { EnvelopeInspectionWorkers } from '../../crypto/node/envelope-inspection-workers.ts';
import type { Config } from '../../server/config.ts';
import { loadPlatformKeys, type PlatformKeys } from './platform-keys.ts';
import { TrustStore } from './trust-store.ts';

/** What the bid routes need for sealed bids: the platform's keys and the CAs it trusts. */
export interface BidSealing {
  readonly keys: Promise<PlatformKeys>;
  readonly trust: TrustStore;
  /** Keyless checks of uploaded envelopes, off the event loop. */
  readonly inspections: EnvelopeInspectionWorkers;
}

export function bidSealingFor(config: Config): BidSealing {
  const keys = loadPlatformKeys(config);
  // Surfaces at the first use; an unhandled rejection before that would stop the process.
  keys.catch(() => undefined);
  return { keys, trust: TrustStore.forConfig(config), inspections: EnvelopeInspectionWorkers.shared() };
}
