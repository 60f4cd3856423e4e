import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/domain/errors.ts';
import { withRuleOverrides } from '../../src/domain/rules/legal-rules.ts';
import {
  clarificationViolation,
  earliestLawfulDeadline,
} from '../../src/domain/tender/clarification-rules.ts';
import {
  isReplyOverdue,
  latestObjectionTime,
  objectionViolation,
  replyDueAt,
  shiftedByPause,
} from '../../src/domain/tender/objection-rules.ts';

const at = (cst: string) => new Date(`${cst.replace(' ', 'T')}:00+08:00`);
const deadline = at('2026-03-25 10:00');

describe('clarification rules (T4, T4P)', () => {
  it('the earliest lawful deadline keeps the time of day, 15 CST days after now', () => {
    expect(earliestLawfulDeadline(at('2026-03-11 00:00'), deadline, 'tender')).toEqual(
      at('2026-03-26 10:00'),
    );
    expect(earliestLawfulDeadline(at('2026-03-11 23:59'), deadline, 'tender')).toEqual(
      at('2026-03-26 10:00'),
    );
    expect(earliestLawfulDeadline(at('2026-03-20 08:00'), deadline, 'tender')).toEqual(
      at('2026-04-04 10:00'),
    );
    expect(
      earliestLawfulDeadline(at('2026-03-14 08:00'), at('2026-03-16 10:00'), 'prequalification'),
    ).toEqual(at('2026-03-17 10:00'));
  });

  it('refuses at 14 days, accepts at 15, or at 14 with a lawful new deadline', () => {
    const refused = clarificationViolation({
      now: at('2026-03-11 00:00'),
      kind: 'tender',
      affectsPreparation: true,
      deadline,
    });
    expect(isAppError(refused) && refused.params).toMatchObject({
      rule: 'T4',
      kind: 'min',
      limit: 15,
      actual: 14,
      unit: 'days',
      earliest: at('2026-03-26 10:00').toISOString(),
    });
    expect(
      clarificationViolation({
        now: at('2026-03-10 23:59'),
        kind: 'tender',
        affectsPreparation: true,
        deadline,
      }),
    ).toBeNull();
    expect(
      clarificationViolation({
        now: at('2026-03-11 00:00'),
        kind: 'tender',
        affectsPreparation: true,
        deadline,
        newDeadline: at('2026-03-26 10:00'),
      }),
    ).toBeNull();
    expect(
      clarificationViolation({
        now: at('2026-03-24 00:00'),
        kind: 'tender',
        affectsPreparation: false,
        deadline,
      }),
    ).toBeNull();
  });

  it('T4P: 3 days before the pre-qualification deadline, 2 refused; overridable values', () => {
    const pq = at('2026-03-16 10:00');
    expect(
      clarificationViolation({
        now: at('2026-03-13 23:59'),
        kind: 'prequalification',
        affectsPreparation: true,
        deadline: pq,
      }),
    ).toBeNull();
    const refused = clarificationViolation({
      now: at('2026-03-14 00:00'),
      kind: 'prequalification',
      affectsPreparation: true,
      deadline: pq,
    });
    expect(refused?.params).toMatchObject({ rule: 'T4P', limit: 3, actual: 2 });
    const stricter = withRuleOverrides({ T4: 20 });
    expect(
      clarificationViolation({
        now: at('2026-03-10 00:00'),
        kind: 'tender',
        affectsPreparation: true,
        deadline,
        rules: stricter,
      })?.params,
    ).toMatchObject({ limit: 20, actual: 15 });
  });
});

describe('objection rules (T5, T5P, T5R)', () => {
  it('T5: 10 days before is in time, 9 refused with the end of the last day as the latest time', () => {
    expect(objectionViolation(at('2026-03-15 23:59'), 'tender', deadline)).toBeNull();
    const refused = objectionViolation(at('2026-03-16 00:00'), 'tender', deadline);
    expect(refused?.params).toMatchObject({
      rule: 'T5',
      limit: 10,
      actual: 9,
      latest: latestObjectionTime(deadline, 'tender').toISOString(),
    });
    expect(latestObjectionTime(deadline, 'tender').toISOString()).toBe('2026-03-15T15:59:59.999Z');
  });

  it('T5P: 2 days before the pre-qualification deadline, 1 refused', () => {
    const pq = at('2026-03-16 10:00');
    expect(objectionViolation(at('2026-03-14 23:59'), 'prequalification', pq)).toBeNull();
    expect(objectionViolation(at('2026-03-15 00:00'), 'prequalification', pq)?.params).toMatchObject({
      rule: 'T5P',
      actual: 1,
    });
  });

  it('T5R: the reply is due 3 days later; overdue after that, or when answered late', () => {
    const raised = at('2026-03-05 10:00');
    const due = replyDueAt(raised).toISOString();
    expect(due).toBe(at('2026-03-08 10:00').toISOString());
    expect(isReplyOverdue({ replyDueAt: due, repliedAt: null }, at('2026-03-08 10:00'))).toBe(false);
    expect(
      isReplyOverdue({ replyDueAt: due, repliedAt: null }, new Date(at('2026-03-08 10:00').getTime() + 1)),
    ).toBe(true);
    expect(
      isReplyOverdue(
        { replyDueAt: due, repliedAt: at('2026-03-07 10:00').toISOString() },
        at('2026-04-01 00:00'),
      ),
    ).toBe(false);
    expect(
      isReplyOverdue(
        { replyDueAt: due, repliedAt: at('2026-03-09 10:00').toISOString() },
        at('2026-04-01 00:00'),
      ),
    ).toBe(true);
  });

  it('a resumed tender moves a deadline later by the paused time', () => {
    expect(shiftedByPause(deadline, at('2026-03-05 10:00'), at('2026-03-08 16:00'))).toEqual(
      at('2026-03-28 16:00'),
    );
  });
});
