import { renderMessage } from '../../domain/messages.ts';
import type { Locale } from '../../domain/locale.ts';
import type { AuditChange } from '../../domain/audit.ts';
import { AppError } from '../../domain/errors.ts';
import { LEGAL_RULES } from '../../domain/rules/legal-rules.ts';
import { ruleViolation } from '../../domain/rules/rule-violation.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { appendOutbox } from '../outbox.ts';
import { tenderSeal } from '../tender-seal.ts';
import { tradingTrx } from '../schema.ts';
import { deliverNotices } from './notices.ts';
import { loadProject } from './project-access.ts';
import { assertReviewable } from './review-prequalification.ts';

export interface PublishPrequalificationOptions {
  readonly projectId: string;
  /** The language of the violation message in the result. */
  readonly locale: Locale;
}

export interface PrequalificationOutcome {
  readonly projectId: string;
  readonly outcome: 'qualified' | 'failed';
  readonly qualifiedCount: number;
  readonly qualified: { organisationId: string; organisationName: string }[];
  readonly violation: { rule: string; message: string; params: Record<string, string | number> } | null;
  readonly publishedAt: string;
}

/**
 * Publishes the pre-qualification result once every application is reviewed: each applicant is
 * told its own result (not who else qualified). With fewer than 3 qualified (条例 19, C2) the tender
 * fails and must be re-tendered: the project becomes 'failed' and the hub is told (517).
 */
export async function publishPrequalification(
  ctx: UseCaseContext,
  options: PublishPrequalificationOptions,
): Promise<PrequalificationOutcome> {
  return runAudited(ctx, async (rawTrx, now) => {
    const trx = tradingTrx(rawTrx);
    const view = await loadProject(trx, options.projectId);
    await assertReviewable(trx, view, ctx, now);
    const applications = await trx
      .selectFrom('prequalificationApplication')
      .innerJoin('organisation', 'organisation.id', 'prequalificationApplication.organisationId')
      .select([
        'prequalificationApplication.id',
        'prequalificationApplication.organisationId',
        'prequalificationApplication.result',
        'prequalificationApplication.reason',
        'organisation.name as organisationName',
      ])
      .where('prequalificationApplication.projectId', '=', options.projectId)
      .orderBy('prequalificationApplication.submittedAt')
      .execute();
    const pending = applications.filter((a) => a.result === 'pending').length;
    if (pending > 0)
      throw new AppError('INVALID_STATE', {
        state: `unreviewed:${pending}`,
        action: 'publish pre-qualification',
      });

    const at = now.toISOString();
    const qualified = applications
      .filter((a) => a.result === 'qualified')
      .map((a) => ({ organisationId: a.organisationId, organisationName: a.organisationName }));
    const c2 = LEGAL_RULES.C2;
    const failed = qualified.length < c2.value;
    const error = failed
      ? ruleViolation('C2', { kind: 'min', limit: c2.value, actual: qualified.length, unit: 'count' })
      : null;
    await trx
      .insertInto('prequalificationOutcome')
      .values({
        projectId: options.projectId,
        outcome: failed ? 'failed' : 'qualified',
        ruleId: failed ? 'C2' : null,
        qualifiedCount: qualified.length,
        publishedAt: at,
      })
      .execute();
    const name = view.project.name;
    const audit: AuditChange[] = [];
    if (error) {
      await trx
        .updateTable('tenderProject')
        .set({ status: 'failed', updatedAt: at })
        .where('id', '=', options.projectId)
        .execute();
      const message = renderMessage('RULE_VIOLATION', error.params, 'zh-CN');
      await deliverNotices(
        trx,
        applications.map((a) => a.organisationId),
        {
          projectId: options.projectId,
          kind: 'tender_failed',
          title: `招标失败，将重新招标：${name}`,
          body: message,
          objectId: options.projectId,
        },
        now,
      );
      await appendOutbox(
        trx,
        {
          eventType: 'tender.failed',
          dataSetCode: '517',
          aggregateType: 'tender_project',
          aggregateId: options.projectId,
          payload: {
            projectId: options.projectId,
            dealCode: view.project.dealCode,
            reason: 'C2',
            article: c2.article.zh,
            limit: c2.value,
            qualifiedCount: qualified.length,
            failedAt: at,
          },
        },
        now,
      );
      audit.push({
        action: 'prequalification.failed',
        objectType: 'tender_project',
        objectId: options.projectId,
        state: { projectId: options.projectId, status: 'failed', reason: 'C2' },
        detail: { rule: 'C2', limit: c2.value, qualifiedCount: qualified.length },
      });
    } else {
      for (const application of applications) {
        const ok = application.result === 'qualified';
        await deliverNotices(
          trx,
          [application.organisationId],
          {
            projectId: options.projectId,
            kind: 'prequalification_result',
            title: `资格预审结果：${ok ? '通过' : '未通过'}（${name}）`,
            body: ok
              ? '贵单位通过资格预审，可以下载招标文件并投标。'
              : `贵单位未通过资格预审。理由：${application.reason ?? ''}`,
            objectId: application.id,
          },
          now,
        );
      }
    }
    const result: PrequalificationOutcome = {
      projectId: options.projectId,
      outcome: failed ? 'failed' : 'qualified',
      qualifiedCount: qualified.length,
      qualified,
      violation: error
        ? {
            rule: 'C2',
            message: renderMessage('RULE_VIOLATION', error.params, options.locale),
            params: error.params,
          }
        : null,
      publishedAt: at,
    };
    audit.unshift({
      action: 'prequalification.published',
      objectType: 'tender_project',
      objectId: options.projectId,
      state: { projectId: options.projectId, outcome: result.outcome, publishedAt: at },
      ...(failed ? {} : { seal: tenderSeal(options.projectId, view.announcement!.bidDeadline) }),
    });
    return { result, audit };
  });
}
