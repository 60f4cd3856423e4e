import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Result,
  Space,
  Spin,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type {
  Clarification,
  MyObtainment,
  Notice,
  PublicSection,
  Tender,
  TenderDocument,
} from '../api-types.ts';
import { BidDecryptionPanel } from '../components/BidDecryptionPanel.tsx';
import { BidPanel } from '../components/BidPanel.tsx';
import { BidderObjections, PrequalificationApply } from '../components/BidderExtras.tsx';
import { CstColumnTitle, CstTime } from '../components/CstTime.tsx';
import { HashText } from '../components/HashText.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { Countdown, StatusTag, useLabel } from '../components/TradingBits.tsx';
import { EMPTY, formatYuan } from '../format.ts';
import { useT } from '../i18n.ts';
import { useServerNow } from '../server-clock.tsx';
import { useSignedIn } from '../session.tsx';
import { formatBytes } from '../trading-format.ts';
import { useShowError } from '../use-show-error.ts';

/** 公告详情: one published tender for a bidder — schedule, sections, documents, clarifications, notices, bids. */
export default function TenderDetailPage() {
  const t = useT();
  const label = useLabel();
  const { id = '' } = useParams();
  const { api, user } = useSignedIn();
  const { message } = App.useApp();
  const showError = useShowError();
  const now = useServerNow();
  const [tender, setTender] = useState<Tender | null>(null);
  const [missing, setMissing] = useState(false);
  const [obtainment, setObtainment] = useState<MyObtainment | null>(null);
  const [documents, setDocuments] = useState<readonly TenderDocument[]>([]);
  const [clarifications, setClarifications] = useState<readonly Clarification[]>([]);
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const [obtaining, setObtaining] = useState(false);
  const isBidder = user.roles.includes('bidder');

  const load = useCallback(() => {
    api
      .getTender(id)
      .then(setTender)
      .catch((error: unknown) => {
        setMissing(true);
        showError(error);
      });
    if (isBidder) api.myObtainment(id).then(setObtainment).catch(showError);
    api
      .listClarifications(id, { page: 1, pageSize: 100 })
      .then((page) => setClarifications(page.items))
      .catch(() => setClarifications([]));
    api
      .listNotices({ projectId: id, page: 1, pageSize: 50 })
      .then((page) => setNotices(page.items))
      .catch(() => setNotices([]));
  }, [api, id, isBidder, showError]);
  useEffect(load, [load]);

  const obtained = obtainment?.obtained ?? false;
  useEffect(() => {
    if (!obtained) return;
    api
      .listDocuments(id, { page: 1, pageSize: 100 })
      .then((page) => setDocuments(page.items))
      .catch(showError);
  }, [api, id, obtained, showError]);

  async function obtain() {
    setObtaining(true);
    try {
      setObtainment(await api.obtainDocuments(id));
      void message.success(t('docs.obtainedOk'));
      load();
    } catch (error) {
      showError(error);
    } finally {
      setObtaining(false);
    }
  }

  if (missing && !tender) {
    return (
      <PageContainer title={t('tenders.detail')}>
        <Result
          status="404"
          title={t('error.notFound.title')}
          extra={<Link to="/tenders">{t('common.back')}</Link>}
        />
      </PageContainer>
    );
  }
  if (!tender) return <Spin />;

  const a = tender.announcement;
  const issueState =
    now === null
      ? null
      : now < Date.parse(a.documentIssueStart)
        ? 'tenders.issueNotStarted'
        : now < Date.parse(a.documentIssueEnd)
          ? 'tenders.issueOpen'
          : 'tenders.issueEnded';
  const canObtain = issueState === 'tenders.issueOpen' && !obtained && isBidder;
  const deadlinePassed = now !== null && now >= Date.parse(a.bidDeadline);
  // The tender document a bid answers, named in the envelope for the collusion analytics.
  const tenderFileId = documents.find((d) => d.kind === 'tender')?.current?.hash ?? '';

  return (
    <PageContainer
      title={<span data-testid="tender-title">{a.title || tender.name}</span>}
      extra={
        <Space>
          {isBidder ? (
            <Link to={`/opening-hall/${tender.id}`} data-testid="hall-link">
              {t('hall.enter')}
            </Link>
          ) : null}
          <Link to="/tenders">{t('common.back')}</Link>
        </Space>
      }
    >
      {tender.pausedAt ? (
        <Alert
          type="warning"
          showIcon
          className="zc-section-card"
          title={
            <span>
              {t('project.paused')} <CstTime value={tender.pausedAt} marker />
            </span>
          }
        />
      ) : null}
      <Card className="zc-section-card">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'name', label: t('tf.projectName'), children: tender.name },
            {
              key: 'code',
              label: t('tf.dealCode'),
              children: <span className="zc-mono">{tender.dealCode}</span>,
            },
            {
              key: 'status',
              label: t('tf.status'),
              children: <StatusTag prefix="projectStatus" value={tender.status} />,
            },
            { key: 'tenderer', label: t('tf.tenderer'), children: tender.tendererName },
            { key: 'agency', label: t('tf.agency'), children: tender.agencyName ?? EMPTY },
            { key: 'procedure', label: t('tf.procedure'), children: label('procedure', tender.procedure) },
            {
              key: 'qualification',
              label: t('tf.qualification'),
              children: label('qualification', tender.qualification),
            },
            { key: 'region', label: t('tf.region'), children: tender.region ?? EMPTY },
            { key: 'industry', label: t('tf.industry'), children: tender.industry ?? EMPTY },
          ]}
        />
      </Card>

      <Card title={t('tenders.schedule')} className="zc-section-card">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'start',
              label: t('tf.documentIssueStart'),
              children: <CstTime value={a.documentIssueStart} marker />,
            },
            {
              key: 'end',
              label: t('tf.documentIssueEnd'),
              children: <CstTime value={a.documentIssueEnd} marker />,
            },
            ...(a.prequalificationDeadline
              ? [
                  {
                    key: 'pq',
                    label: t('tf.prequalificationDeadline'),
                    children: <CstTime value={a.prequalificationDeadline} marker />,
                  },
                ]
              : []),
            {
              key: 'deadline',
              label: t('tf.bidDeadline'),
              children: (
                <span data-testid="tender-deadline">
                  <CstTime value={a.bidDeadline} marker />
                </span>
              ),
            },
            { key: 'opening', label: t('tf.openingAt'), children: <CstTime value={a.openingAt} marker /> },
            {
              key: 'countdown',
              label: t('tenders.countdown'),
              children: <Countdown until={a.bidDeadline} testId="tender-countdown" />,
            },
            { key: 'contact', label: t('tf.objectionContact'), children: a.objectionContact },
          ]}
        />
      </Card>

      <Card className="zc-section-card">
        <Tabs
          items={[
            {
              key: 'announcement',
              label: t('project.announcement'),
              children: <Typography.Paragraph className="zc-pre">{a.body}</Typography.Paragraph>,
            },
            {
              key: 'sections',
              label: t('project.sections'),
              children: <SectionsTable sections={tender.sections} />,
            },
          ]}
        />
      </Card>

      <Card
        title={t('docs.title')}
        className="zc-section-card"
        extra={issueState ? <Typography.Text type="secondary">{t(issueState)}</Typography.Text> : null}
      >
        {isBidder ? (
          obtained ? (
            <Alert
              type="success"
              showIcon
              className="zc-section-card"
              title={
                <span data-testid="docs-obtained">
                  {t('docs.obtained')} <CstTime value={obtainment?.obtainedAt} marker />
                </span>
              }
            />
          ) : (
            <Space className="zc-section-card">
              <Typography.Text type="secondary">{t('docs.notObtained')}</Typography.Text>
              <Button
                type="primary"
                disabled={!canObtain}
                loading={obtaining}
                onClick={() => void obtain()}
                data-testid="docs-obtain"
              >
                {t('docs.obtain')}
              </Button>
            </Space>
          )
        ) : null}
        {obtained ? <DocumentsTable projectId={tender.id} documents={documents} /> : null}
      </Card>

      <Card title={t('clar.title')} className="zc-section-card">
        <ClarificationsTable items={clarifications} />
      </Card>

      {notices.length ? (
        <Card title={t('notices.title')} className="zc-section-card">
          <Table<Notice>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={notices as Notice[]}
            columns={[
              {
                key: 'time',
                title: <CstColumnTitle label={t('notices.time')} />,
                width: 180,
                render: (_, n) => <CstTime value={n.createdAt} />,
              },
              { key: 'title', title: t('clar.titleField'), dataIndex: 'title' },
              { key: 'body', title: t('clar.body'), dataIndex: 'body', ellipsis: true },
            ]}
          />
        </Card>
      ) : null}

      {isBidder && obtained && tender.qualification === 'pre' ? (
        <Card title={t('pq.title')} className="zc-section-card">
          <PrequalificationApply projectId={tender.id} />
        </Card>
      ) : null}

      {isBidder && obtained ? (
        <Card title={t('obj.title')} className="zc-section-card">
          <BidderObjections
            projectId={tender.id}
            prequalification={tender.qualification === 'pre'}
            onRaised={load}
          />
        </Card>
      ) : null}

      {isBidder && deadlinePassed ? (
        <Card title={t('dec.title')} className="zc-section-card">
          <BidDecryptionPanel projectId={tender.id} />
        </Card>
      ) : null}

      {isBidder ? (
        <Card title={t('bid.title')} className="zc-section-card">
          <Tabs
            items={tender.sections.map((section) => ({
              key: section.id,
              label: `${section.code} ${section.name}`,
              children: (
                <BidPanel
                  tender={{ projectId: tender.id, dealCode: tender.dealCode }}
                  section={section}
                  bidDeadline={a.bidDeadline}
                  obtained={obtained}
                  paused={Boolean(tender.pausedAt)}
                  sealing={tender.sealing}
                  openingKey={tender.openingKey}
                  tenderFileId={tenderFileId}
                />
              ),
            }))}
          />
        </Card>
      ) : null}
    </PageContainer>
  );
}

export function SectionsTable({
  sections,
}: {
  readonly sections: readonly (PublicSection & { referencePrice?: number | null })[];
}) {
  const t = useT();
  const label = useLabel();
  const showReference = sections.some((s) => s.referencePrice !== undefined);
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={sections as PublicSection[]}
      scroll={{ x: 1200 }}
      expandable={{
        rowExpandable: (s) => s.criteria.length > 0,
        expandedRowRender: (s) => (
          <Space wrap>
            {s.criteria.map((c) => (
              <Typography.Text key={c.name}>
                {c.name}：{c.weight}%
              </Typography.Text>
            ))}
          </Space>
        ),
      }}
      columns={[
        {
          key: 'code',
          title: t('tf.sectionCode'),
          dataIndex: 'code',
          width: 160,
          render: (v: string) => <span className="zc-mono">{v}</span>,
        },
        { key: 'name', title: t('tf.sectionName'), dataIndex: 'name', width: 200 },
        {
          key: 'est',
          title: t('tf.estimatedPrice'),
          align: 'right',
          render: (_, s) => formatYuan(s.estimatedPrice),
        },
        {
          key: 'ctl',
          title: t('tf.controlPrice'),
          align: 'right',
          render: (_, s) => formatYuan(s.controlPrice),
        },
        ...(showReference
          ? [
              {
                key: 'ref',
                title: t('tf.referencePrice'),
                align: 'right' as const,
                render: (_: unknown, s: PublicSection & { referencePrice?: number | null }) =>
                  formatYuan(s.referencePrice),
              },
            ]
          : []),
        { key: 'bond', title: t('tf.bidBond'), align: 'right', render: (_, s) => formatYuan(s.bidBond) },
        { key: 'validity', title: t('tf.bidValidityDays'), dataIndex: 'bidValidityDays', width: 110 },
        {
          key: 'method',
          title: t('tf.evaluationMethod'),
          render: (_, s) => label('method', s.evaluationMethod),
        },
      ]}
    />
  );
}

export function DocumentsTable({
  projectId,
  documents,
  onNewVersion,
}: {
  readonly projectId: string;
  readonly documents: readonly TenderDocument[];
  readonly onNewVersion?: (document: TenderDocument) => void;
}) {
  const t = useT();
  const label = useLabel();
  const { api } = useSignedIn();
  const showError = useShowError();
  if (!documents.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const rows = documents.flatMap((document) =>
    document.versions.map((version) => ({ document, version, key: version.id })),
  );
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 1350 }}
      data-testid="document-table"
      columns={[
        {
          key: 'title',
          title: t('docs.docTitle'),
          width: 200,
          ellipsis: true,
          render: (_, r) => r.document.title,
        },
        {
          key: 'kind',
          title: t('docs.kind'),
          width: 120,
          render: (_, r) => label('docKind', r.document.kind),
        },
        { key: 'v', title: t('docs.version'), width: 70, render: (_, r) => `v${r.version.version}` },
        {
          key: 'file',
          title: t('docs.filename'),
          width: 200,
          ellipsis: true,
          render: (_, r) => r.version.filename,
        },
        { key: 'size', title: t('docs.size'), width: 100, render: (_, r) => formatBytes(r.version.size) },
        {
          key: 'hash',
          title: t('docs.hash'),
          width: 180,
          render: (_, r) => <HashText value={r.version.hash} />,
        },
        {
          key: 'status',
          title: t('tf.status'),
          width: 110,
          render: (_, r) => <StatusTag prefix="versionStatus" value={r.version.status} />,
        },
        {
          key: 'at',
          title: <CstColumnTitle label={t('docs.uploadedAt')} />,
          width: 170,
          render: (_, r) => <CstTime value={r.version.uploadedAt} />,
        },
        {
          key: 'actions',
          title: t('common.actions'),
          width: 200,
          render: (_, r) => (
            <Space>
              <Button
                size="small"
                icon={<DownloadOutlined />}
                onClick={() => void api.downloadDocument(projectId, r.version).catch(showError)}
                data-testid={`document-download-${r.version.id}`}
              >
                {t('docs.download')}
              </Button>
              {onNewVersion && r.version.status === 'current' ? (
                <Button size="small" onClick={() => onNewVersion(r.document)}>
                  {t('docs.uploadVersion')}
                </Button>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

export function ClarificationsTable({ items }: { readonly items: readonly Clarification[] }) {
  const t = useT();
  const label = useLabel();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Table<Clarification>
      rowKey="id"
      size="small"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={items as Clarification[]}
      data-testid="clarification-table"
      expandable={{
        expandedRowRender: (c) => <Typography.Paragraph className="zc-pre">{c.body}</Typography.Paragraph>,
      }}
      columns={[
        {
          key: 'at',
          title: <CstColumnTitle label={t('clar.publishedAt')} />,
          width: 180,
          render: (_, c) => <CstTime value={c.publishedAt} />,
        },
        { key: 'kind', title: t('clar.kind'), width: 120, render: (_, c) => label('docKind', c.kind) },
        { key: 'title', title: t('clar.titleField'), dataIndex: 'title' },
        {
          key: 'deadline',
          title: <CstColumnTitle label={t('clar.deadlineChange')} />,
          width: 330,
          render: (_, c) =>
            c.newBidDeadline ? (
              <span>
                <CstTime value={c.previousBidDeadline} /> → <CstTime value={c.newBidDeadline} />
              </span>
            ) : (
              EMPTY
            ),
        },
      ]}
    />
  );
}
