import type { ServiceSpec } from '../server/service-spec.ts';
import { COMMON_MIGRATIONS } from '../store/migrator.ts';
import { registerBidsRoutes } from './bids/routes.ts';
import { registerDocumentsRoutes } from './documents/routes.ts';
import * as tenderProjects from './migrations/0002-tender-projects.ts';
import * as documents from './migrations/0003-documents.ts';
import * as bids from './migrations/0004-bids.ts';
import * as sealedBids from './migrations/0005-sealed-bids.ts';
import { registerOpeningRoutes } from './opening/routes.ts';
import { registerProjectsRoutes } from './projects/routes.ts';
import { bidSealingFor } from './sealing/bid-sealing.ts';

/** 交易平台: runs tenders from announcement to archive. */
export const tradingService: ServiceSpec = {
  platform: 'trading',
  title: '招采 交易平台 (Zhaocai transaction platform)',
  description:
    'Runs a whole tender online: announcement, documents, sealed bids, opening, evaluation, award, contract, archive.',
  migrations: {
    ...COMMON_MIGRATIONS,
    '0002-tender-projects': tenderProjects,
    '0003-documents': documents,
    '0004-bids': bids,
    '0005-sealed-bids': sealedBids,
  },
  registerRoutes: (app, deps) => {
    registerProjectsRoutes(app, deps);
    registerDocumentsRoutes(app, deps);
    const sealing = bidSealingFor(deps.config);
    registerBidsRoutes(app, deps, sealing);
    registerOpeningRoutes(app, deps, sealing);
  },
};
