import { AppError } from '../../domain/errors.ts';
import type { ProjectInput } from '../../domain/schemas/project-schemas.ts';
import { refuseAll, type Violation } from '../../domain/tender/refusal.ts';
import { sectionViolations } from '../../domain/tender/section-rules.ts';
import { toFen } from './project-views.ts';

/** A section as stored: amounts in fen, criteria and read-out items ready for canonical JSON. */
export interface SectionDraft {
  readonly name: string;
  readonly estimatedPriceFen: number;
  readonly controlPriceFen: number | null;
  readonly referencePriceFen: number | null;
  readonly bidBondFen: number;
  readonly bidValidityDays: number;
  readonly evaluationMethod: string;
  readonly criteria: readonly { name: string; weight: number }[];
  /** 唱标内容, trimmed; null: none required. */
  readonly readOutItems: readonly string[] | null;
}

export interface ProjectDraft {
  readonly name: string;
  readonly procedure: string;
  readonly qualification: string;
  readonly mustTender: number;
  readonly stateFunded: number;
  readonly cipherSuite: string;
  readonly openingKeyRemedy: number;
  readonly decryptionWindowMinutes: number;
  readonly region: string | null;
  readonly industry: string | null;
  readonly sections: readonly SectionDraft[];
}

/**
 * Checks a project's input and converts it for storage. Refuses C3/C10 breaches (RULE_VIOLATION)
 * and evaluation criteria that do not fit the method or read-out items named blank or twice
 * (VALIDATION_FAILED), all at once.
 */
export function projectDraftFrom(input: ProjectInput): ProjectDraft {
  const violations: Violation[] = [];
  const name = input.name.trim();
  if (!name) {
    violations.push({ path: 'name', error: new AppError('VALIDATION_FAILED', { fields: 'name' }) });
  }
  input.sections.forEach((section, index) => {
    const path = `sections.${index}`;
    if (!section.name.trim()) {
      violations.push({
        path: `${path}.name`,
        error: new AppError('VALIDATION_FAILED', { fields: `${path}.name` }),
      });
    }
    const criteriaPath = `${path}.criteria`;
    const invalidCriteria = (code: string) =>
      violations.push({
        path: criteriaPath,
        error: new AppError(
          'VALIDATION_FAILED',
          { fields: criteriaPath },
          { details: [{ path: criteriaPath, code }] },
        ),
      });
    if (section.evaluationMethod === 'comprehensive') {
      const sum = section.criteria.reduce((total, c) => total + c.weight, 0);
      if (section.criteria.length === 0) invalidCriteria('required');
      else if (Math.round(sum * 1e6) !== 100e6) invalidCriteria('weights_sum_100');
    } else if (section.criteria.length > 0) {
      invalidCriteria('not_allowed');
    }
    const itemsProblem = readOutItemsProblem(section.readOutItems);
    if (itemsProblem) {
      const itemsPath = `${path}.readOutItems`;
      violations.push({
        path: itemsPath,
        error: new AppError(
          'VALIDATION_FAILED',
          { fields: itemsPath },
          { details: [{ path: itemsPath, code: itemsProblem }] },
        ),
      });
    }
  });
  const amounts = input.sections.map((s) => ({
    estimatedPriceFen: toFen(s.estimatedPrice),
    bidBondFen: toFen(s.bidBond),
    referencePricesFen: s.referencePrices.map(toFen),
    minimumBidPriceFen:
      s.minimumBidPrice === undefined || s.minimumBidPrice === null ? null : toFen(s.minimumBidPrice),
  }));
  for (const { index, error } of sectionViolations(amounts)) {
    const field =
      error.params.rule === 'C3'
        ? 'bidBond'
        : error.params.kind === 'forbidden'
          ? 'minimumBidPrice'
          : 'referencePrices';
    violations.push({ path: `sections.${index}.${field}`, error });
  }
  if (violations.length) throw refuseAll(violations);

  return {
    name,
    procedure: input.procedure,
    qualification: input.qualification,
    mustTender: input.mustTender ? 1 : 0,
    stateFunded: input.stateFunded ? 1 : 0,
    cipherSuite: input.sealing.suite,
    openingKeyRemedy: input.sealing.openingKeyRemedy ? 1 : 0,
    decryptionWindowMinutes: input.sealing.decryptionWindowMinutes,
    region: input.region?.trim() || null,
    industry: input.industry?.trim() || null,
    sections: input.sections.map((s, index) => ({
      name: s.name.trim(),
      estimatedPriceFen: amounts[index]!.estimatedPriceFen,
      controlPriceFen: s.controlPrice === undefined || s.controlPrice === null ? null : toFen(s.controlPrice),
      referencePriceFen: amounts[index]!.referencePricesFen[0] ?? null,
      bidBondFen: amounts[index]!.bidBondFen,
      bidValidityDays: s.bidValidityDays,
      evaluationMethod: s.evaluationMethod,
      criteria:
        s.evaluationMethod === 'comprehensive'
          ? s.criteria.map((c) => ({ name: c.name.trim(), weight: c.weight }))
          : [],
      readOutItems: s.readOutItems ? s.readOutItems.map((name) => name.trim()) : null,
    })),
  };
}

/** Bid forms key their items by these names, so each must say something and name one item only. */
function readOutItemsProblem(names: readonly string[] | null | undefined): string | null {
  if (!names) return null;
  const trimmed = names.map((name) => name.trim());
  if (trimmed.some((name) => !name)) return 'blank';
  return new Set(trimmed).size === trimmed.length ? null : 'duplicate';
}
