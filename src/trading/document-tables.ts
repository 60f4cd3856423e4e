/** Tables of migration 0003: documents, obtaining, pre-qualification, clarifications, objections, notices. */
export interface DocumentTables {
  tenderDocument: {
    id: string;
    projectId: string;
    /** 'tender' (招标文件) or 'prequalification' (资格预审文件). */
    kind: string;
    title: string;
    createdAt: string;
  };
  documentVersion: {
    id: string;
    documentId: string;
    projectId: string;
    version: number;
    filename: string;
    blobHash: string;
    size: number;
    /** 'current', 'superseded', or 'pending' (uploaded after publication, awaiting its clarification). */
    status: string;
    clarificationId: string | null;
    uploadedAt: string;
    uploadedBy: string | null;
  };
  /** 获取招标文件: who obtained the documents; secret until the bid deadline (E4). */
  documentObtainment: {
    id: string;
    projectId: string;
    organisationId: string;
    userId: string | null;
    obtainedAt: string;
  };
  clarification: {
    id: string;
    projectId: string;
    /** 'tender', 'prequalification', or 'schedule' (the schedule moved after an objection pause). */
    kind: string;
    title: string;
    body: string;
    affectsPreparation: number;
    previousBidDeadline: string;
    newBidDeadline: string | null;
    previousPrequalificationDeadline: string | null;
    newPrequalificationDeadline: string | null;
    objectionId: string | null;
    publishedAt: string;
    publishedByOrganisationId: string | null;
  };
  objection: {
    id: string;
    projectId: string;
    /** 'tender' or 'prequalification': which documents it is about. */
    kind: string;
    organisationId: string;
    userId: string | null;
    body: string;
    raisedAt: string;
    replyDueAt: string;
    reply: string | null;
    repliedAt: string | null;
    repliedByOrganisationId: string | null;
  };
  prequalificationApplication: {
    id: string;
    projectId: string;
    organisationId: string;
    filename: string;
    blobHash: string;
    size: number;
    submittedAt: string;
    /** 'pending', 'qualified' or 'not_qualified'. */
    result: string;
    reason: string | null;
    reviewedAt: string | null;
  };
  prequalificationOutcome: {
    projectId: string;
    /** 'qualified' (the list is published) or 'failed' (C2: re-tender). */
    outcome: string;
    ruleId: string | null;
    qualifiedCount: number;
    publishedAt: string;
  };
  notice: {
    id: string;
    recipientOrganisationId: string;
    projectId: string | null;
    /** e.g. 'clarification', 'objection_reply', 'prequalification_result', 'tender_failed', 'schedule_changed'. */
    kind: string;
    title: string;
    body: string;
    objectId: string | null;
    createdAt: string;
    readAt: string | null;
  };
}
