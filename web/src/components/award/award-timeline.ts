import { formatCst } from '../../format.ts';
import { translate } from '../../i18n.ts';
import type { Locale } from '../../shared-domain.ts';
import type { TimelineStatus, TimelineStep } from '../evaluation/evaluation-types.ts';

/** How the award timeline (T7, C8, T8, T9, T10) reads in the tenderer's panel. */

export const STATUS_COLOR: Readonly<Record<TimelineStatus, string>> = {
  done: 'green',
  pending: 'blue',
  late: 'red',
  not_required: 'default',
  waiting: 'default',
};

/** The legal deadline in China Standard Time, minute precision: "2026-03-12 24:00" is written 23:59. */
export function dueText(step: Pick<TimelineStep, 'dueBy' | 'dueByCst'>): string | null {
  if (step.dueByCst) return step.dueByCst;
  return step.dueBy ? formatCst(step.dueBy, 'YYYY-MM-DD HH:mm') : null;
}

/** "T7，《招标投标法实施条例》第54条" / "T7, Implementing Regulations art. 54". */
export function stepCitation(step: Pick<TimelineStep, 'rule' | 'article'>, locale: Locale): string | null {
  if (!step.rule) return null;
  if (!step.article) return step.rule;
  return locale === 'zh-CN' ? `${step.rule}，${step.article.zh}` : `${step.rule}, ${step.article.en}`;
}

/**
 * The days-left remark: "剩 2 日" while pending, "已超期" when late; nothing once done or waiting.
 */
export function daysLeftText(step: Pick<TimelineStep, 'status' | 'daysLeft'>, locale: Locale): string | null {
  if (step.status === 'late') return translate(locale, 'aw.overdue');
  if (step.status !== 'pending' || step.daysLeft === null) return null;
  if (step.daysLeft <= 0) return translate(locale, 'aw.dueToday');
  return translate(locale, step.daysLeft === 1 ? 'aw.dayLeft' : 'aw.daysLeft', { days: step.daysLeft });
}
