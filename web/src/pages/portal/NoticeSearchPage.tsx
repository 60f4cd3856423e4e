import { NotificationOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { createApiClient } from '../../api.ts';
import type { ListQuery } from '../../api-types.ts';
import { CstColumnTitle, CstTime } from '../../components/CstTime.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { formatYuan } from '../../format.ts';
import { useT } from '../../i18n.ts';
import { usePagedList } from '../../use-paged-list.ts';
import {
  cleanFilters,
  type FilterProblem,
  INDUSTRY_CODES,
  industryKey,
  NOTICE_FILTER_KEYS,
  NOTICE_TYPES,
  type NoticeFilterKey,
  type NoticeFilters,
  noticeFeedUrl,
  type NoticeHit,
  noticePath,
  noticeTypeKey,
  titleParts,
  totalText,
} from './notice-search.ts';
import { PublicShell } from './PublicShell.tsx';

const DAY = 'YYYY-MM-DD';
const MARK = { padding: 0, background: '#fff1b8', color: 'inherit' };

interface FormValues {
  readonly q?: string;
  readonly region?: string;
  readonly industry?: string;
  readonly type?: string;
  readonly dates?: readonly [Dayjs | null, Dayjs | null] | null;
  readonly minAmount?: string;
  readonly maxAmount?: string;
}

function formValues(filters: NoticeFilters): FormValues {
  return {
    q: filters.q ?? '',
    region: filters.region ?? '',
    industry: filters.industry || undefined,
    type: filters.type || undefined,
    dates:
      filters.from || filters.to
        ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
        : null,
    minAmount: filters.minAmount ?? '',
    maxAmount: filters.maxAmount ?? '',
  };
}

/** 公开信息: the hub's published notices, searched by Chinese phrase and filters, newest first. No sign-in. */
export default function NoticeSearchPage() {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const [problems, setProblems] = useState<Partial<Record<NoticeFilterKey, FilterProblem>>>({});
  const [totalExact, setTotalExact] = useState(true);
  const hub = useMemo(() => createApiClient('hub', null), []);
  const load = useCallback(
    async (query: ListQuery) => {
      const page = await hub.searchNotices(query);
      setTotalExact(page.totalExact);
      return page;
    },
    [hub],
  );
  const list = usePagedList<NoticeHit, NoticeFilterKey>(load, NOTICE_FILTER_KEYS);

  useEffect(() => form.setFieldsValue(formValues(list.filters)), [form, list.filters]);

  function search(values: FormValues) {
    const [from, to] = values.dates ?? [null, null];
    const cleaned = cleanFilters({
      q: values.q ?? '',
      region: values.region ?? '',
      industry: values.industry ?? '',
      type: values.type ?? '',
      from: from ? from.format(DAY) : '',
      to: to ? to.format(DAY) : '',
      minAmount: values.minAmount ?? '',
      maxAmount: values.maxAmount ?? '',
    });
    if (!cleaned.ok) {
      setProblems(cleaned.problems);
      return;
    }
    setProblems({});
    list.setFilters(Object.fromEntries(NOTICE_FILTER_KEYS.map((key) => [key, cleaned.filters[key] ?? ''])));
  }

  function reset() {
    setProblems({});
    list.setFilters(Object.fromEntries(NOTICE_FILTER_KEYS.map((key) => [key, ''])));
  }

  const problem = (key: NoticeFilterKey) => {
    const found = problems[key];
    return found ? { validateStatus: 'error' as const, help: t(`portal.filter.${found}`) } : {};
  };

  const columns: TableColumnsType<NoticeHit> = [
    {
      key: 'title',
      title: t('portal.col.title'),
      render: (_, notice) => (
        <Link to={noticePath(notice.id)} data-testid="portal-notice-link">
          {titleParts(notice.title, notice.titleHighlights).map((part, i) =>
            part.marked ? (
              <mark key={i} style={MARK}>
                {part.text}
              </mark>
            ) : (
              <span key={i}>{part.text}</span>
            ),
          )}
        </Link>
      ),
    },
    {
      key: 'type',
      title: t('portal.col.type'),
      dataIndex: 'noticeType',
      width: 140,
      render: (type: string) => {
        const key = noticeTypeKey(type);
        return <Tag>{key ? t(key) : type}</Tag>;
      },
    },
    {
      key: 'region',
      title: t('portal.col.region'),
      dataIndex: 'regionCode',
      width: 100,
      render: (code: string) => <span className="zc-mono">{code}</span>,
    },
    {
      key: 'amount',
      title: t('portal.col.amount'),
      dataIndex: 'amount',
      width: 170,
      align: 'right',
      render: (amount: number | null) => <span className="zc-tabular">{formatYuan(amount)}</span>,
    },
    {
      key: 'published',
      title: <CstColumnTitle label={t('portal.col.published')} />,
      dataIndex: 'publishedAt',
      width: 170,
      render: (value: string) => <CstTime value={value} />,
    },
  ];

  return (
    <PublicShell>
      <PageContainer
        title={t('portal.title')}
        extra={
          <Tooltip title={t('portal.atomHint')}>
            <Button
              icon={<NotificationOutlined />}
              href={noticeFeedUrl(list.filters)}
              target="_blank"
              data-testid="portal-atom"
            >
              {t('portal.atom')}
            </Button>
          </Tooltip>
        }
      >
        <Card>
          <Form<FormValues> form={form} layout="vertical" onFinish={search} data-testid="portal-search-form">
            <Form.Item>
              <Space.Compact block>
                <Form.Item name="q" noStyle>
                  <Input
                    size="large"
                    allowClear
                    placeholder={t('portal.search.placeholder')}
                    maxLength={200}
                    data-testid="portal-search-input"
                  />
                </Form.Item>
                <Button
                  size="large"
                  type="primary"
                  htmlType="submit"
                  icon={<SearchOutlined />}
                  data-testid="portal-search-submit"
                >
                  {t('portal.search.submit')}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Space wrap align="start" size={[12, 0]}>
              <Form.Item name="region" {...problem('region')}>
                <Input
                  allowClear
                  className="zc-filter"
                  placeholder={t('portal.filter.region')}
                  maxLength={6}
                  data-testid="portal-filter-region"
                />
              </Form.Item>
              <Form.Item name="type">
                <Select
                  allowClear
                  style={{ width: 180 }}
                  placeholder={t('portal.filter.type')}
                  options={NOTICE_TYPES.map((type) => ({
                    value: type,
                    label: t(`portal.noticeType.${type}`),
                  }))}
                  data-testid="portal-filter-type"
                />
              </Form.Item>
              <Form.Item name="industry">
                <Select
                  allowClear
                  style={{ width: 180 }}
                  placeholder={t('portal.filter.industry')}
                  options={INDUSTRY_CODES.map((code) => ({
                    value: code,
                    label: `${code} ${t(industryKey(code)!)}`,
                  }))}
                  data-testid="portal-filter-industry"
                />
              </Form.Item>
              <Form.Item name="dates">
                <DatePicker.RangePicker
                  allowEmpty={[true, true]}
                  placeholder={[t('portal.filter.from'), t('portal.filter.to')]}
                  data-testid="portal-filter-dates"
                />
              </Form.Item>
              <Form.Item name="minAmount" {...problem('minAmount')}>
                <Input
                  allowClear
                  className="zc-filter"
                  inputMode="decimal"
                  placeholder={t('portal.filter.minAmount')}
                  data-testid="portal-filter-min-amount"
                />
              </Form.Item>
              <Form.Item name="maxAmount" {...problem('maxAmount')}>
                <Input
                  allowClear
                  className="zc-filter"
                  inputMode="decimal"
                  placeholder={t('portal.filter.maxAmount')}
                  data-testid="portal-filter-max-amount"
                />
              </Form.Item>
              <Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" data-testid="portal-filter-apply">
                    {t('portal.search.submit')}
                  </Button>
                  <Button onClick={reset} data-testid="portal-filter-reset">
                    {t('portal.filter.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Space>
          </Form>
          <Table<NoticeHit>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={[...list.items]}
            loading={list.loading}
            locale={{ emptyText: t('portal.empty') }}
            pagination={{
              ...list.pagination,
              showTotal: (total) => <span data-testid="portal-total">{totalText(t, total, totalExact)}</span>,
            }}
            scroll={{ x: 900 }}
            data-testid="portal-results"
          />
        </Card>
      </PageContainer>
    </PublicShell>
  );
}
