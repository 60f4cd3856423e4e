import { AppError } from '../errors.ts';
import { LEGAL_RULES, type LegalRule, type RuleId } from '../rules/legal-rules.ts';
import { ruleViolation } from '../rules/rule-violation.ts';

/** A chunk carries at most this many bytes; the route's body limit. */
export const MAX_CHUNK_BYTES = 64 * 1024 * 1024;
/** A file is cut into at most this many chunks. */
export const MAX_CHUNKS = 10_000;

/**
 * E2: after the bid deadline nothing is accepted. The deadline instant itself is late: the opening
 * takes place AT the deadline (T6), so `now >= deadline` is refused.
 */
export function assertBeforeBidDeadline(now: Date, deadline: string): void {
  if (now.getTime() >= new Date(deadline).getTime()) {
    throw ruleViolation('E2', { kind: 'forbidden', latest: deadline });
  }
}

export function isAfterBidDeadline(now: Date, deadline: string): boolean {
  return now.getTime() >= new Date(deadline).getTime();
}

/** E4: before the deadline nobody learns who bid or how many bids exist. */
export function assertBidsDisclosable(now: Date, deadline: string): void {
  if (!isAfterBidDeadline(now, deadline)) {
    throw ruleViolation('E4', { kind: 'forbidden', earliest: deadline });
  }
}

/** The project must be published and not paused by an objection for bids to move. */
export function assertProjectOpenForBids(project: { status: string; paused: boolean }): void {
  if (project.status !== 'published') {
    throw new AppError('INVALID_STATE', { state: project.status, action: 'bid' });
  }
  if (project.paused) throw new AppError('INVALID_STATE', { state: 'paused', action: 'bid' });
}

/** The shape of a resumable upload: how many chunks, and how long each must be. */
export interface UploadShape {
  readonly totalSize: number;
  readonly chunkSize: number;
  readonly chunkCount: number;
}

export function uploadShape(totalSize: number, chunkSize: number, maxBytes: number): UploadShape {
  if (totalSize > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { limit: `${maxBytes} bytes` });
  const chunkCount = Math.max(1, Math.ceil(totalSize / chunkSize));
  if (chunkCount > MAX_CHUNKS) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'chunkSize' },
      { details: [{ path: 'chunkSize', code: 'too_small', params: { maxChunks: MAX_CHUNKS } }] },
    );
  }
  return { totalSize, chunkSize, chunkCount };
}

export function expectedChunkSize(shape: UploadShape, index: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= shape.chunkCount) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'index' },
      { details: [{ path: 'params.index', code: 'too_big', params: { max: shape.chunkCount - 1 } }] },
    );
  }
  return index < shape.chunkCount - 1 ? shape.chunkSize : shape.totalSize - shape.chunkSize * index;
}

export interface BidBondFacts {
  readonly amountFen: number;
  readonly requiredFen: number;
  readonly estimatedPriceFen: number;
  readonly rules?: Readonly<Record<RuleId, LegalRule>>;
}

/**
 * C3: the bond paid must cover the section's required bond, and no bond may exceed 2% of the
 * estimated price (条例 26).
 */
export function assertBidBond(facts: BidBondFacts): void {
  const c3 = (facts.rules ?? LEGAL_RULES).C3;
  if (facts.amountFen < facts.requiredFen) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'bidBond.amount' },
      {
        details: [
          {
            path: 'bidBond.amount',
            code: 'too_small',
            params: { minimum: facts.requiredFen / 100, actual: facts.amountFen / 100, unit: 'yuan' },
          },
        ],
      },
    );
  }
  const maxFen = Math.floor((facts.estimatedPriceFen * c3.value) / 100);
  if (facts.amountFen > maxFen) {
    throw ruleViolation('C3', {
      kind: 'max',
      limit: maxFen / 100,
      actual: facts.amountFen / 100,
      unit: 'yuan',
    });
  }
}

/** Yuan with at most 2 decimals → integer fen. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}
