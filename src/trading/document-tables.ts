/** Tables of migration 0003: documents, obtaining, pre-qualification, clarifications, objections. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the documents work
export interface DocumentTables {}
