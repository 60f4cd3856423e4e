import { addDays, cstDate, cstDaysBetween } from '../cst.ts';
import type { AppError } from '../errors.ts';
import { LEGAL_RULES, type LegalRule, type RuleId } from '../rules/legal-rules.ts';
import { ruleViolation } from '../rules/rule-violation.ts';

export type Qualification = 'pre' | 'post';

/** An announcement's schedule. The bid deadline is also the opening time (T6). */
export interface TenderSchedule {
  readonly documentIssueStart: Date;
  readonly documentIssueEnd: Date;
  readonly bidDeadline: Date;
  readonly openingAt: Date;
  /** Pre-qualification application deadline (资格预审申请截止), for pre-qualification only. */
  readonly prequalificationDeadline?: Date | null;
}

export interface ScheduleContext {
  readonly mustTender: boolean;
  readonly qualification: Qualification;
  readonly rules?: Readonly<Record<RuleId, LegalRule>>;
}

function applies(rule: LegalRule, mustTender: boolean): boolean {
  return rule.scope === 'all' || mustTender;
}

/**
 * Checks T1, T2, T3 and T6 against a schedule. Returns every violation, each naming its rule,
 * article, minimum, the actual value and the earliest date that would comply; empty when lawful.
 */
export function scheduleViolations(schedule: TenderSchedule, context: ScheduleContext): AppError[] {
  const rules = context.rules ?? LEGAL_RULES;
  const violations: AppError[] = [];

  const t2 = rules.T2;
  const issueDays = cstDaysBetween(schedule.documentIssueStart, schedule.documentIssueEnd);
  if (applies(t2, context.mustTender) && issueDays < t2.value) {
    violations.push(
      ruleViolation('T2', {
        kind: 'min',
        limit: t2.value,
        actual: issueDays,
        unit: 'days',
        earliest: addDays(schedule.documentIssueEnd, t2.value - issueDays).toISOString(),
      }),
    );
  }

  const t1 = rules.T1;
  const tenderDays = cstDaysBetween(schedule.documentIssueStart, schedule.bidDeadline);
  if (applies(t1, context.mustTender) && tenderDays < t1.value) {
    violations.push(
      ruleViolation('T1', {
        kind: 'min',
        limit: t1.value,
        actual: tenderDays,
        unit: 'days',
        earliest: addDays(schedule.bidDeadline, t1.value - tenderDays).toISOString(),
      }),
    );
  }

  const t3 = rules.T3;
  if (
    context.qualification === 'pre' &&
    schedule.prequalificationDeadline &&
    applies(t3, context.mustTender)
  ) {
    const days = cstDaysBetween(schedule.documentIssueEnd, schedule.prequalificationDeadline);
    if (days < t3.value) {
      violations.push(
        ruleViolation('T3', {
          kind: 'min',
          limit: t3.value,
          actual: days,
          unit: 'days',
          earliest: addDays(schedule.prequalificationDeadline, t3.value - days).toISOString(),
        }),
      );
    }
  }

  if (schedule.openingAt.getTime() !== schedule.bidDeadline.getTime()) {
    violations.push(ruleViolation('T6', { kind: 'forbidden', earliest: schedule.bidDeadline.toISOString() }));
  }
  return violations;
}

/** The earliest lawful value of one schedule field and the rules that set it. */
export interface ScheduleMinimum {
  /** The same CST time of day as the issue start, on the earliest lawful day. */
  readonly earliest: Date;
  /** The earliest lawful CST calendar date (any time that day complies), YYYY-MM-DD. */
  readonly earliestDate: string;
  readonly rules: readonly RuleId[];
}

export interface ScheduleMinimums {
  readonly documentIssueEnd: ScheduleMinimum;
  readonly bidDeadline: ScheduleMinimum;
  /** Only for pre-qualification. */
  readonly prequalificationDeadline: ScheduleMinimum | null;
}

/**
 * For a proposed first day of issue, the earliest end of issue (T2), pre-qualification deadline
 * (T3, after the earliest end of issue) and bid deadline (T1, and not before the other two) that
 * `scheduleViolations` accepts. Rules out of scope (non-must-tender projects) set no minimum.
 */
export function scheduleMinimums(documentIssueStart: Date, context: ScheduleContext): ScheduleMinimums {
  const rules = context.rules ?? LEGAL_RULES;
  const days = (id: RuleId) => (applies(rules[id], context.mustTender) ? rules[id].value : 0);
  const minimum = (earliest: Date, ruleIds: RuleId[]): ScheduleMinimum => ({
    earliest,
    earliestDate: cstDate(earliest),
    rules: ruleIds,
  });

  const issueEnd = addDays(documentIssueStart, days('T2'));
  const documentIssueEnd = minimum(issueEnd, days('T2') > 0 ? ['T2'] : []);
  let prequalificationDeadline: ScheduleMinimum | null = null;
  if (context.qualification === 'pre') {
    prequalificationDeadline = minimum(addDays(issueEnd, days('T3')), [
      ...documentIssueEnd.rules,
      ...(days('T3') > 0 ? (['T3'] as const) : []),
    ]);
  }
  const byT1 = addDays(documentIssueStart, days('T1'));
  const candidates: ScheduleMinimum[] = [
    minimum(byT1, days('T1') > 0 ? ['T1'] : []),
    documentIssueEnd,
    ...(prequalificationDeadline ? [prequalificationDeadline] : []),
  ];
  const latest = candidates.reduce((a, b) => (b.earliest.getTime() > a.earliest.getTime() ? b : a));
  return { documentIssueEnd, bidDeadline: latest, prequalificationDeadline };
}
