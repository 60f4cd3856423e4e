import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { CstColumnTitle, CstTime } from '../components/CstTime.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { type Committee, useEvaluationApi } from '../components/evaluation/evaluation-api.ts';
import { findMySeats, type MySeat } from '../components/evaluation/my-seats.ts';
import { useLabel } from '../components/TradingBits.tsx';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { useShowError } from '../use-show-error.ts';

/** 评标工作台: the committees the signed-in expert sits on, each a link to its evaluation. */
export default function ExpertWorkspacePage() {
  const t = useT();
  const label = useLabel();
  const api = useEvaluationApi();
  const { api: client } = useSignedIn();
  const showError = useShowError();
  const [seats, setSeats] = useState<readonly MySeat[] | null>(null);

  useEffect(() => {
    let current = true;
    findMySeats(client, api)
      .then((found) => current && setSeats(found))
      .catch((error: unknown) => {
        if (current) {
          setSeats([]);
          showError(error);
        }
      });
    return () => {
      current = false;
    };
  }, [api, client, showError]);

  return (
    <PageContainer title={t('ev.workspace')}>
      <Card>
        <Typography.Paragraph type="secondary">{t('ev.workspaceHint')}</Typography.Paragraph>
        {seats && seats.length === 0 ? <Alert type="info" showIcon title={t('ev.noSeats')} /> : null}
        <Table<MySeat>
          rowKey={(row) => row.sectionId}
          size="middle"
          loading={seats === null}
          dataSource={(seats ?? []) as MySeat[]}
          pagination={false}
          data-testid="seat-table"
          columns={[
            { key: 'project', title: t('ev.project'), render: (_: unknown, row) => row.projectName },
            { key: 'section', title: t('ev.section'), render: (_: unknown, row) => row.sectionName },
            {
              key: 'seat',
              title: t('ev.mySeat'),
              render: (_: unknown, row) =>
                row.seats.map((s: Committee['seats'][number]) => (
                  <Tag key={s.seat}>
                    {t('ev.seatNo', { seat: s.seat })} · {s.specialty} · {label('ev.category', s.category)}
                  </Tag>
                )),
            },
            {
              key: 'at',
              title: <CstColumnTitle label={t('ev.evaluationAt')} />,
              render: (_: unknown, row) => <CstTime value={row.evaluationAt} />,
            },
            {
              key: 'open',
              title: t('ev.session'),
              render: (_: unknown, row) => (
                <Link to={`/workspace/${row.sectionId}`} data-testid={`seat-open-${row.sectionId}`}>
                  {t('ev.openSession')}
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
