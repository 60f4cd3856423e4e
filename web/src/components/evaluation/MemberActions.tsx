import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { formatFen } from './money.ts';
import { formatCenti } from './score-sheet.ts';
import { useLocale } from '../../i18n.ts';
import { CstTime } from '../CstTime.tsx';
import { HashText } from '../HashText.tsx';
import { RefusalAlert } from '../TradingBits.tsx';
import type { EvaluationApi, EvaluationSession } from './evaluation-api.ts';

interface Props {
  readonly api: EvaluationApi;
  readonly session: EvaluationSession;
  readonly onChanged: () => void;
}

/** Runs one member action: busy flag, the refusal shown in place, a reload when it worked. */
export function useAction(onChanged: () => void) {
  const { message } = App.useApp();
  const { t } = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      void message.success(t('ev.done'));
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

/** Chair election: each member nominates one member; a majority of all members elects (one chair). */
export function ChairNomination({ api, session, onChanged }: Props) {
  const { t } = useLocale();
  const action = useAction(onChanged);
  const [choice, setChoice] = useState<string | undefined>();
  const chair = session.members.find((m) => m.chair);
  return (
    <div data-testid="chair-panel">
      {chair ? (
        <Alert type="success" showIcon title={t('ev.chairElected', { label: chair.name ?? chair.label })} />
      ) : (
        <Space wrap>
          <Select<string>
            className="zc-filter-wide"
            placeholder={t('ev.chairPick')}
            value={choice}
            onChange={setChoice}
            options={session.members
              .filter((m) => m.expertId)
              .map((m) => ({ value: m.expertId!, label: m.self ? `${m.label}（${t('ev.me')}）` : m.label }))}
            data-testid="chair-select"
          />
          <Button
            disabled={!choice}
            loading={action.busy}
            onClick={() => void action.run(() => api.nominateChair(session.sectionId, choice!))}
            data-testid="chair-nominate"
          >
            {t('ev.chairNominate')}
          </Button>
        </Space>
      )}
      <RefusalAlert error={action.error} />
    </div>
  );
}

/** The chair's decision on each abnormally low price, after the bidder's written explanation (条例 51 (5)). */
export function Clarifications({ api, session, onChanged }: Props) {
  const { t, locale } = useLocale();
  const action = useAction(onChanged);
  const isChair = session.members.some((m) => m.self && m.chair);
  const [decisions, setDecisions] = useState<
    Record<string, { decision?: 'accepted' | 'below_cost'; note?: string }>
  >({});
  const bidder = (bidId: string) => session.bids.find((b) => b.bidId === bidId)?.bidderName ?? bidId;
  if (session.abnormalPrices.length === 0)
    return <Typography.Text type="secondary">{t('ev.noAbnormal')}</Typography.Text>;
  return (
    <div data-testid="clarifications">
      {session.abnormalPrices.map((a) => {
        const draft = decisions[a.bidId] ?? {};
        return (
          <div key={a.bidId} className="zc-ev-block">
            <Typography.Text strong>{bidder(a.bidId)}</Typography.Text>{' '}
            <Typography.Text>
              {t('ev.abnormalLine', {
                price: formatFen(a.priceFen),
                threshold: formatFen(a.thresholdFen),
                reference: formatFen(a.referenceFen),
              })}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {locale === 'zh-CN' ? a.article.zh : a.article.en}
            </Typography.Text>
            {a.clarification ? (
              <div>
                <Tag color={a.clarification === 'below_cost' ? 'red' : 'green'}>
                  {t(a.clarification === 'below_cost' ? 'ev.clar.below_cost' : 'ev.clar.accepted')}
                </Tag>
              </div>
            ) : isChair && session.status === 'open' ? (
              <Space wrap className="zc-ev-row">
                <Radio.Group
                  value={draft.decision}
                  onChange={(e) =>
                    setDecisions({
                      ...decisions,
                      [a.bidId]: { ...draft, decision: e.target.value as 'accepted' | 'below_cost' },
                    })
                  }
                  options={[
                    { value: 'accepted', label: t('ev.clar.accepted') },
                    { value: 'below_cost', label: t('ev.clar.below_cost') },
                  ]}
                />
                <Input
                  className="zc-filter-wide"
                  placeholder={t('ev.clarNote')}
                  value={draft.note ?? ''}
                  onChange={(e) =>
                    setDecisions({ ...decisions, [a.bidId]: { ...draft, note: e.target.value } })
                  }
                />
                <Button
                  disabled={!draft.decision || !draft.note?.trim()}
                  loading={action.busy}
                  onClick={() =>
                    void action.run(() =>
                      api.recordClarification(
                        session.sectionId,
                        a.bidId,
                        draft.decision!,
                        draft.note!.trim(),
                      ),
                    )
                  }
                >
                  {t('common.submit')}
                </Button>
              </Space>
            ) : (
              <div>
                <Tag color="orange">{t('ev.clarPending')}</Tag>
              </div>
            )}
          </div>
        );
      })}
      <RefusalAlert error={action.error} />
    </div>
  );
}

interface CandidateRow {
  readonly rank: number;
  readonly bidId: string;
  readonly bidderName: string;
  readonly priceFen: number;
  readonly score: number | null;
  readonly evaluatedPriceFen: number | null;
}

/**
 * The report: the chair drafts and finalises it; each member may record a dissent and signs or
 * refuses over the SHA-256 of the findings it read (条例 53).
 */
export function ReportPanel({ api, session, onChanged }: Props) {
  const { t } = useLocale();
  const action = useAction(onChanged);
  const self = session.members.find((m) => m.self);
  const isChair = self?.chair ?? false;
  const report = session.report;
  const mySignature = session.signatures.find((s) => s.member === self?.label);
  const [dissent] = Form.useForm<{ opinion: string; reason: string }>();
  const [refusal, setRefusal] = useState('');
  const [moreTime, setMoreTime] = useState('');
  const open = session.status === 'open';
  const candidates = (report?.candidates ?? []) as CandidateRow[];

  return (
    <div data-testid="report-panel">
      {report ? (
        <>
          <Descriptions size="small" column={1} bordered className="zc-ev-block">
            <Descriptions.Item label={t('ev.reportStatus')}>
              <Tag color={report.status === 'final' ? 'green' : 'blue'}>
                {t(report.status === 'final' ? 'ev.report.final' : 'ev.report.draft')}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('ev.signedSha256')}>
              <span data-testid="report-sha256">
                <HashText value={report.signedSha256} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('ev.signatures')}>
              {session.signatures.length} / {session.members.length}
            </Descriptions.Item>
          </Descriptions>
          <Table<CandidateRow>
            rowKey="bidId"
            size="small"
            pagination={false}
            dataSource={candidates}
            columns={[
              { key: 'rank', title: t('ev.rank'), dataIndex: 'rank', width: 80 },
              { key: 'bidder', title: t('ev.bidder'), dataIndex: 'bidderName' },
              {
                key: 'price',
                title: t('ev.price'),
                dataIndex: 'priceFen',
                render: (fen: number) => formatFen(fen),
                align: 'right',
              },
              session.method === 'lowest_price'
                ? {
                    key: 'evaluated',
                    title: t('ev.evaluatedPrice'),
                    dataIndex: 'evaluatedPriceFen',
                    align: 'right',
                    render: (fen: number | null) => formatFen(fen),
                  }
                : {
                    key: 'score',
                    title: t('ev.score'),
                    dataIndex: 'score',
                    align: 'right',
                    render: (score: number | null) => (score === null ? '—' : formatCenti(score)),
                  },
            ]}
          />
        </>
      ) : (
        <Typography.Paragraph type="secondary">{t('ev.noReport')}</Typography.Paragraph>
      )}

      {open && isChair && (!report || session.signatures.length === 0) ? (
        <Button
          loading={action.busy}
          onClick={() => void action.run(() => api.draftReport(session.sectionId))}
          data-testid="report-draft"
        >
          {report ? t('ev.redraft') : t('ev.draft')}
        </Button>
      ) : null}

      {open && report && !mySignature ? (
        <div className="zc-ev-block">
          <Typography.Paragraph>{t('ev.signHint', { sha: report.signedSha256 })}</Typography.Paragraph>
          <Space wrap>
            <Button
              type="primary"
              loading={action.busy}
              onClick={() =>
                void action.run(() => api.signReport(session.sectionId, report.signedSha256, 'signed', null))
              }
              data-testid="report-sign"
            >
              {t('ev.sign')}
            </Button>
            <Input
              className="zc-filter-wide"
              placeholder={t('ev.refuseReason')}
              value={refusal}
              onChange={(e) => setRefusal(e.target.value)}
            />
            <Button
              danger
              loading={action.busy}
              onClick={() =>
                void action.run(() =>
                  api.signReport(session.sectionId, report.signedSha256, 'refused', refusal.trim() || null),
                )
              }
              data-testid="report-refuse"
            >
              {t('ev.refuse')}
            </Button>
          </Space>
        </div>
      ) : null}
      {mySignature ? (
        <Alert
          type="success"
          showIcon
          className="zc-ev-block"
          title={
            <span>
              {t(mySignature.kind === 'refused' ? 'ev.youRefused' : 'ev.youSigned')}{' '}
              <CstTime value={mySignature.at} marker />
            </span>
          }
        />
      ) : null}

      {open && report && isChair ? (
        <Button
          loading={action.busy}
          onClick={() => void action.run(() => api.finaliseReport(session.sectionId))}
          data-testid="report-finalise"
        >
          {t('ev.finalise')}
        </Button>
      ) : null}

      {open && !mySignature ? (
        <Form
          form={dissent}
          layout="vertical"
          className="zc-ev-block"
          onFinish={(values) =>
            void action.run(async () => {
              await api.recordDissent(session.sectionId, values.opinion, values.reason);
              dissent.resetFields();
            })
          }
        >
          <Typography.Text strong>{t('ev.dissent')}</Typography.Text>
          <Form.Item
            name="opinion"
            label={t('ev.dissentOpinion')}
            rules={[{ required: true, message: t('ev.required') }]}
          >
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('ev.dissentReason')}
            rules={[{ required: true, message: t('ev.required') }]}
          >
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Button htmlType="submit" loading={action.busy}>
            {t('ev.dissentSubmit')}
          </Button>
        </Form>
      ) : null}

      {open ? (
        <Space wrap className="zc-ev-block">
          <Input
            className="zc-filter-wide"
            placeholder={t('ev.moreTimeReason')}
            value={moreTime}
            onChange={(e) => setMoreTime(e.target.value)}
          />
          <Button
            disabled={!moreTime.trim()}
            loading={action.busy}
            onClick={() => void action.run(() => api.requestMoreTime(session.sectionId, moreTime.trim()))}
          >
            {t('ev.moreTime')}
          </Button>
          {session.moreTimeRequired ? <Tag color="orange">{t('ev.moreTimeRequired')}</Tag> : null}
        </Space>
      ) : null}
      <RefusalAlert error={action.error} testId="report-error" />
    </div>
  );
}
