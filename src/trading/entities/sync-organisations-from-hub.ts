import { decodeCursor } from '../../exchange/feed.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { OrganisationRow, Trx } from '../../store/schema.ts';
import type { HubEntities, HubEntity, HubEntityChange } from './hub-entities.ts';
import { sameEntityName } from './hub-entity-registrar.ts';
import { hubLinkDb, hubLinkTrx, type HubLinkStatus } from './hub-link-tables.ts';

/** The feed name inside the hub's entity-changes cursors (src/hub/entities/list-entity-changes.ts). */
const ENTITY_CHANGES_FEED = 'entities';
/** Credit codes per request: the hub follows at most 200 at once. */
const CODES_PER_REQUEST = 200;
const CHANGES_PER_PAGE = 500;
const LOOK_UPS_PER_ROUND = 100;

export interface SyncRound {
  /** Organisations looked up because they were not followed yet (deferred sign-up checks among them). */
  readonly checked: number;
  /** Organisations whose name or legal representative was taken from the hub. */
  readonly updated: number;
}

interface HubValues {
  readonly name?: string | undefined;
  readonly legalRepresentative?: string | null | undefined;
}

/** What of `values` differs from the organisation: the hub's non-empty values win. */
function differences(organisation: OrganisationRow, values: HubValues) {
  const changes: Record<string, { from: string | null; to: string }> = {};
  if (values.name && !sameEntityName(values.name, organisation.name)) {
    changes.name = { from: organisation.name, to: values.name };
  }
  const representative = values.legalRepresentative;
  if (representative && representative !== organisation.legalRepresentative) {
    changes.legalRepresentative = { from: organisation.legalRepresentative, to: representative };
  }
  return changes;
}

interface LinkState {
  readonly status: HubLinkStatus;
  readonly hubVersion: number | null;
  /** Whether the organisation has a link row yet (organisations registered before the hub link have none). */
  readonly exists: boolean;
  /** Whether its changes are now all followed (see `lookUpNewlyFollowed`). */
  readonly following: boolean;
}

async function saveLink(trx: Trx, organisation: OrganisationRow, link: LinkState, at: string): Promise<void> {
  const links = hubLinkTrx(trx);
  const row = {
    status: link.status,
    hubVersion: link.hubVersion,
    following: link.following ? 1 : 0,
    checkedAt: at,
  };
  if (link.exists) {
    await links
      .updateTable('organisationHubLink')
      .set(row)
      .where('organisationId', '=', organisation.id)
      .execute();
  } else {
    await links
      .insertInto('organisationHubLink')
      .values({ organisationId: organisation.id, creditCode: organisation.creditCode, ...row })
      .execute();
  }
}

/**
 * Takes the hub's values into the organisation and records the hub version it now matches, with
 * the audit event `organisation.synced_from_hub`.
 */
async function syncOrganisation(
  ctx: UseCaseContext,
  organisation: OrganisationRow,
  link: LinkState,
  values: HubValues,
  detail: Record<string, unknown>,
): Promise<void> {
  const changes = differences(organisation, values);
  await runAudited(ctx, async (trx, now) => {
    const at = now.toISOString();
    const updated: OrganisationRow = {
      ...organisation,
      ...(changes.name ? { name: changes.name.to } : {}),
      ...(changes.legalRepresentative ? { legalRepresentative: changes.legalRepresentative.to } : {}),
      ...(Object.keys(changes).length ? { updatedAt: at } : {}),
    };
    if (Object.keys(changes).length) {
      await trx
        .updateTable('organisation')
        .set({ name: updated.name, legalRepresentative: updated.legalRepresentative, updatedAt: at })
        .where('id', '=', organisation.id)
        .execute();
    }
    await saveLink(trx, organisation, link, at);
    return {
      result: undefined,
      audit: {
        action: 'organisation.synced_from_hub',
        objectType: 'organisation',
        objectId: organisation.id,
        state: updated,
        detail: { ...detail, hubVersion: link.hubVersion, changes },
      },
    };
  });
}

/**
 * Organisations not yet followed: registered while the hub was unreachable (the deferred sign-up
 * check), or since the round that last moved the cursor began (which may have moved it past their
 * changes). Each is looked up now, so the next rounds' changes start from its current state.
 */
async function lookUpNewlyFollowed(ctx: UseCaseContext, hub: HubEntities): Promise<number> {
  const db = hubLinkDb(ctx.db);
  const pending = await db
    .selectFrom('organisationHubLink')
    .innerJoin('organisation', 'organisation.id', 'organisationHubLink.organisationId')
    .selectAll('organisation')
    .select(['organisationHubLink.status', 'organisationHubLink.hubVersion'])
    .where('organisationHubLink.following', '=', 0)
    .orderBy('organisationHubLink.checkedAt')
    .limit(LOOK_UPS_PER_ROUND)
    .execute();
  for (const { status, hubVersion, ...organisation } of pending) {
    const entity: HubEntity | null = await hub.lookUp(organisation.creditCode);
    const known = hubVersion === null ? null : Number(hubVersion);
    const newer = entity !== null && (known === null || entity.version > known);
    if (status === 'unchecked' || (newer && Object.keys(differences(organisation, entity)).length)) {
      const link = {
        status: entity ? ('linked' as const) : ('new' as const),
        hubVersion: entity?.version ?? known,
        exists: true,
        following: true,
      };
      const reason = status === 'unchecked' ? 'deferred_check' : 'caught_up';
      await syncOrganisation(ctx, organisation, link, entity ?? {}, { reason });
    } else {
      // Nothing to take from the hub: only the subscription's own bookkeeping changes.
      await db
        .updateTable('organisationHubLink')
        .set({ following: 1, hubVersion: newer ? entity.version : known })
        .where('organisationId', '=', organisation.id)
        .execute();
    }
  }
  return pending.length;
}

/** Applies one change of the register to the organisation of its credit code, if it concerns it. */
async function applyChange(ctx: UseCaseContext, change: HubEntityChange): Promise<boolean> {
  const values: HubValues = {
    name: typeof change.changes.name?.to === 'string' ? change.changes.name.to : undefined,
    legalRepresentative:
      typeof change.changes.legalRepresentative?.to === 'string'
        ? change.changes.legalRepresentative.to
        : undefined,
  };
  if (values.name === undefined && values.legalRepresentative === undefined) return false;
  const db = hubLinkDb(ctx.db);
  const organisation = await db
    .selectFrom('organisation')
    .selectAll()
    .where('creditCode', '=', change.creditCode)
    .executeTakeFirst();
  if (!organisation) return false;
  const link = await db
    .selectFrom('organisationHubLink')
    .selectAll()
    .where('organisationId', '=', organisation.id)
    .executeTakeFirst();
  if (link?.hubVersion != null && Number(link.hubVersion) >= change.version) return false;
  if (Object.keys(differences(organisation, values)).length === 0) return false;
  await syncOrganisation(
    ctx,
    organisation,
    {
      status: 'linked',
      hubVersion: change.version,
      exists: link !== undefined,
      // One that is not followed yet keeps its look-up: changes before this one may have been missed.
      following: link === undefined || Number(link.following) === 1,
    },
    values,
    { reason: 'hub_change', platformCode: change.platformCode, dataSetCode: change.dataSetCode },
  );
  return true;
}

const positionOf = (cursor: string | null): number => {
  const position = decodeCursor(cursor ?? undefined, ENTITY_CHANGES_FEED);
  return position.ok ? position.value.after : 0;
};

/**
 * Follows the register's changes of every organisation's credit code from the saved cursor, in
 * groups of 200 codes. Each group reads to the register's end; the cursor saved is the least far
 * of the groups, so a change committed while the groups were read is never skipped (applying one
 * twice changes nothing: versions are compared).
 */
async function followChanges(ctx: UseCaseContext, hub: HubEntities): Promise<number> {
  const db = hubLinkDb(ctx.db);
  const codes = (
    await db.selectFrom('organisation').select('creditCode').orderBy('creditCode').execute()
  ).map((row) => row.creditCode);
  if (codes.length === 0) return 0;
  const subscription = await db
    .selectFrom('hubEntitySubscription')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirst();
  const start = subscription?.cursor ?? null;
  let updated = 0;
  let least: string | null = null;
  for (let i = 0; i < codes.length; i += CODES_PER_REQUEST) {
    const group = codes.slice(i, i + CODES_PER_REQUEST);
    let cursor = start;
    for (;;) {
      const page = await hub.changes(group, cursor, CHANGES_PER_PAGE);
      for (const change of page.items) if (await applyChange(ctx, change)) updated++;
      cursor = page.next;
      if (page.items.length < CHANGES_PER_PAGE) break;
    }
    if (least === null || positionOf(cursor) < positionOf(least)) least = cursor;
  }
  if (least !== start) {
    // A read position, not business state: no audit event for it.
    await db
      .updateTable('hubEntitySubscription')
      .set({ cursor: least, updatedAt: ctx.clock.now().toISOString() })
      .where('id', '=', 1)
      .execute();
  }
  return updated;
}

/**
 * One round of the subscription to the hub's entity register: organisations not followed yet are
 * looked up (deferred sign-up checks among them), then the changes of all its organisations. Throws HubUnreachable when the hub does not answer;
 * what was done before stays done.
 */
export async function syncOrganisationsFromHub(ctx: UseCaseContext, hub: HubEntities): Promise<SyncRound> {
  const checked = await lookUpNewlyFollowed(ctx, hub);
  const updated = await followChanges(ctx, hub);
  return { checked, updated };
}
