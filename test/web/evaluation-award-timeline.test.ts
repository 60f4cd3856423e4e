import { describe, expect, it } from 'vitest';
import {
  daysLeftText,
  dueText,
  stepCitation,
  STATUS_COLOR,
} from '../../web/src/components/award/award-timeline.ts';

const T7 = { zh: '《招标投标法实施条例》第54条', en: 'Implementing Regulations art. 54' };

describe('award timeline formatting', () => {
  it("shows the server's CST deadline, or formats the instant in CST to the minute", () => {
    expect(dueText({ dueBy: '2026-03-12T15:59:59.999Z', dueByCst: '2026-03-12 24:00' })).toBe(
      '2026-03-12 24:00',
    );
    // 15:59 UTC is 23:59 in Beijing, whatever the zone of the machine running the test.
    expect(dueText({ dueBy: '2026-03-12T15:59:00.000Z', dueByCst: null })).toBe('2026-03-12 23:59');
    expect(dueText({ dueBy: null, dueByCst: null })).toBeNull();
  });

  it('cites the rule with its article in each language', () => {
    expect(stepCitation({ rule: 'T7', article: T7 }, 'zh-CN')).toBe('T7，《招标投标法实施条例》第54条');
    expect(stepCitation({ rule: 'T7', article: T7 }, 'en-US')).toBe('T7, Implementing Regulations art. 54');
    expect(stepCitation({ rule: 'C8', article: null }, 'zh-CN')).toBe('C8');
    expect(stepCitation({ rule: null, article: null }, 'zh-CN')).toBeNull();
  });

  it('says how long is left while pending, overdue when late, nothing otherwise', () => {
    expect(daysLeftText({ status: 'pending', daysLeft: 3 }, 'zh-CN')).toBe('剩 3 日');
    expect(daysLeftText({ status: 'pending', daysLeft: 1 }, 'en-US')).toBe('1 day left');
    expect(daysLeftText({ status: 'pending', daysLeft: 2 }, 'en-US')).toBe('2 days left');
    expect(daysLeftText({ status: 'pending', daysLeft: 0 }, 'zh-CN')).toBe('今日截止');
    expect(daysLeftText({ status: 'late', daysLeft: -2 }, 'zh-CN')).toBe('已超期');
    expect(daysLeftText({ status: 'done', daysLeft: null }, 'zh-CN')).toBeNull();
    expect(daysLeftText({ status: 'waiting', daysLeft: 5 }, 'zh-CN')).toBeNull();
  });

  it('colours late red and done green', () => {
    expect(STATUS_COLOR.late).toBe('red');
    expect(STATUS_COLOR.done).toBe('green');
  });
});
