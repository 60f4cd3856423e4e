import type { OrganisationRegistrar } from '../../accounts/register-organisation.ts';
import { AppError } from '../../domain/errors.ts';
import { appendEntityOutbox } from './entity-outbox.ts';
import { type HubEntities, type HubEntity, HubUnreachable } from './hub-entities.ts';
import { hubLinkTrx, type HubLinkStatus } from './hub-link-tables.ts';

/** Names compare after NFKC (full-width and half-width brackets alike) and with spaces collapsed. */
export function sameEntityName(a: string, b: string): boolean {
  const normal = (name: string) => name.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return normal(a) === normal(b);
}

/**
 * Sign-up on the transaction platform against the hub's entity register: a credit code the hub
 * knows under another name is refused (ENTITY_NAME_MISMATCH, naming the registered name); an
 * unreachable hub does not block sign-up, the organisation is checked later by the subscription
 * (./sync-organisations-from-hub.ts). The organisation is queued for the hub in the same
 * transaction (./entity-outbox.ts).
 */
export function hubEntityRegistrar(hub: HubEntities | null): OrganisationRegistrar {
  return {
    async prepare({ creditCode, name, roles }) {
      let status: HubLinkStatus = 'unchecked';
      let entity: HubEntity | null = null;
      if (hub) {
        try {
          entity = await hub.lookUp(creditCode);
          status = entity ? 'linked' : 'new';
        } catch (error) {
          if (!(error instanceof HubUnreachable)) throw error;
        }
      }
      if (entity && !sameEntityName(entity.name, name)) {
        throw new AppError('ENTITY_NAME_MISMATCH', { creditCode, registeredName: entity.name, name });
      }
      return {
        detail: { hubCheck: status, ...(entity ? { hubVersion: entity.version } : {}) },
        async record(trx, organisation, at) {
          await hubLinkTrx(trx)
            .insertInto('organisationHubLink')
            .values({
              organisationId: organisation.id,
              creditCode: organisation.creditCode,
              status,
              hubVersion: entity?.version ?? null,
              following: 0,
              checkedAt: at.toISOString(),
            })
            .execute();
          // A register entry the hub already has is not overwritten with this platform's copy.
          await appendEntityOutbox(trx, organisation, { roles, legalPerson: status !== 'linked' }, at);
        },
      };
    },
  };
}
