import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CstTime } from '../components/CstTime.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { StatusTag } from '../components/TradingBits.tsx';
import {
  type EvaluationSession,
  type SessionBid,
  useEvaluationApi,
} from '../components/evaluation/evaluation-api.ts';
import { ChairNomination, Clarifications, ReportPanel } from '../components/evaluation/MemberActions.tsx';
import { formatFen } from '../components/evaluation/money.ts';
import { PriceDeviations } from '../components/evaluation/PriceDeviations.tsx';
import { ReviewGrid } from '../components/evaluation/ReviewGrid.tsx';
import { ScoreSheet } from '../components/evaluation/ScoreSheet.tsx';
import { defaultPriceCriterion } from '../components/evaluation/score-sheet.ts';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { useShowError } from '../use-show-error.ts';
import '../components/evaluation/evaluation.css';

type Criteria = readonly { name: string; weight: number }[];

/**
 * 评标: one committee member's session of a section — bids, review, scores, chair, the quantified
 * deviations under the lowest evaluated price method, report.
 */
export default function EvaluationSessionPage() {
  const t = useT();
  const { sectionId = '' } = useParams();
  const api = useEvaluationApi();
  const { api: client } = useSignedIn();
  const showError = useShowError();
  const [session, setSession] = useState<EvaluationSession | null>(null);
  const [criteria, setCriteria] = useState<Criteria | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      const loaded = await api.session(sectionId);
      setSession(loaded);
      setFailed(null);
      // The criteria are the published section's (public tender view).
      const tender = await client.getTender(loaded.projectId);
      setCriteria(tender.sections.find((s) => s.id === sectionId)?.criteria ?? []);
    } catch (error) {
      setFailed(error);
    }
  }, [api, client, sectionId]);

  useEffect(() => {
    void load();
  }, [load]);

  const reload = useCallback(() => {
    setVersion((v) => v + 1);
    void load();
  }, [load]);

  async function download(bid: SessionBid) {
    try {
      await api.downloadBid(sectionId, bid.bidId, `${bid.bidderName}-${bid.bidId}.zcbid`);
    } catch (error) {
      showError(error);
    }
  }

  if (failed) {
    return (
      <PageContainer title={t('ev.sessionTitle')}>
        <Alert
          type="error"
          showIcon
          title={failed instanceof Error ? failed.message : t('error.unexpected')}
        />
      </PageContainer>
    );
  }
  if (!session || criteria === null) return <Spin className="zc-page-loading" />;

  const self = session.members.find((m) => m.self);
  const open = session.status === 'open';
  return (
    <PageContainer title={t('ev.sessionTitle')} extra={<Link to="/workspace">{t('ev.backToSeats')}</Link>}>
      <Space direction="vertical" size="middle" className="zc-ev-stack" data-testid="evaluation-session">
        <Card>
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
            <Descriptions.Item label={t('ev.mySeat')}>
              <span data-testid="my-seat">{self?.label}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('ev.members')}>
              <Space wrap size={4}>
                {session.members.map((m) => (
                  <Tag key={m.label} color={m.self ? 'blue' : undefined}>
                    {m.name ?? m.label}
                    {m.chair ? ` · ${t('ev.chair')}` : ''}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('ev.method')}>
              {t(session.method === 'comprehensive' ? 'ev.method.comprehensive' : 'ev.method.lowest_price')}
            </Descriptions.Item>
          </Descriptions>
        </Card>

        <Card title={t('ev.bids')}>
          <Table<SessionBid>
            rowKey="bidId"
            size="small"
            pagination={false}
            dataSource={session.bids as SessionBid[]}
            columns={[
              { key: 'bidder', title: t('ev.bidder'), dataIndex: 'bidderName' },
              {
                key: 'price',
                title: t('ev.price'),
                dataIndex: 'priceFen',
                align: 'right',
                render: (fen: number | null) => formatFen(fen),
              },
              {
                key: 'review',
                title: t('ev.reviewOutcome'),
                dataIndex: 'review',
                render: (value: string) => <StatusTag prefix="ev.review" value={value} />,
              },
              {
                key: 'download',
                title: t('ev.package'),
                width: 140,
                render: (_: unknown, bid) => (
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    disabled={!open}
                    onClick={() => void download(bid)}
                    data-testid={`bid-download-${bid.bidId}`}
                  >
                    {t('ev.download')}
                  </Button>
                ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" className="zc-ev-note">
            {t('ev.downloadHint')}
          </Typography.Paragraph>
        </Card>

        <Card title={t('ev.review')}>
          <ReviewGrid key={`review-${version}`} api={api} session={session} onChanged={reload} />
        </Card>

        <Card title={t('ev.scores')}>
          <ScoreSheet
            key={`score-${version}`}
            api={api}
            session={session}
            criteria={criteria}
            priceCriterion={defaultPriceCriterion(criteria)}
            onSaved={reload}
          />
        </Card>

        <Card title={t('ev.chairTitle')}>
          <ChairNomination api={api} session={session} onChanged={reload} />
        </Card>

        <Card title={t('ev.abnormal')}>
          <Clarifications api={api} session={session} onChanged={reload} />
        </Card>

        {session.method === 'lowest_price' ? (
          <Card title={t('ev.deviationsTitle')}>
            <PriceDeviations api={api} session={session} onChanged={reload} />
          </Card>
        ) : null}

        <Card title={t('ev.report')}>
          <ReportPanel api={api} session={session} onChanged={reload} />
        </Card>
      </Space>
    </PageContainer>
  );
}
