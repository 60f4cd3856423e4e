import {
  committeeCompositionViolation,
  type CommitteeComposition,
} from '../../../../src/domain/evaluation/committee-rules.ts';
import { renderMessage } from '../../shared-domain.ts';
import type { Locale } from '../../shared-domain.ts';
import { translate } from '../../i18n.ts';

export type CompositionField = 'size' | 'requirements';

/**
 * The C5 problem of a committee as the tenderer fills in the form, on the field it concerns:
 * fewer than five members or an even number is the size's; seats that do not add up to the size,
 * or experts under two thirds, are the requirements'. The text is the platform's own (rule, article).
 */
export function compositionErrors(
  composition: CommitteeComposition,
  locale: Locale,
): Partial<Record<CompositionField, string>> {
  const violation = committeeCompositionViolation(composition);
  if (!violation) return {};
  const mismatch = violation.details.find((d) => d.code === 'committee_size_mismatch');
  const text = mismatch
    ? translate(locale, 'ev.committee.sizeMismatch', {
        size: composition.size,
        experts: Number(mismatch.params?.experts ?? 0),
        representatives: composition.tendererRepresentatives,
      })
    : renderMessage(violation.code, violation.params, locale);
  return { [fieldOf(violation.code, violation.params, violation.details, composition.size)]: text };
}

/** What `refusalField` reads of an ApiError. */
export interface Refusal {
  readonly code: string;
  readonly details?:
    readonly { path: string; params?: Readonly<Record<string, unknown>> | undefined }[] | undefined;
}

/** The field a refusal of the committee request (the platform's 422) is about, if any. */
export function refusalField(error: Refusal, size: number): CompositionField | null {
  if (error.code !== 'RULE_VIOLATION' && error.code !== 'VALIDATION_FAILED') return null;
  const details = error.details ?? [];
  const params = details[0]?.params ?? {};
  if (details.some((d) => d.path.endsWith('requirements') || d.path.includes('requirements.'))) {
    return 'requirements';
  }
  if (details.some((d) => d.path.endsWith('size'))) return 'size';
  return details.some((d) => d.path === 'C5') ? fieldOf('RULE_VIOLATION', params, [], size) : null;
}

function fieldOf(
  code: string,
  params: Readonly<Record<string, unknown>>,
  details: readonly { path: string }[],
  size: number,
): CompositionField {
  if (details.some((d) => d.path.endsWith('requirements'))) return 'requirements';
  if (code === 'RULE_VIOLATION' && params.actual === size) return 'size';
  return 'requirements';
}
