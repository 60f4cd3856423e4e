import type { ServiceSpec } from '../server/service-spec.ts';
import { COMMON_MIGRATIONS } from '../store/migrator.ts';
import { registerArchiveRoutes } from './archive/routes.ts';
import { registerAwardRoutes } from './award/routes.ts';
import { registerBidsRoutes } from './bids/routes.ts';
import { registerDocumentsRoutes } from './documents/routes.ts';
import { connectHubEntities } from './entities/hub-entity-sync.ts';
import { registerExpertsRoutes } from './experts/routes.ts';
import * as tenderProjects from './migrations/0002-tender-projects.ts';
import * as documents from './migrations/0003-documents.ts';
import * as bids from './migrations/0004-bids.ts';
import * as sealedBids from './migrations/0005-sealed-bids.ts';
import * as opening from './migrations/0006-opening.ts';
import * as experts from './migrations/0007-experts.ts';
import * as evaluation from './migrations/0008-evaluation.ts';
import * as award from './migrations/0009-award.ts';
import * as priceDeviations from './migrations/0010-price-deviations.ts';
import * as readOutItems from './migrations/0011-read-out-items.ts';
import * as awardRevocation from './migrations/0012-award-revocation.ts';
import * as organisationHubLink from './migrations/0018-organisation-hub-link.ts';
import { registerEvaluationRoutes } from './evaluation/routes.ts';
import { registerExceptionRoutes } from './exceptions/routes.ts';
import { TRADING_ROW_CHECKS } from './ledger-row-checks.ts';
import { registerExchangeRoutes } from '../exchange/transport/exchange-routes.ts';
import { stageOutbox } from './exchange/outbox-delivery.ts';
import { scheduleDueOpenings } from './opening-hall/opening-scheduler.ts';
import { registerOpeningHallRoutes } from './opening-hall/routes.ts';
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
    '0006-opening': opening,
    '0007-experts': experts,
    '0008-evaluation': evaluation,
    '0009-award': award,
    '0010-price-deviations': priceDeviations,
    '0011-read-out-items': readOutItems,
    '0012-award-revocation': awardRevocation,
    '0018-organisation-hub-link': organisationHubLink,
  },
  ledgerRowChecks: TRADING_ROW_CHECKS,
  registerRoutes: (app, deps) => {
    registerProjectsRoutes(app, deps);
    registerDocumentsRoutes(app, deps);
    registerExpertsRoutes(app, deps);
    const sealing = bidSealingFor(deps.config);
    registerBidsRoutes(app, deps, sealing);
    registerOpeningRoutes(app, deps, sealing);
    registerOpeningHallRoutes(app, deps);
    scheduleDueOpenings(app, deps);
    registerExceptionRoutes(app, deps);
    registerArchiveRoutes(app, deps, sealing);
    registerEvaluationRoutes(app, deps);
    registerAwardRoutes(app, deps);
    connectHubEntities(app, deps);
    registerExchangeRoutes(app, deps, {
      kind: 'trading',
      receives: false,
      beforeRound: async (endpoint) => void (await stageOutbox(endpoint, app.log)),
    });
  },
};
