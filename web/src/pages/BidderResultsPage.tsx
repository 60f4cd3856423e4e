import { Alert, App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { CstColumnTitle, CstTime } from '../components/CstTime.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { RefusalAlert } from '../components/TradingBits.tsx';
import { type BidResult, useEvaluationApi } from '../components/evaluation/evaluation-api.ts';
import { EMPTY } from '../format.ts';
import { useT } from '../i18n.ts';
import { useServerNow } from '../server-clock.tsx';
import { useSignedIn } from '../session.tsx';
import { useShowError } from '../use-show-error.ts';
import '../components/evaluation/evaluation.css';

interface ResultRow extends BidResult {
  readonly projectName: string;
  readonly sectionName: string;
}

const TENDER_PAGE = 100;
const OUTCOME_COLOR = { pending: 'blue', won: 'green', not_won: 'default' } as const;

/**
 * 中标结果 (bidder): for each of its current bids, the candidate publicity with its rank when it is a
 * candidate, an objection while the publicity runs (T7), and the award or result notice.
 */
export default function BidderResultsPage() {
  const t = useT();
  const api = useEvaluationApi();
  const { api: client } = useSignedIn();
  const showError = useShowError();
  const [rows, setRows] = useState<readonly ResultRow[] | null>(null);

  // There is no "my bids" query across tenders: read each published section's own bids.
  const load = useCallback(async () => {
    const tenders = await client.listTenders({ page: 1, pageSize: TENDER_PAGE });
    const perSection = await Promise.all(
      tenders.items.flatMap((tender) =>
        tender.sections.map(async (section) => {
          const own = await client.listOwnBids(section.id, { status: 'current' }).catch(() => null);
          return (own?.items ?? []).map((bid) => ({
            bidId: bid.id,
            projectName: tender.name,
            sectionName: section.name,
          }));
        }),
      ),
    );
    const results = await Promise.all(
      perSection.flat().map(async (bid) => {
        const result = await api.bidResult(bid.bidId).catch(() => null);
        return result ? { ...result, projectName: bid.projectName, sectionName: bid.sectionName } : null;
      }),
    );
    return results.filter((row): row is ResultRow => row !== null);
  }, [api, client]);

  const reload = useCallback(() => {
    load()
      .then(setRows)
      .catch((error: unknown) => {
        setRows([]);
        showError(error);
      });
  }, [load, showError]);
  useEffect(reload, [reload]);

  return (
    <PageContainer title={t('br.title')}>
      <Card>
        {rows && rows.length === 0 ? <Alert type="info" showIcon title={t('br.none')} /> : null}
        <Table<ResultRow>
          rowKey="bidId"
          loading={rows === null}
          dataSource={(rows ?? []) as ResultRow[]}
          pagination={false}
          data-testid="result-table"
          expandable={{
            expandedRowRender: (row) => <ResultDetail row={row} onChanged={reload} />,
            rowExpandable: () => true,
          }}
          columns={[
            { key: 'project', title: t('ev.project'), dataIndex: 'projectName' },
            { key: 'section', title: t('ev.section'), dataIndex: 'sectionName' },
            {
              key: 'rank',
              title: t('br.rank'),
              dataIndex: 'candidateRank',
              render: (rank: number | null) => (rank === null ? EMPTY : t('br.rankN', { rank })),
            },
            {
              key: 'outcome',
              title: t('br.outcome'),
              dataIndex: 'outcome',
              render: (outcome: BidResult['outcome']) => (
                <Tag color={OUTCOME_COLOR[outcome]}>{t(`br.outcome.${outcome}`)}</Tag>
              ),
            },
            {
              key: 'publicity',
              title: <CstColumnTitle label={t('br.publicityEnds')} />,
              dataIndex: 'publicityEndsAt',
              render: (at: string | null) => <CstTime value={at} />,
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}

function ResultDetail({ row, onChanged }: { readonly row: ResultRow; readonly onChanged: () => void }) {
  const t = useT();
  const api = useEvaluationApi();
  const { message } = App.useApp();
  const now = useServerNow();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const publicityOpen =
    row.publicityEndsAt !== null &&
    now !== null &&
    now < Date.parse(row.publicityEndsAt) &&
    row.awardedAt === null;

  async function object() {
    setBusy(true);
    setError(null);
    try {
      await api.raiseObjection(row.sectionId, text.trim());
      setText('');
      void message.success(t('br.objected'));
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" className="zc-ev-stack">
      {row.notice ? (
        <Card size="small" title={row.notice.title} extra={<CstTime value={row.notice.createdAt} marker />}>
          <Typography.Paragraph className="zc-ev-pre">{row.notice.body}</Typography.Paragraph>
        </Card>
      ) : (
        <Typography.Text type="secondary">{t('br.noNotice')}</Typography.Text>
      )}
      {publicityOpen ? (
        <Space direction="vertical" className="zc-ev-stack">
          <Typography.Text>{t('br.objectionHint')}</Typography.Text>
          <Input.TextArea
            rows={3}
            maxLength={8000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="objection-text"
          />
          <Button
            disabled={!text.trim()}
            loading={busy}
            onClick={() => void object()}
            data-testid="objection-submit"
          >
            {t('br.object')}
          </Button>
          <RefusalAlert error={error} />
        </Space>
      ) : null}
    </Space>
  );
}
