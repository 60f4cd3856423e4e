import { Alert, App, Button, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useLocale } from '../../i18n.ts';
import { CstDateTimeInput } from '../CstDateTimeInput.tsx';
import { CstTime } from '../CstTime.tsx';
import { HashText } from '../HashText.tsx';
import { RefusalAlert, StatusTag } from '../TradingBits.tsx';
import type { EvaluationApi, EvaluationSession } from './evaluation-api.ts';

/**
 * The tenderer's view of a section's evaluation: open it once the opening record exists and the
 * committee is drawn (E8), follow its progress (members appear by seat only), and extend its time
 * when more than a third of the members ask (条例 48).
 */
export function EvaluationStatusPanel({
  api,
  sectionId,
  onReport,
}: {
  readonly api: EvaluationApi;
  readonly sectionId: string;
  /** Told whether the report is final, so the award panel shows. */
  readonly onReport: (final: boolean) => void;
}) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [session, setSession] = useState<EvaluationSession | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [until, setUntil] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  const load = useCallback(() => {
    api
      .session(sectionId)
      .then((loaded) => {
        setSession(loaded);
        onReport(loaded.report?.status === 'final');
      })
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 404) setSession(null);
        else setError(failure);
      });
  }, [api, sectionId, onReport]);
  useEffect(load, [load]);

  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      void message.success(t('ev.done'));
      load();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  if (session === undefined && !error) return null;
  if (!session) {
    return (
      <div data-testid="evaluation-status">
        <Typography.Paragraph type="secondary">{t('ev.openHint')}</Typography.Paragraph>
        <Button
          type="primary"
          loading={busy}
          onClick={() => void run(() => api.openEvaluation(sectionId))}
          data-testid="evaluation-open"
        >
          {t('ev.open')}
        </Button>
        <RefusalAlert error={error} />
      </div>
    );
  }
  const rejected = session.bids.filter((b) => b.review === 'rejected').length;
  const passed = session.bids.filter((b) => b.review === 'passed').length;
  return (
    <div data-testid="evaluation-status">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('ev.status')}>
          <StatusTag prefix="ev.session" value={session.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ev.openedAt')}>
          <CstTime value={session.openedAt} marker />
        </Descriptions.Item>
        <Descriptions.Item label={t('ev.extendedUntil')}>
          <CstTime value={session.extendedUntil} marker />
        </Descriptions.Item>
        <Descriptions.Item label={t('ev.members')}>
          {session.members.map((m) => (
            <Tag key={m.label}>
              {m.name ?? m.label}
              {m.chair ? ` · ${t('ev.chair')}` : ''}
            </Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('ev.reviewProgress')}>
          {t('ev.reviewCounts', { passed, rejected, total: session.bids.length })}
        </Descriptions.Item>
        <Descriptions.Item label={t('ev.scoreProgress')}>
          {session.scoreSheetsHandedIn} / {session.members.length}
        </Descriptions.Item>
        <Descriptions.Item label={t('ev.report')}>
          {session.report ? (
            <Space size={4}>
              <Tag color={session.report.status === 'final' ? 'green' : 'blue'}>
                {t(session.report.status === 'final' ? 'ev.report.final' : 'ev.report.draft')}
              </Tag>
              <HashText value={session.report.reportSha256} />
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('ev.signatures')}>
          {session.signatures.length} / {session.members.length}
        </Descriptions.Item>
        <Descriptions.Item label={t('ev.dissents')}>{session.dissents}</Descriptions.Item>
      </Descriptions>
      {session.moreTimeRequired ? (
        <Alert type="warning" showIcon title={t('ev.moreTimeRequiredTenderer')} className="zc-ev-block" />
      ) : null}
      {session.status === 'open' ? (
        <Space wrap className="zc-ev-block">
          <CstDateTimeInput value={until} onChange={setUntil} />
          <Input
            className="zc-filter-wide"
            placeholder={t('ev.extendReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button
            disabled={!until || !reason.trim()}
            loading={busy}
            onClick={() => void run(() => api.extendEvaluation(sectionId, until!, reason.trim()))}
          >
            {t('ev.extend')}
          </Button>
        </Space>
      ) : null}
      <RefusalAlert error={error} />
    </div>
  );
}
