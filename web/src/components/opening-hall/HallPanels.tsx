import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  List,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { fenToYuanText } from '../../../../src/domain/tender/bid-form.ts';
import { EMPTY } from '../../format.ts';
import { type Translate, useT } from '../../i18n.ts';
import { useServerNow } from '../../server-clock.tsx';
import { countdown } from '../../trading-format.ts';
import { useShowError } from '../../use-show-error.ts';
import { CstTime } from '../CstTime.tsx';
import { HashText } from '../HashText.tsx';
import type { HallApi } from './hall-api.ts';
import type { OpeningHall, ReadOutLine } from './hall-types.ts';
import type { HallEvent } from './hall-reducer.ts';
import type { Connection } from './use-hall-stream.ts';

const CONNECTION_BADGE = { live: 'success', connecting: 'processing', reconnecting: 'error' } as const;

export function ConnectionIndicator({ connection }: { readonly connection: Connection }) {
  const t = useT();
  return (
    <span data-testid="hall-connection" data-state={connection}>
      <Badge status={CONNECTION_BADGE[connection]} text={t(`hall.connection.${connection}`)} />
    </span>
  );
}

/** Time left until `until` by the platform's clock, or `over` once it has passed. */
function TimeLeft({
  until,
  over,
  testId,
}: {
  readonly until: string;
  readonly over: string;
  readonly testId: string;
}) {
  const t = useT();
  const now = useServerNow();
  if (now === null) return <span>{t('common.loading')}</span>;
  const left = countdown(Date.parse(until), now);
  return (
    <Typography.Text strong={!left.over} className="zc-tabular" data-testid={testId}>
      {left.over ? over : t('tenders.days', { d: left.d, h: left.h, m: left.m, s: left.s })}
    </Typography.Text>
  );
}

const KNOWN_STAGES = ['waiting', 'opened', 'window_closed', 'read_out', 'failed', 'terminated'] as const;

/** The schedule, the stage, the countdowns, sign-in and the roster. */
export function HallOverview({
  hall,
  ownName,
  onSignIn,
  signingIn,
}: {
  readonly hall: OpeningHall;
  /** The viewer's organisation: sign-ins are listed by name. */
  readonly ownName: string | null;
  readonly onSignIn: () => void;
  readonly signingIn: boolean;
}) {
  const t = useT();
  const stage = KNOWN_STAGES.find((s) => s === hall.stage) ?? 'waiting';
  const signedIn = hall.signIns.some((s) => s.organisationName === ownName);
  const progress = hall.progress;
  return (
    <Card className="zc-section-card">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'deal', label: 'No.', children: <span className="zc-mono">{hall.dealCode}</span> },
          {
            key: 'stage',
            label: t('hall.stage'),
            children: <Tag data-testid="hall-stage">{t(`hall.stage.${stage}`)}</Tag>,
          },
          { key: 'opening', label: t('hall.openingAt'), children: <CstTime value={hall.openingAt} marker /> },
          {
            key: 'toOpening',
            label: t('hall.toOpening'),
            children: <TimeLeft until={hall.openingAt} over={t('hall.opened')} testId="hall-to-opening" />,
          },
          {
            key: 'toWindow',
            label: t('hall.toWindowEnd'),
            children: (
              <TimeLeft
                until={hall.window.closesAt}
                over={t('hall.windowEnded')}
                testId="hall-to-window-end"
              />
            ),
          },
          {
            key: 'progress',
            label: t('hall.progress'),
            children: progress ? (
              <span data-testid="hall-progress">
                {t('hall.progressText', {
                  total: progress.total,
                  decrypted: progress.decrypted,
                  pending: progress.pending,
                  failed: progress.failed_bidder + progress.failed_other,
                })}
              </span>
            ) : (
              EMPTY
            ),
          },
        ]}
      />
      <Space wrap className="zc-section-card">
        {hall.stage !== 'read_out' ? (
          <Button
            type={signedIn ? 'default' : 'primary'}
            disabled={signedIn}
            loading={signingIn}
            onClick={onSignIn}
            data-testid="hall-sign-in"
          >
            {signedIn ? t('hall.signedIn') : t('hall.signIn')}
          </Button>
        ) : null}
        <Typography.Text type="secondary">{t('hall.signIns')}：</Typography.Text>
        <span data-testid="hall-sign-ins">
          {hall.signIns.length
            ? hall.signIns.map((s) => (
                <Tag key={s.organisationName}>
                  {s.organisationName}（{capacityText(s.capacity, t)}）
                </Tag>
              ))
            : t('hall.noSignIns')}
        </span>
      </Space>
    </Card>
  );
}

function capacityText(capacity: string, t: Translate): string {
  return capacity === 'tenderer' ? t('hall.capacity.tenderer') : t('hall.capacity.bidder');
}

/** The failure notices: C1 sections and any other failure or termination, with their reasons. */
export function ExceptionNotices({ hall }: { readonly hall: OpeningHall }) {
  const t = useT();
  if (!hall.exceptions.length) return null;
  return (
    <div data-testid="hall-exceptions">
      {hall.exceptions.map((e) => (
        <Alert
          key={e.id}
          type={e.kind === 'terminated' ? 'warning' : 'error'}
          showIcon
          className="zc-section-card"
          title={`${t(`hall.exception.${e.kind}`)}${e.sectionCode ? `（${e.sectionCode}）` : ''}${e.rule ? ` · ${e.rule}` : ''}`}
          description={
            <span>
              {e.reason} <CstTime value={e.recordedAt} marker />
            </span>
          }
          data-testid={`hall-exception-${e.kind}`}
        />
      ))}
    </div>
  );
}

function statusText(line: ReadOutLine, t: Translate): string {
  if (line.status === 'failed_bidder' || line.status === 'failed_other') return t(`hall.e7.${line.status}`);
  return t(`decryptionStatus.${line.status}`);
}

function yuan(fen: number | null): string {
  return fen === null ? EMPTY : fenToYuanText(fen);
}

/** Every visible bid: its decryption status, and after the read-out what its bid form says. */
export function BidsTable({ hall }: { readonly hall: OpeningHall }) {
  const t = useT();
  if (!hall.bids.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hall.noBids')} />;
  return (
    <Table<ReadOutLine>
      rowKey="bidId"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={hall.bids as ReadOutLine[]}
      data-testid="hall-bids"
      columns={[
        { key: 'section', title: t('hall.section'), dataIndex: 'sectionCode', width: 160 },
        { key: 'bidder', title: t('hall.bidder'), dataIndex: 'bidderName' },
        {
          key: 'ledgerLeaf',
          title: t('hall.ledgerLeaf'),
          align: 'right',
          render: (_, line) => (
            <span className="zc-tabular" data-testid={`hall-leaf-${line.bidId}`}>
              {line.ledgerLeafIndex ?? EMPTY}
            </span>
          ),
        },
        {
          key: 'status',
          title: t('hall.status'),
          render: (_, line) => (
            <span data-testid={`hall-status-${line.bidId}`} data-status={line.status}>
              <Tag color={line.status === 'decrypted' ? 'green' : line.status === 'pending' ? 'blue' : 'red'}>
                {statusText(line, t)}
              </Tag>
            </span>
          ),
        },
        {
          key: 'price',
          title: t('hall.price'),
          align: 'right',
          render: (_, line) => (
            <span className="zc-tabular" data-testid={`hall-price-${line.bidId}`}>
              {line.bidForm === 'missing' ? t('hall.noBidForm') : yuan(line.priceFen)}
            </span>
          ),
        },
        { key: 'duration', title: t('hall.duration'), render: (_, line) => line.durationDays ?? EMPTY },
        { key: 'quality', title: t('hall.quality'), render: (_, line) => line.qualityCommitment ?? EMPTY },
        { key: 'bond', title: t('hall.bidBond'), align: 'right', render: (_, line) => yuan(line.bidBondFen) },
        {
          key: 'items',
          title: t('hall.items'),
          render: (_, line) =>
            Object.keys(line.items).length
              ? Object.entries(line.items).map(([k, v]) => <div key={k}>{`${k}：${v}`}</div>)
              : EMPTY,
        },
      ]}
    />
  );
}

/** The opening record, the bidders' confirmations and objections, and the tenderer's answers. */
export function RecordCard({
  hall,
  ownName,
  api,
  onChanged,
}: {
  readonly hall: OpeningHall;
  readonly ownName: string | null;
  readonly api: HallApi;
  readonly onChanged: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [objection, setObjection] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [working, setWorking] = useState(false);
  if (!hall.record) return null;
  const { body, sha256 } = hall.record;
  const confirmed = hall.responses.some((r) => r.kind === 'confirmed' && r.bidderName === ownName);
  const isBidder = !hall.you.host;

  async function act(work: () => Promise<unknown>, done: string) {
    setWorking(true);
    try {
      await work();
      void message.success(done);
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setWorking(false);
    }
  }

  return (
    <Card title={t('hall.record')} className="zc-section-card" data-testid="hall-record">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'sha', label: t('hall.recordHash'), children: <HashText value={sha256} /> },
          {
            key: 'at',
            label: t('hall.recordReadOutAt'),
            children: <CstTime value={body.readOutAt} marker />,
          },
        ]}
      />
      {body.sections.map((s) => (
        <div key={s.code} className="zc-section-card">
          <Typography.Text strong>{t('hall.recordSection', { code: s.code, name: s.name })}</Typography.Text>
          {s.opened ? (
            <ul data-testid={`hall-record-section-${s.code}`}>
              {s.lines.map((line) => (
                <li key={line.bidId}>
                  {line.bidderName}：{statusText(line, t)}
                  {line.status === 'decrypted'
                    ? `，${line.bidForm === 'missing' ? t('hall.noBidForm') : `${t('hall.price')} ${yuan(line.priceFen)}`}`
                    : ''}
                  {typeof line.ledgerLeafIndex === 'number'
                    ? `，${t('hall.ledgerLeafIs', { index: line.ledgerLeafIndex })}`
                    : ''}
                </li>
              ))}
            </ul>
          ) : (
            <Typography.Paragraph type="danger">
              {t('hall.recordSectionFailed', { reason: s.failure ?? EMPTY })}
            </Typography.Paragraph>
          )}
        </div>
      ))}
      <Typography.Title level={5}>{t('hall.responses')}</Typography.Title>
      <List
        size="small"
        dataSource={hall.responses as HallResponse[]}
        locale={{ emptyText: EMPTY }}
        data-testid="hall-responses"
        renderItem={(r) => (
          <List.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <span>
                <Tag color={r.kind === 'confirmed' ? 'green' : 'orange'}>{t(`hall.response.${r.kind}`)}</Tag>
                {r.bidderName} <CstTime value={r.respondedAt} /> {r.text ?? ''}
              </span>
              {r.answer ? (
                <Typography.Text type="secondary">
                  {t('hall.answered')}：{r.answer}
                </Typography.Text>
              ) : r.kind === 'objection' && hall.you.host ? (
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    placeholder={t('hall.answerText')}
                    value={answers[r.id] ?? ''}
                    onChange={(e) => setAnswers({ ...answers, [r.id]: e.target.value })}
                    data-testid={`hall-answer-text-${r.id}`}
                  />
                  <Button
                    loading={working}
                    onClick={() => {
                      const text = (answers[r.id] ?? '').trim();
                      if (!text) return void message.warning(t('hall.answerRequired'));
                      void act(() => api.answer(hall.projectId, r.id, text), t('hall.answered'));
                    }}
                    data-testid={`hall-answer-${r.id}`}
                  >
                    {t('hall.answer')}
                  </Button>
                </Space.Compact>
              ) : null}
            </Space>
          </List.Item>
        )}
      />
      {isBidder && !confirmed ? (
        <Space direction="vertical" style={{ width: '100%' }} className="zc-section-card">
          <Button
            type="primary"
            loading={working}
            onClick={() => void act(() => api.confirm(hall.projectId), t('hall.confirmed'))}
            data-testid="hall-confirm"
          >
            {t('hall.confirm')}
          </Button>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            placeholder={t('hall.objectionText')}
            value={objection}
            onChange={(e) => setObjection(e.target.value)}
            data-testid="hall-objection-text"
          />
          <Button
            danger
            loading={working}
            onClick={() => {
              const text = objection.trim();
              if (!text) return void message.warning(t('hall.objectionRequired'));
              void act(() => api.object(hall.projectId, text), t('hall.objectionSent')).then(() =>
                setObjection(''),
              );
            }}
            data-testid="hall-object"
          >
            {t('hall.object')}
          </Button>
        </Space>
      ) : null}
      {isBidder && confirmed ? (
        <Tag color="green" data-testid="hall-confirmed">
          {t('hall.confirmed')}
        </Tag>
      ) : null}
    </Card>
  );
}

type HallResponse = OpeningHall['responses'][number];

/** The host's acts: open, end decryption, read out; terminate or fail with a reason; re-tender. */
export function HostActions({
  hall,
  api,
  onChanged,
  onRetendered,
}: {
  readonly hall: OpeningHall;
  readonly api: HallApi;
  readonly onChanged: () => void;
  readonly onRetendered: (projectId: string) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const now = useServerNow();
  const [reason, setReason] = useState('');
  const [working, setWorking] = useState(false);
  const ended = hall.stage === 'failed' || hall.stage === 'terminated';
  const windowOver = now !== null && now >= Date.parse(hall.window.closesAt);
  const openingDue = now !== null && now >= Date.parse(hall.openingAt);

  async function act(work: () => Promise<unknown>) {
    setWorking(true);
    try {
      await work();
      void message.success(t('hall.host.done'));
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setWorking(false);
    }
  }
  function withReason(work: (text: string) => Promise<unknown>) {
    const text = reason.trim();
    if (text.length < 2) return void message.warning(t('hall.host.reasonRequired'));
    void act(() => work(text)).then(() => setReason(''));
  }

  const canRetender = hall.exceptions.some((e) => e.kind === 'failed' && !e.retenderProjectId);
  return (
    <Card className="zc-section-card" data-testid="hall-host">
      <Space wrap>
        {!ended && !hall.openedAt ? (
          <Button
            type="primary"
            disabled={!openingDue}
            loading={working}
            onClick={() => void act(() => api.open(hall.projectId))}
            data-testid="hall-open"
          >
            {t('hall.host.open')}
          </Button>
        ) : null}
        {hall.openedAt && !hall.windowClosedAt && !hall.readOutAt ? (
          <Button
            disabled={!windowOver}
            loading={working}
            onClick={() => void act(() => api.closeWindow(hall.projectId))}
            data-testid="hall-close-window"
          >
            {t('hall.host.closeWindow')}
          </Button>
        ) : null}
        {hall.openedAt && !hall.readOutAt ? (
          <Button
            type="primary"
            disabled={!windowOver}
            loading={working}
            onClick={() => void act(() => api.readOut(hall.projectId))}
            data-testid="hall-read-out"
          >
            {t('hall.host.readOut')}
          </Button>
        ) : null}
        {canRetender ? (
          <Button
            loading={working}
            onClick={() =>
              void api
                .retender(hall.projectId)
                .then((created) => {
                  void message.success(t('hall.host.retendered', { dealCode: created.dealCode }));
                  onRetendered(created.projectId);
                })
                .catch(showError)
            }
            data-testid="hall-retender"
          >
            {t('hall.host.retender')}
          </Button>
        ) : null}
      </Space>
      {!ended ? (
        <Space.Compact style={{ width: '100%' }} className="zc-section-card">
          <Input
            placeholder={t('hall.host.reason')}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="hall-reason"
          />
          <Popconfirm
            title={t('hall.host.fail')}
            onConfirm={() => withReason((text) => api.fail(hall.projectId, text))}
          >
            <Button danger loading={working} data-testid="hall-fail">
              {t('hall.host.fail')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t('hall.host.terminate')}
            onConfirm={() => withReason((text) => api.terminate(hall.projectId, text))}
          >
            <Button danger loading={working} data-testid="hall-terminate">
              {t('hall.host.terminate')}
            </Button>
          </Popconfirm>
        </Space.Compact>
      ) : null}
    </Card>
  );
}

/** The hall's events, newest first. */
export function EventList({ events }: { readonly events: readonly HallEvent[] }) {
  const t = useT();
  return (
    <List
      size="small"
      dataSource={events as HallEvent[]}
      locale={{ emptyText: t('hall.noEvents') }}
      data-testid="hall-events"
      renderItem={(event) => (
        <List.Item data-testid="hall-event" data-type={event.type}>
          <Space>
            <CstTime value={event.at} />
            <span>{eventText(event, t)}</span>
          </Space>
        </List.Item>
      )}
    />
  );
}

function eventText(event: HallEvent, t: Translate): string {
  const p = event.payload;
  const str = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (event.type) {
    case 'hall.signed_in':
      return t('hall.event.hall.signed_in', { name: str(p.organisationName) });
    case 'hall.roster':
      return t('hall.event.hall.roster', { count: Array.isArray(p.signedIn) ? p.signedIn.length : 0 });
    case 'opening.opened':
      return t('hall.event.opening.opened');
    case 'opening.failed':
      return t('hall.event.opening.failed', { section: str(p.sectionCode) });
    case 'decryption.bid': {
      const status = str(p.status);
      const label =
        status === 'failed_bidder' || status === 'failed_other'
          ? t(`hall.e7.${status}`)
          : status === 'decrypted' || status === 'pending'
            ? t(`decryptionStatus.${status}`)
            : status;
      return t('hall.event.decryption.bid', {
        name: str(p.bidderName),
        section: str(p.sectionCode),
        status: label,
      });
    }
    case 'decryption.progress':
      return t('hall.event.decryption.progress', { decrypted: str(p.decrypted), total: str(p.total) });
    case 'decryption.window_closed':
      return t('hall.event.decryption.window_closed');
    case 'readout.line':
      return t('hall.event.readout.line', {
        name: str(p.bidderName),
        price: typeof p.priceFen === 'number' ? fenToYuanText(p.priceFen) : t('hall.noBidForm'),
      });
    case 'record.published':
      return t('hall.event.record.published');
    case 'record.confirmed':
      return t('hall.event.record.confirmed', { name: str(p.bidderName) });
    case 'record.objection':
      return t('hall.event.record.objection', { name: str(p.bidderName), text: str(p.text) });
    case 'record.answer':
      return t('hall.event.record.answer', { text: str(p.answer) });
    default:
      return event.type;
  }
}
