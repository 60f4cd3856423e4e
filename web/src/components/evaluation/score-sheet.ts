import { scoreSheetProblems, toCenti, type Criterion } from '../../../../src/domain/evaluation/scoring.ts';

/**
 * The expert's score sheet as a grid of text cells (one per bid × expert-scored criterion), checked
 * as the expert types with the same rules the platform applies (`scoreSheetProblems`), and the
 * platform's own refusal (422 SCORE_SHEET_INVALID) put back on the cells it names.
 */

export interface CellProblem {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}
export type Cells = Readonly<Record<string, string>>;
export interface SheetShape {
  readonly criteria: readonly Criterion[];
  readonly priceCriterion: string | null;
  readonly bidIds: readonly string[];
}

export function cellKey(bidId: string, criterion: string): string {
  return JSON.stringify([bidId, criterion]);
}

/** The criteria an expert scores: all but the one the price formula scores. */
export function expertCriteria(shape: Pick<SheetShape, 'criteria' | 'priceCriterion'>): Criterion[] {
  return shape.criteria.filter((c) => c.name !== shape.priceCriterion);
}

/** The price criterion by the platform's default: the one named 投标报价 or 价格 (evaluation-config). */
export function defaultPriceCriterion(criteria: readonly Criterion[]): string | null {
  return criteria.find((c) => c.name === '投标报价' || c.name === '价格')?.name ?? null;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** The filled cells as score entries, in grid order; text that is not a number is left out. */
export function entriesOf(
  shape: SheetShape,
  cells: Cells,
): { bidId: string; criterion: string; points: number }[] {
  const entries: { bidId: string; criterion: string; points: number }[] = [];
  for (const bidId of shape.bidIds) {
    for (const c of expertCriteria(shape)) {
      const text = (cells[cellKey(bidId, c.name)] ?? '').trim();
      if (NUMBER.test(text)) entries.push({ bidId, criterion: c.name, points: Number(text) });
    }
  }
  return entries;
}

/** The grid as the platform last saved it. */
export function cellsOf(entries: readonly { bidId: string; criterion: string; points: number }[]): Cells {
  return Object.fromEntries(entries.map((e) => [cellKey(e.bidId, e.criterion), String(e.points)]));
}

/**
 * Every cell's problem, by cell key: text that is no number, then what `scoreSheetProblems` finds
 * (out of range, more than 2 decimals, missing). Cells without problems are absent.
 */
export function cellProblems(shape: SheetShape, cells: Cells): Map<string, CellProblem> {
  const problems = new Map<string, CellProblem>();
  for (const bidId of shape.bidIds) {
    for (const c of expertCriteria(shape)) {
      const text = (cells[cellKey(bidId, c.name)] ?? '').trim();
      if (text !== '' && !NUMBER.test(text))
        problems.set(cellKey(bidId, c.name), { code: 'not_a_number', params: {} });
    }
  }
  const entries = entriesOf(shape, cells);
  const self = 'self';
  const found = scoreSheetProblems(
    {
      criteria: shape.criteria,
      priceCriterion: shape.priceCriterion,
      bids: shape.bidIds.map((bidId) => ({ bidId, priceFen: 0, receivedAt: new Date(0) })),
    },
    self,
    entries.map((e) => ({ ...e, expertId: self })),
  );
  for (const [key, problem] of mapProblems(shape.bidIds, entries, found)) {
    if (!problems.has(key)) problems.set(key, problem);
  }
  return problems;
}

/**
 * The platform's field problems (`details` of a 422) on the cells of the entries that were sent.
 * Paths are `entries.<i>.<field>` (optionally under `body.`) or `bids.<bidId>.<criterion>`.
 */
export function mapProblems(
  bidIds: readonly string[],
  sent: readonly { bidId: string; criterion: string }[],
  details: readonly { path: string; code: string; params?: Readonly<Record<string, unknown>> | undefined }[],
): Map<string, CellProblem> {
  const problems = new Map<string, CellProblem>();
  for (const detail of details) {
    const key = cellOfPath(bidIds, sent, detail.path.replace(/^body\./, ''));
    if (key !== null && !problems.has(key))
      problems.set(key, { code: detail.code, params: plainParams(detail.params) });
  }
  return problems;
}

function cellOfPath(
  bidIds: readonly string[],
  sent: readonly { bidId: string; criterion: string }[],
  path: string,
): string | null {
  const entry = /^entries\.(\d+)(\.|$)/.exec(path);
  if (entry) {
    const sentEntry = sent[Number(entry[1])];
    return sentEntry ? cellKey(sentEntry.bidId, sentEntry.criterion) : null;
  }
  if (path.startsWith('bids.')) {
    const bidId = bidIds.find((id) => path.startsWith(`bids.${id}.`));
    if (bidId !== undefined) return cellKey(bidId, path.slice(`bids.${bidId}.`.length));
  }
  return null;
}

function plainParams(params: Readonly<Record<string, unknown>> | undefined): Record<string, string | number> {
  const plain: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') plain[name] = value;
  }
  return plain;
}

/** A bid's sum over the valid cells, in hundredths of a point (exact: at most 2 decimals each). */
export function bidSumCenti(shape: SheetShape, cells: Cells, bidId: string): number {
  return expertCriteria(shape).reduce((sum, c) => {
    const text = (cells[cellKey(bidId, c.name)] ?? '').trim();
    const centi = NUMBER.test(text) ? toCenti(Number(text)) : null;
    return sum + (centi ?? 0);
  }, 0);
}

/** Hundredths of a point as a number with exactly 2 decimals: 8649 → "86.49". */
export function formatCenti(centi: number): string {
  const sign = centi < 0 ? '-' : '';
  const abs = Math.abs(centi);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
