import type { Actor } from './actor.ts';

/** Every kind of state change the platforms record. One list, so reports and filters know them all. */
export const AUDIT_ACTIONS = [
  'organisation.registered',
  'organisation.synced_from_hub',
  'user.added',
  'user.disabled',
  'auth.logged_in',
  'auth.login_failed',
  'auth.logged_out',
  'blob.stored',
  'bid.upload_opened',
  'bid.submitted',
  'bid.replaced',
  'bid.withdrawn',
  'bid.decrypted',
  'bid.decryption_failed',
  'opening_key.recorded',
  'opening_key.share_submitted',
  'opening_key.reassembled',
  'document.uploaded',
  'document.obtained',
  'clarification.published',
  'objection.raised',
  'objection.replied',
  'objection.tender_paused',
  'objection.tender_resumed',
  'prequalification.applied',
  'prequalification.reviewed',
  'prequalification.published',
  'prequalification.failed',
  'notice.read',
  'entrustment.recorded',
  'entrustment.revoked',
  'organisation_relation.recorded',
  'project.created',
  'project.updated',
  'announcement.drafted',
  'project.published',
  'expert.created',
  'expert.updated',
  'expert.availability_set',
  'committee.requested',
  'committee.draw_committed',
  'committee.draw_substituted',
  'committee.frozen',
  'committee.draw_revealed',
  'committee.drawn',
  'committee.expert_replaced',
  'tender.failed',
  'tender.terminated',
  'tender.retendered',
  'opening.signed_in',
  'opening.opened',
  'opening.window_closed',
  'opening.read_out',
  'opening.record_confirmed',
  'opening.objection_raised',
  'opening.objection_answered',
  'project.archive_exported',
  'evaluation.opened',
  'evaluation.bid_downloaded',
  'evaluation.review_voted',
  'evaluation.chair_nominated',
  'evaluation.score_sheet_saved',
  'evaluation.clarification_recorded',
  'evaluation.price_deviation_recorded',
  'evaluation.price_deviation_removed',
  'evaluation.report_drafted',
  'evaluation.dissent_recorded',
  'evaluation.report_signed',
  'evaluation.more_time_requested',
  'evaluation.time_extended',
  'evaluation.report_finalised',
  'award.candidates_published',
  'award.objection_raised',
  'award.objection_answered',
  'award.candidate_standing_recorded',
  'award.awarded',
  'award.revoked',
  'award.contract_recorded',
  'award.supervisor_reported',
  'award.bond_refunded',
  'exchange.platform_registered',
  'exchange.platform_approved',
  'exchange.platform_rejected',
  'exchange.platform_suspended',
  'exchange.messages_applied',
  'exchange.messages_staged',
  'exchange.delivered',
  'exchange.delivery_refused',
  'exchange.delivery_retried',
  'ca.registered',
  'ca.crl_uploaded',
  'ca.withdrawn',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditSeal {
  readonly key: string;
  /** ISO 8601 instant. */
  readonly until: string;
}

/** What a use case says about its change; the repository adds who, when and the hashes. */
export interface AuditChange {
  readonly action: AuditAction;
  readonly objectType: string;
  readonly objectId: string;
  /** The new state of the object; its canonical-JSON hash goes into the event. */
  readonly state: unknown;
  /** Extra facts worth keeping (never secrets). */
  readonly detail?: Record<string, unknown>;
  /**
   * Withholds the event from every audit listing while its seal holds: who obtained the documents
   * and who bid stay secret until the bid deadline (E4), even from the operator. The seal is
   * named by `key` (one per tender) so that it moves when the deadline moves; `until` is where it
   * starts when the event is the first under that key.
   */
  readonly seal?: AuditSeal;
}

/**
 * The stored event. `eventHash` covers every other field (canonical JSON), so a Merkle ledger can
 * take it as a leaf and detect any edit of the row.
 */
export interface AuditEvent {
  readonly id: string;
  readonly occurredAt: string;
  readonly actorUserId: string | null;
  readonly actorUsername: string | null;
  readonly actorOrganisationId: string | null;
  readonly actorRoles: string;
  readonly ip: string;
  readonly userAgent: string | null;
  readonly action: AuditAction;
  readonly objectType: string;
  readonly objectId: string;
  readonly stateHash: string;
  readonly detail: string;
  readonly sealKey: string | null;
}

export function auditEventFields(
  id: string,
  occurredAt: Date,
  actor: Actor,
  change: AuditChange,
  stateHash: string,
  canonical: (value: unknown) => string,
): AuditEvent {
  return {
    id,
    occurredAt: occurredAt.toISOString(),
    actorUserId: actor.userId,
    actorUsername: actor.username,
    actorOrganisationId: actor.organisationId,
    actorRoles: actor.roles.join(','),
    ip: actor.ip,
    userAgent: actor.userAgent,
    action: change.action,
    objectType: change.objectType,
    objectId: change.objectId,
    stateHash,
    detail: canonical(change.detail ?? {}),
    sealKey: change.seal?.key ?? null,
  };
}
