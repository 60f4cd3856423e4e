import { COMMON_MIGRATIONS } from '../store/migrator.ts';
import type { ServiceSpec } from '../server/service-spec.ts';

/** 交易平台: runs tenders from announcement to archive. */
export const tradingService: ServiceSpec = {
  platform: 'trading',
  title: '招采 交易平台 (Zhaocai transaction platform)',
  description:
    'Runs a whole tender online: announcement, documents, sealed bids, opening, evaluation, award, contract, archive.',
  migrations: { ...COMMON_MIGRATIONS },
};
