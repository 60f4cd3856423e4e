import { UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useLocale } from '../../i18n.ts';
import { CstDateTimeInput } from '../CstDateTimeInput.tsx';
import { CstColumnTitle, CstTime } from '../CstTime.tsx';
import { RefusalAlert, useLabel } from '../TradingBits.tsx';
import type {
  AwardTimeline,
  Candidate,
  CandidateObjection,
  EvaluationApi,
  RevocationGround,
  TimelineStep,
} from '../evaluation/evaluation-api.ts';
import { fenOf, formatFen } from '../evaluation/money.ts';
import { formatCenti } from '../evaluation/score-sheet.ts';
import { STATUS_COLOR, daysLeftText, dueText, stepCitation } from './award-timeline.ts';

/**
 * After the final report (定标): the timeline of every step with its legal deadline in CST and its
 * state (done, pending, late with the rule), and the tenderer's actions in order — publish the
 * candidates (T7), answer objections, award (C8), record the contract and performance bond (T8,
 * C4), report to the supervisor (T9), record bid-bond refunds (T10). Before the contract an award
 * may be revoked (the winner gave up, did not sign…; 条例 55, 74): the award form comes back for the
 * next candidate, and the revoked winner's bond shows as forfeitable.
 */
export function AwardPanel({
  api,
  sectionId,
  reportFinal,
}: {
  readonly api: EvaluationApi;
  readonly sectionId: string;
  /** Whether the evaluation session shows a final report (the award starts from it). */
  readonly reportFinal: boolean;
}) {
  const { t, locale } = useLocale();
  const label = useLabel();
  const { message } = App.useApp();
  const [timeline, setTimeline] = useState<AwardTimeline | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.timeline(sectionId).then(setTimeline).catch(setError);
  }, [api, sectionId]);
  useEffect(load, [load]);

  /** Runs one action; resolves to whether it succeeded (the refusal is shown under the timeline). */
  async function run(work: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await work();
      void message.success(t('ev.done'));
      load();
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  }

  if (!timeline) return <RefusalAlert error={error} />;
  if (!reportFinal && !awardStarted(timeline)) return null;
  const done = (step: TimelineStep['step']) =>
    timeline.steps.some((s) => s.step === step && s.status === 'done');

  return (
    <Card size="small" title={t('aw.title')} data-testid="award-panel">
      <Table<TimelineStep>
        rowKey={(s) => `${s.step}-${s.subjectId ?? ''}`}
        size="small"
        pagination={false}
        data-testid="award-timeline"
        dataSource={timeline.steps as TimelineStep[]}
        columns={[
          {
            key: 'step',
            title: t('aw.step'),
            render: (_: unknown, s) =>
              label('aw.step', s.step) + (s.subjectId ? ` · ${bidderOf(timeline, s.subjectId)}` : ''),
          },
          {
            key: 'due',
            title: <CstColumnTitle label={t('aw.dueBy')} />,
            render: (_: unknown, s) => <span className="zc-tabular">{dueText(s) ?? '—'}</span>,
          },
          {
            key: 'status',
            title: t('ev.status'),
            render: (_: unknown, s) => (
              <Space size={4}>
                <Tag color={STATUS_COLOR[s.status]} data-testid={`award-step-${s.step}-${s.status}`}>
                  {label('aw.status', s.status)}
                </Tag>
                {daysLeftText(s, locale) ? (
                  <Typography.Text type={s.warning || s.status === 'late' ? 'danger' : 'secondary'}>
                    {daysLeftText(s, locale)}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'doneAt',
            title: <CstColumnTitle label={t('aw.doneAt')} />,
            render: (_: unknown, s) => <CstTime value={s.doneAt} />,
          },
          { key: 'rule', title: t('aw.rule'), render: (_: unknown, s) => stepCitation(s, locale) ?? '—' },
        ]}
      />
      <RefusalAlert error={error} testId="award-error" />

      <Card size="small" title={t('aw.publicity')} className="zc-ev-block">
        {timeline.publicity ? (
          <>
            <Typography.Paragraph>
              {t('aw.publicityPeriod')} <CstTime value={timeline.publicity.startsAt} /> —{' '}
              <CstTime value={timeline.publicity.endsAt} marker />
            </Typography.Paragraph>
            <CandidateTable candidates={timeline.publicity.candidates} />
          </>
        ) : (
          <PublishCandidates
            busy={busy}
            onPublish={(remarks) => void run(() => api.publishCandidates(sectionId, remarks))}
          />
        )}
      </Card>

      {timeline.objections.length ? (
        <Card size="small" title={t('aw.objections')} className="zc-ev-block">
          {timeline.objections.map((o) => (
            <ObjectionReply
              key={o.id}
              objection={o}
              busy={busy}
              onReply={(reply) => void run(() => api.replyObjection(sectionId, o.id, reply))}
            />
          ))}
        </Card>
      ) : null}

      {timeline.publicity && !timeline.award ? (
        <Card size="small" title={t('aw.award')} className="zc-ev-block">
          <AwardForm
            candidates={timeline.publicity.candidates}
            busy={busy}
            onAward={(choice) => void run(() => api.award(sectionId, choice))}
          />
        </Card>
      ) : null}
      {timeline.award ? (
        <Card size="small" title={t('aw.award')} className="zc-ev-block">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('aw.winner')}>
              {bidderOf(timeline, timeline.award.bidId)}
            </Descriptions.Item>
            <Descriptions.Item label={t('ev.price')}>{formatFen(timeline.award.priceFen)}</Descriptions.Item>
            <Descriptions.Item label={t('aw.awardedAt')}>
              <CstTime value={timeline.award.awardedAt} marker />
            </Descriptions.Item>
            <Descriptions.Item label={t('aw.notice')}>{timeline.award.noticeBody}</Descriptions.Item>
          </Descriptions>
          {!done('contract') ? (
            <RevokeAward
              busy={busy}
              error={error}
              onRevoke={(ground, evidence) => run(() => api.revokeAward(sectionId, ground, evidence))}
            />
          ) : null}
        </Card>
      ) : null}

      {timeline.award && !done('contract') ? (
        <Card size="small" title={t('aw.contract')} className="zc-ev-block">
          <ContractForm
            busy={busy}
            onRecord={(input) => void run(() => api.recordContract(sectionId, input))}
          />
        </Card>
      ) : null}

      {timeline.award && !done('supervisor_report') ? (
        <Card size="small" title={t('aw.supervisorReport')} className="zc-ev-block">
          <TextAction
            busy={busy}
            placeholder={t('aw.supervisorReportText')}
            action={t('aw.report')}
            onSubmit={(text) => void run(() => api.reportToSupervisor(sectionId, text))}
          />
        </Card>
      ) : null}

      {timeline.bondRefunds.length ? (
        <Card size="small" title={t('aw.bondRefunds')} className="zc-ev-block">
          <Table
            rowKey="bidId"
            size="small"
            pagination={false}
            dataSource={timeline.bondRefunds as AwardTimeline['bondRefunds'][number][]}
            columns={[
              { key: 'bidder', title: t('ev.bidder'), dataIndex: 'bidderName' },
              {
                key: 'amount',
                title: t('aw.amount'),
                dataIndex: 'amountFen',
                align: 'right',
                render: (fen: number) => formatFen(fen),
              },
              {
                key: 'due',
                title: <CstColumnTitle label={t('aw.dueBy')} />,
                render: (_: unknown, r) => dueText(r.step) ?? '—',
              },
              {
                key: 'status',
                title: t('ev.status'),
                render: (_: unknown, r) =>
                  r.forfeitable && !r.refundedAt ? (
                    <Tag color="orange" data-testid="award-bond-forfeitable">
                      {t('aw.forfeitable')} · {label('aw.ground', r.forfeitable.ground)}
                    </Tag>
                  ) : (
                    <Tag color={STATUS_COLOR[r.step.status]}>{label('aw.status', r.step.status)}</Tag>
                  ),
              },
              {
                key: 'refund',
                title: t('aw.refund'),
                render: (_: unknown, r) =>
                  r.refundedAt ? (
                    <span>
                      <CstTime value={r.refundedAt} /> {r.reference}
                    </span>
                  ) : (
                    <TextAction
                      busy={busy}
                      placeholder={t('aw.refundReference')}
                      action={t('aw.recordRefund')}
                      onSubmit={(ref) => void run(() => api.recordBondRefund(sectionId, r.bidId, ref))}
                    />
                  ),
              },
            ]}
          />
        </Card>
      ) : null}
    </Card>
  );
}

/** The T7 clock runs from the report's receipt: a pending, late or done first step means the report is in. */
function awardStarted(timeline: AwardTimeline): boolean {
  const first = timeline.steps.find((s) => s.step === 'candidates_published');
  return (
    timeline.publicity !== null ||
    (first !== undefined && first.status !== 'waiting' && first.status !== 'not_required')
  );
}

function bidderOf(timeline: AwardTimeline, bidId: string): string {
  return (
    timeline.publicity?.candidates.find((c) => c.bidId === bidId)?.bidderName ??
    timeline.bondRefunds.find((r) => r.bidId === bidId)?.bidderName ??
    bidId
  );
}

export function CandidateTable({ candidates }: { readonly candidates: readonly Candidate[] }) {
  const { t } = useLocale();
  return (
    <Table<Candidate>
      rowKey="bidId"
      size="small"
      pagination={false}
      dataSource={candidates as Candidate[]}
      columns={[
        { key: 'rank', title: t('ev.rank'), dataIndex: 'rank', width: 80 },
        { key: 'bidder', title: t('ev.bidder'), dataIndex: 'bidderName' },
        {
          key: 'price',
          title: t('ev.price'),
          dataIndex: 'priceFen',
          align: 'right',
          render: (fen: number) => formatFen(fen),
        },
        {
          key: 'score',
          title: t('ev.score'),
          dataIndex: 'score',
          align: 'right',
          render: (s: number | null) => (s === null ? '—' : formatCenti(s)),
        },
      ]}
    />
  );
}

function PublishCandidates({
  busy,
  onPublish,
}: {
  readonly busy: boolean;
  readonly onPublish: (remarks: string) => void;
}) {
  const { t } = useLocale();
  const [remarks, setRemarks] = useState('');
  return (
    <Space wrap>
      <Typography.Text type="secondary">{t('aw.publishHint')}</Typography.Text>
      <Input
        className="zc-filter-wide"
        placeholder={t('aw.remarks')}
        value={remarks}
        onChange={(e) => setRemarks(e.target.value)}
      />
      <Button
        type="primary"
        loading={busy}
        onClick={() => onPublish(remarks.trim())}
        data-testid="award-publish"
      >
        {t('aw.publish')}
      </Button>
    </Space>
  );
}

function ObjectionReply({
  objection,
  busy,
  onReply,
}: {
  readonly objection: CandidateObjection;
  readonly busy: boolean;
  readonly onReply: (reply: string) => void;
}) {
  const { t } = useLocale();
  return (
    <div className="zc-ev-block">
      <Typography.Paragraph>
        <CstTime value={objection.raisedAt} marker /> {objection.body}
      </Typography.Paragraph>
      {objection.reply ? (
        <Typography.Paragraph type="secondary">
          {t('aw.replied')} <CstTime value={objection.repliedAt} />：{objection.reply}
        </Typography.Paragraph>
      ) : (
        <TextAction busy={busy} placeholder={t('aw.replyText')} action={t('aw.reply')} onSubmit={onReply} />
      )}
    </div>
  );
}

function AwardForm({
  candidates,
  busy,
  onAward,
}: {
  readonly candidates: readonly Candidate[];
  readonly busy: boolean;
  readonly onAward: (choice: { bidId: string; reason?: string } | { retender: true; reason: string }) => void;
}) {
  const { t } = useLocale();
  const [mode, setMode] = useState<'award' | 'retender'>('award');
  const [bidId, setBidId] = useState<string | undefined>(candidates[0]?.bidId);
  const [reason, setReason] = useState('');
  return (
    <Space direction="vertical">
      <Typography.Text type="secondary">{t('aw.awardHint')}</Typography.Text>
      <Radio.Group
        value={mode}
        onChange={(e) => setMode(e.target.value as 'award' | 'retender')}
        options={[
          { value: 'award', label: t('aw.chooseWinner') },
          { value: 'retender', label: t('aw.retender') },
        ]}
      />
      <Space wrap>
        {mode === 'award' ? (
          <Select<string>
            className="zc-filter-wide"
            value={bidId}
            onChange={setBidId}
            options={candidates.map((c) => ({ value: c.bidId, label: `${c.rank}. ${c.bidderName}` }))}
          />
        ) : null}
        <Input
          className="zc-filter-wide"
          placeholder={t('aw.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <Button
          type="primary"
          loading={busy}
          disabled={mode === 'award' ? !bidId : !reason.trim()}
          onClick={() =>
            onAward(
              mode === 'award'
                ? { bidId: bidId!, ...(reason.trim() ? { reason: reason.trim() } : {}) }
                : { retender: true, reason: reason.trim() },
            )
          }
          data-testid="award-submit"
        >
          {t('common.submit')}
        </Button>
      </Space>
    </Space>
  );
}

const GROUNDS: readonly RevocationGround[] = ['gave_up', 'not_signed', 'no_performance_bond', 'ineligible'];

/** The revocation of the award, behind a dialog: the ground and its evidence are both required. */
function RevokeAward({
  busy,
  error,
  onRevoke,
}: {
  readonly busy: boolean;
  readonly error: unknown;
  readonly onRevoke: (ground: RevocationGround, evidence: string) => Promise<boolean>;
}) {
  const { t } = useLocale();
  const label = useLabel();
  const [open, setOpen] = useState(false);
  const [ground, setGround] = useState<RevocationGround>('gave_up');
  const [evidence, setEvidence] = useState('');
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="award-revoke">
        {t('aw.revoke')}
      </Button>
      <Modal
        title={t('aw.revoke')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() =>
          void onRevoke(ground, evidence.trim()).then((revoked) => {
            // On a refusal the dialog stays open and shows it.
            if (!revoked) return;
            setOpen(false);
            setEvidence('');
          })
        }
        okButtonProps={{ danger: true, disabled: !evidence.trim(), loading: busy }}
        okText={t('aw.revoke')}
        cancelText={t('common.cancel')}
      >
        <Space direction="vertical">
          <Typography.Text type="secondary">{t('aw.revokeHint')}</Typography.Text>
          <RefusalAlert error={error} testId="award-revoke-error" />
          <Radio.Group
            value={ground}
            onChange={(e) => setGround(e.target.value as RevocationGround)}
            options={GROUNDS.map((g) => ({ value: g, label: label('aw.ground', g) }))}
          />
          <Input.TextArea
            rows={4}
            maxLength={8000}
            placeholder={t('aw.revokeEvidence')}
            value={evidence}
            onChange={(e) => setEvidence(e.target.value)}
            data-testid="award-revoke-evidence"
          />
        </Space>
      </Modal>
    </>
  );
}

function ContractForm({
  busy,
  onRecord,
}: {
  readonly busy: boolean;
  readonly onRecord: (input: {
    file: File;
    amountFen: number;
    performanceBondFen: number;
    signedAt: string;
  }) => void;
}) {
  const { t } = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [amount, setAmount] = useState('');
  const [bond, setBond] = useState('0');
  const [signedAt, setSignedAt] = useState<string | null>(null);
  const amountFen = fenOf(amount);
  const bondFen = fenOf(bond);
  return (
    <Space direction="vertical">
      <Typography.Text type="secondary">{t('aw.contractHint')}</Typography.Text>
      <Space wrap>
        <Upload
          beforeUpload={(chosen) => {
            setFile(chosen);
            return false;
          }}
          maxCount={1}
          showUploadList={{ showRemoveIcon: false }}
        >
          <Button icon={<UploadOutlined />}>{t('aw.contractFile')}</Button>
        </Upload>
        <Input
          className="zc-filter"
          addonBefore="¥"
          placeholder={t('aw.amount')}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          status={amount && amountFen === null ? 'error' : undefined}
        />
        <Input
          className="zc-filter"
          addonBefore="¥"
          placeholder={t('aw.performanceBond')}
          value={bond}
          onChange={(e) => setBond(e.target.value)}
          status={bond && bondFen === null ? 'error' : undefined}
        />
        <CstDateTimeInput value={signedAt} onChange={setSignedAt} />
        <Button
          type="primary"
          loading={busy}
          disabled={!file || amountFen === null || amountFen <= 0 || bondFen === null || !signedAt}
          onClick={() =>
            onRecord({
              file: file!,
              amountFen: amountFen!,
              performanceBondFen: bondFen!,
              signedAt: signedAt!,
            })
          }
        >
          {t('aw.recordContract')}
        </Button>
      </Space>
    </Space>
  );
}

function TextAction({
  busy,
  placeholder,
  action,
  onSubmit,
}: {
  readonly busy: boolean;
  readonly placeholder: string;
  readonly action: string;
  readonly onSubmit: (text: string) => void;
}) {
  const [text, setText] = useState('');
  return (
    <Space wrap>
      <Input.TextArea
        className="zc-filter-wide"
        rows={2}
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Button disabled={!text.trim()} loading={busy} onClick={() => onSubmit(text.trim())}>
        {action}
      </Button>
    </Space>
  );
}
