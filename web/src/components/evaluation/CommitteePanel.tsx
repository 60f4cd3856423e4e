import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useLocale } from '../../i18n.ts';
import { useSignedIn } from '../../session.tsx';
import { CstDateTimeInput } from '../CstDateTimeInput.tsx';
import { CstTime } from '../CstTime.tsx';
import { HashText } from '../HashText.tsx';
import { RefusalAlert, StatusTag, useLabel } from '../TradingBits.tsx';
import { compositionErrors, refusalField, type CompositionField } from './committee-form.ts';
import { commitmentOf, newDrawValue } from './draw-value.ts';
import { forgetDrawValue, readDrawValue, writeDrawValue } from './draw-value-storage.ts';
import type {
  Committee,
  CommitteeRequest,
  CommitteeSeat,
  DrawLogView,
  EvaluationApi,
  ExpertCategory,
  ReplacementReason,
} from './evaluation-api.ts';

interface RequestForm {
  size: number;
  tendererRepresentatives: number;
  requirements: { specialty: string; category: ExpertCategory; count: number }[];
  evaluationAt: string;
}

const TENDERER = 'tenderer';

/**
 * A section's committee (C5, C6, docs/experts.md): the tenderer's side asks for it and takes part
 * in the commit–reveal draw with a value made in this browser; the operator freezes, draws and
 * replaces; everyone sees the status, the parties' commitments and the seats (anonymous until the
 * result is published, 法 37).
 */
export function CommitteePanel({
  api,
  sectionId,
}: {
  readonly api: EvaluationApi;
  readonly sectionId: string;
}) {
  const { t } = useLocale();
  const { user } = useSignedIn();
  const [committee, setCommittee] = useState<Committee | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const manager = user.roles.includes('tenderer') || user.roles.includes('agency');
  const operator = user.roles.includes('platform_operator');

  const load = useCallback(() => {
    api
      .committee(sectionId)
      .then((loaded) => {
        setCommittee(loaded);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 404) setCommittee(null);
        else setError(failure);
      });
  }, [api, sectionId]);
  useEffect(load, [load]);

  if (error) return <RefusalAlert error={error} />;
  if (committee === undefined) return null;
  if (committee === null) {
    return manager ? (
      <CommitteeRequestForm api={api} sectionId={sectionId} onDone={setCommittee} />
    ) : (
      <Alert type="info" showIcon title={t('cm.none')} />
    );
  }
  return (
    <div data-testid="committee-panel">
      <CommitteeStatus committee={committee} />
      {manager ? <TendererDrawValue api={api} committee={committee} onDone={setCommittee} /> : null}
      {operator ? <OperatorActions api={api} committee={committee} onDone={setCommittee} /> : null}
      <Seats committee={committee} />
      {committee.status === 'drawn' ? <ReplayCheck api={api} sectionId={sectionId} /> : null}
    </div>
  );
}

function CommitteeRequestForm({
  api,
  sectionId,
  onDone,
}: {
  readonly api: EvaluationApi;
  readonly sectionId: string;
  readonly onDone: (committee: Committee) => void;
}) {
  const { t, locale } = useLocale();
  const label = useLabel();
  const [form] = Form.useForm<RequestForm>();
  const values = Form.useWatch([], form) as Partial<RequestForm> | undefined;
  const [serverError, setServerError] = useState<{ field: CompositionField | null; error: unknown } | null>(
    null,
  );
  const [saving, setSaving] = useState(false);
  const composition = {
    size: values?.size ?? 0,
    tendererRepresentatives: values?.tendererRepresentatives ?? 0,
    requirements: (values?.requirements ?? []).filter(Boolean).map((r) => ({
      specialty: r.specialty ?? '',
      category: r.category ?? 'technical',
      count: r.count ?? 0,
    })),
  };
  const live = values?.size ? compositionErrors(composition, locale) : {};
  const fieldError = (field: CompositionField) =>
    live[field] ??
    (serverError?.field === field && serverError.error instanceof ApiError
      ? serverError.error.message
      : undefined);

  async function submit(input: RequestForm) {
    setSaving(true);
    setServerError(null);
    try {
      const body: CommitteeRequest = { ...input, requirements: input.requirements };
      onDone(await api.requestCommittee(sectionId, body));
    } catch (failure) {
      setServerError({
        field: failure instanceof ApiError ? refusalField(failure, input.size) : null,
        error: failure,
      });
    } finally {
      setSaving(false);
    }
  }

  const sizeError = fieldError('size');
  const requirementsError = fieldError('requirements');
  return (
    <Form<RequestForm>
      form={form}
      layout="vertical"
      initialValues={{
        size: 5,
        tendererRepresentatives: 0,
        requirements: [{ category: 'technical', count: 5 }],
      }}
      onFinish={(input) => void submit(input)}
      onValuesChange={() => setServerError(null)}
      data-testid="committee-request"
    >
      <Typography.Paragraph type="secondary">{t('cm.requestHint')}</Typography.Paragraph>
      <Space wrap align="start">
        <Form.Item
          name="size"
          label={t('cm.size')}
          rules={[{ required: true, message: t('ev.required') }]}
          validateStatus={sizeError ? 'error' : undefined}
          help={sizeError}
        >
          <InputNumber min={1} max={99} data-testid="committee-size" />
        </Form.Item>
        <Form.Item name="tendererRepresentatives" label={t('cm.representatives')}>
          <InputNumber min={0} max={99} data-testid="committee-representatives" />
        </Form.Item>
        <Form.Item
          name="evaluationAt"
          label={t('cm.evaluationAt')}
          rules={[{ required: true, message: t('ev.required') }]}
        >
          <CstDateTimeInput testId="committee-evaluation-at" />
        </Form.Item>
      </Space>
      <Form.Item
        label={t('cm.requirements')}
        validateStatus={requirementsError ? 'error' : undefined}
        help={requirementsError}
      >
        <Form.List name="requirements">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item
                    name={[field.name, 'specialty']}
                    rules={[{ required: true, message: t('ev.required') }]}
                  >
                    <Input placeholder={t('cm.specialty')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'category']} rules={[{ required: true }]}>
                    <Select<ExpertCategory>
                      className="zc-filter"
                      options={(['technical', 'economic'] as const).map((c) => ({
                        value: c,
                        label: label('ev.category', c),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'count']}
                    rules={[{ required: true, message: t('ev.required') }]}
                  >
                    <InputNumber min={1} max={99} placeholder={t('cm.count')} />
                  </Form.Item>
                  {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(field.name)} /> : null}
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ category: 'technical', count: 1 })}
              >
                {t('cm.addRequirement')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      {serverError && serverError.field === null ? <RefusalAlert error={serverError.error} /> : null}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="committee-request-submit">
        {t('cm.request')}
      </Button>
    </Form>
  );
}

function CommitteeStatus({ committee }: { readonly committee: Committee }) {
  const { t } = useLocale();
  const label = useLabel();
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} className="zc-ev-block">
        <Descriptions.Item label={t('ev.status')}>
          <StatusTag prefix="cm.status" value={committee.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('cm.size')}>{committee.size}</Descriptions.Item>
        <Descriptions.Item label={t('cm.evaluationAt')}>
          <CstTime value={committee.evaluationAt} marker />
        </Descriptions.Item>
        <Descriptions.Item label={t('cm.requirements')}>
          {committee.requirements
            .map((r) => `${r.specialty} · ${label('ev.category', r.category)} × ${r.count}`)
            .join('；')}
        </Descriptions.Item>
        <Descriptions.Item label={t('cm.eligible')}>{committee.eligibleCount ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('cm.seed')}>
          {committee.seed ? <HashText value={committee.seed} /> : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="party"
        size="small"
        pagination={false}
        className="zc-ev-block"
        dataSource={committee.parties as Committee['parties'][number][]}
        columns={[
          {
            key: 'party',
            title: t('cm.party'),
            dataIndex: 'party',
            render: (p: string) => label('cm.party', p),
          },
          {
            key: 'commitment',
            title: t('cm.commitment'),
            dataIndex: 'commitment',
            render: (c: string) => <HashText value={c} />,
          },
          {
            key: 'value',
            title: t('cm.revealed'),
            dataIndex: 'value',
            render: (v: string | null, row) => (
              <Space size={4}>
                {v ? <HashText value={v} /> : <Tag>{t('cm.notRevealed')}</Tag>}
                {row.substituted ? <Tag color="orange">{t('cm.substituted')}</Tag> : null}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

/**
 * The tenderer's value: made and committed here before the freeze, kept in this browser until
 * the freeze, then revealed. A value lost with the browser's storage cannot be revealed; the draw
 * then waits, which is the protocol's guarantee, not a fault.
 */
function TendererDrawValue({
  api,
  committee,
  onDone,
}: {
  readonly api: EvaluationApi;
  readonly committee: Committee;
  readonly onDone: (committee: Committee) => void;
}) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mine = committee.parties.find((p) => p.party === TENDERER);
  const stored = readDrawValue(committee.sectionId, TENDERER);

  async function run(work: () => Promise<Committee>, done: string) {
    setBusy(true);
    setError(null);
    try {
      onDone(await work());
      void message.success(done);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    const value = newDrawValue();
    const commitment = commitmentOf(committee.algorithm, TENDERER, value);
    writeDrawValue(committee.sectionId, TENDERER, { value, commitment, algorithm: committee.algorithm });
    await run(() => api.commitDrawValue(committee.sectionId, TENDERER, commitment), t('cm.committed'));
  }

  async function reveal(value: string) {
    await run(async () => {
      const revealed = await api.revealDrawValue(committee.sectionId, TENDERER, value);
      forgetDrawValue(committee.sectionId, TENDERER);
      return revealed;
    }, t('cm.revealedOk'));
  }

  let body = null;
  if (!mine && committee.status === 'committing') {
    body = (
      <Button type="primary" loading={busy} onClick={() => void commit()} data-testid="draw-commit">
        {t('cm.commit')}
      </Button>
    );
  } else if (mine && !mine.value && committee.status === 'committing') {
    body = (
      <Alert
        type="info"
        showIcon
        title={t('cm.waitFreeze')}
        description={stored ? <KeptValue commitment={stored.commitment} /> : t('cm.valueMissing')}
      />
    );
  } else if (mine && !mine.value && committee.status === 'frozen') {
    body = stored ? (
      <Space direction="vertical">
        <KeptValue commitment={stored.commitment} />
        <Button
          type="primary"
          loading={busy}
          onClick={() => void reveal(stored.value)}
          data-testid="draw-reveal"
        >
          {t('cm.reveal')}
        </Button>
      </Space>
    ) : (
      <Alert type="warning" showIcon title={t('cm.valueMissing')} />
    );
  }
  if (!body) return null;
  return (
    <div className="zc-ev-block" data-testid="draw-value">
      <Typography.Paragraph type="secondary">{t('cm.valueHint')}</Typography.Paragraph>
      {body}
      <RefusalAlert error={error} />
    </div>
  );
}

function KeptValue({ commitment }: { readonly commitment: string }) {
  const { t } = useLocale();
  return (
    <span>
      {t('cm.keptHere')} <HashText value={commitment} />
    </span>
  );
}

function OperatorActions({
  api,
  committee,
  onDone,
}: {
  readonly api: EvaluationApi;
  readonly committee: Committee;
  readonly onDone: (committee: Committee) => void;
}) {
  const { t } = useLocale();
  const label = useLabel();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [seat, setSeat] = useState<number | undefined>();
  const [reason, setReason] = useState<ReplacementReason>('no_show');
  async function run(work: () => Promise<Committee>) {
    setBusy(true);
    setError(null);
    try {
      onDone(await work());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space wrap className="zc-ev-block">
      {committee.status === 'committing' ? (
        <Button
          loading={busy}
          onClick={() => void run(() => api.freezeCommittee(committee.sectionId))}
          data-testid="committee-freeze"
        >
          {t('cm.freeze')}
        </Button>
      ) : null}
      {committee.status === 'frozen' ? (
        <Button
          type="primary"
          loading={busy}
          onClick={() => void run(() => api.drawCommittee(committee.sectionId))}
          data-testid="committee-draw"
        >
          {t('cm.draw')}
        </Button>
      ) : null}
      {committee.status === 'drawn' ? (
        <>
          <Select<number>
            className="zc-filter"
            placeholder={t('cm.seat')}
            value={seat}
            onChange={setSeat}
            options={committee.seats
              .filter((s) => s.status === 'seated')
              .map((s) => ({ value: s.seat, label: t('ev.seatNo', { seat: s.seat }) }))}
          />
          <Select<ReplacementReason>
            className="zc-filter"
            value={reason}
            onChange={setReason}
            options={(['recused', 'declared_conflict', 'no_show'] as const).map((r) => ({
              value: r,
              label: label('cm.reason', r),
            }))}
          />
          <Button
            disabled={seat === undefined}
            loading={busy}
            onClick={() => void run(() => api.replaceExpert(committee.sectionId, seat!, reason))}
          >
            {t('cm.replace')}
          </Button>
        </>
      ) : null}
      <RefusalAlert error={error} />
    </Space>
  );
}

function Seats({ committee }: { readonly committee: Committee }) {
  const { t } = useLocale();
  const label = useLabel();
  if (committee.seats.length === 0) return null;
  return (
    <Table<CommitteeSeat>
      rowKey={(s) => `${s.seat}-${s.step}`}
      size="small"
      pagination={false}
      className="zc-ev-block"
      data-testid="committee-seats"
      dataSource={committee.seats as CommitteeSeat[]}
      columns={[
        { key: 'seat', title: t('cm.seat'), dataIndex: 'seat', width: 80 },
        { key: 'specialty', title: t('cm.specialty'), dataIndex: 'specialty' },
        {
          key: 'category',
          title: t('cm.category'),
          dataIndex: 'category',
          render: (c: string) => label('ev.category', c),
        },
        {
          key: 'status',
          title: t('ev.status'),
          dataIndex: 'status',
          render: (s: string) => <StatusTag prefix="cm.seatStatus" value={s} />,
        },
        {
          key: 'step',
          title: t('cm.step'),
          dataIndex: 'step',
          render: (s: number) => (s === 0 ? t('cm.firstDraw') : t('cm.replacementNo', { step: s })),
        },
        {
          key: 'expert',
          title: t('cm.expert'),
          dataIndex: 'expert',
          render: (e: CommitteeSeat['expert']) =>
            e?.name ?? <Typography.Text type="secondary">{t('cm.anonymous')}</Typography.Text>,
        },
      ]}
    />
  );
}

/** The platform's replay of the DrawLog; anyone can also replay it offline (zhaocai draw verify). */
function ReplayCheck({ api, sectionId }: { readonly api: EvaluationApi; readonly sectionId: string }) {
  const { t } = useLocale();
  const [replay, setReplay] = useState<DrawLogView['replay'] | null>(null);
  useEffect(() => {
    let current = true;
    api
      .drawLog(sectionId)
      .then((view) => current && setReplay(view.replay))
      .catch(() => current && setReplay(null));
    return () => {
      current = false;
    };
  }, [api, sectionId]);
  if (!replay) return null;
  return (
    <Alert
      type={replay.matches ? 'success' : 'error'}
      showIcon
      className="zc-ev-block"
      title={replay.matches ? t('cm.replayOk') : t('cm.replayBad', { problem: replay.problem ?? '' })}
    />
  );
}
