import type { AwardTables } from '../award-tables.ts';

/** Table of migration 0012: awards revoked after the award notice, kept with their revocation. */
export interface AwardRevocationTables {
  awardRevocation: AwardTables['awardDecision'] & {
    id: string;
    /** 'gave_up', 'not_signed', 'no_performance_bond' or 'ineligible' (条例 55, 74). */
    ground: string;
    /** What shows it: the written waiver, the unanswered call to sign, the finding… */
    evidence: string;
    revokedAt: string;
    revokedByUserId: string | null;
  };
}
