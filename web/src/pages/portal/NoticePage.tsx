import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError, createApiClient } from '../../api.ts';
import { CstTime } from '../../components/CstTime.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { EMPTY, formatYuan } from '../../format.ts';
import { useT } from '../../i18n.ts';
import { errorText } from '../../use-show-error.ts';
import {
  industryKey,
  type NoticeDetail,
  noticeTypeKey,
  PORTAL_NOTICES_PATH,
  procedureKey,
} from './notice-search.ts';
import { PublicShell } from './PublicShell.tsx';

type State =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly notice: NoticeDetail }
  | { readonly status: 'failed'; readonly message: string };

/** One published notice: what it is, who published it, its codes, amount, dates and full text. */
export default function NoticePage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const location = useLocation();
  const [state, setState] = useState<State>({ status: 'loading' });
  const hub = useMemo(() => createApiClient('hub', null), []);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    hub
      .getPublicNotice(id)
      .then((notice) => current && setState({ status: 'ok', notice }))
      .catch(
        (error: unknown) =>
          current &&
          setState({
            status: 'failed',
            message:
              error instanceof ApiError && error.status === 404
                ? t('portal.notice.notFound')
                : errorText(error, t),
          }),
      );
    return () => {
      current = false;
    };
  }, [hub, id, t]);

  // Back to the search the reader came from (its filters are in the history), else to the list.
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate(PORTAL_NOTICES_PATH));

  return (
    <PublicShell>
      <PageContainer
        title={
          state.status === 'ok' ? (
            <span data-testid="notice-title">{state.notice.title}</span>
          ) : (
            t('portal.title')
          )
        }
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="notice-back">
            {t('portal.notice.back')}
          </Button>
        }
      >
        {state.status === 'loading' ? <Skeleton active /> : null}
        {state.status === 'failed' ? (
          <Alert type="warning" showIcon title={<span data-testid="notice-error">{state.message}</span>} />
        ) : null}
        {state.status === 'ok' ? <NoticeCard notice={state.notice} /> : null}
      </PageContainer>
    </PublicShell>
  );
}

function NoticeCard({ notice }: { readonly notice: NoticeDetail }) {
  const t = useT();
  const type = noticeTypeKey(notice.noticeType);
  const industry = industryKey(notice.industryCode);
  const procedureName = procedureKey(notice.procedure);
  const procedure = procedureName ? t(procedureName) : (notice.procedure ?? EMPTY);
  const code = (value: string | null) => (value ? <span className="zc-mono">{value}</span> : EMPTY);
  return (
    <Card>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        data-testid="notice-facts"
        items={[
          {
            key: 'type',
            label: t('portal.notice.type'),
            children: <Tag>{type ? t(type) : notice.noticeType}</Tag>,
          },
          { key: 'platform', label: t('portal.notice.platform'), children: code(notice.platformCode) },
          { key: 'region', label: t('portal.notice.region'), children: code(notice.regionCode) },
          {
            key: 'industry',
            label: t('portal.notice.industry'),
            children: notice.industryCode
              ? `${notice.industryCode} ${industry ? t(industry) : ''}`.trim()
              : EMPTY,
          },
          { key: 'procedure', label: t('portal.notice.procedure'), children: procedure },
          { key: 'dataSet', label: t('portal.notice.dataSet'), children: code(notice.dataSetCode) },
          { key: 'dealCode', label: t('portal.notice.dealCode'), children: code(notice.unifiedDealCode) },
          {
            key: 'projectCode',
            label: t('portal.notice.projectCode'),
            children: code(notice.tenderProjectCode),
          },
          {
            key: 'sections',
            label: t('portal.notice.sections'),
            children: notice.sectionCodes.length ? code(notice.sectionCodes.join('、')) : EMPTY,
          },
          {
            key: 'amount',
            label: t('portal.notice.amount'),
            children: (
              <span className="zc-tabular" data-testid="notice-amount">
                {formatYuan(notice.amount)}
                {notice.amount !== null && notice.currency && notice.currency !== 'CNY'
                  ? ` ${notice.currency}`
                  : ''}
              </span>
            ),
          },
          {
            key: 'published',
            label: t('portal.notice.published'),
            children: <CstTime value={notice.publishedAt} marker />,
          },
          {
            key: 'received',
            label: t('portal.notice.received'),
            children: <CstTime value={notice.receivedAt} marker />,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('portal.notice.body')}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="notice-body">
        {notice.body ? notice.body.replace(/\r\n?/g, '\n') : t('portal.notice.noBody')}
      </Typography.Paragraph>
    </Card>
  );
}
