import {
  AutoComplete,
  Card,
  DatePicker,
  Descriptions,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback } from 'react';
import type { AuditEvent, ListQuery } from '../api-types.ts';
import { CstColumnTitle, CstTime } from '../components/CstTime.tsx';
import { HashText } from '../components/HashText.tsx';
import { ListToolbar } from '../components/ListToolbar.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { RoleTags } from '../components/RoleTags.tsx';
import { cstDaysToUtcRange, EMPTY } from '../format.ts';
import { type Translate, translateOptional, useLocale } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { AUDIT_ACTIONS, type Locale } from '../shared-domain.ts';
import { usePagedList } from '../use-paged-list.ts';

/** In the URL the date filter is a pair of CST calendar days; the API gets the UTC instants. */
const FILTERS = ['action', 'objectType', 'objectId', 'fromDate', 'toDate'] as const;
const KNOWN_OBJECT_TYPES = ['organisation', 'user', 'session', 'blob'];
const DAY = 'YYYY-MM-DD';

function actionName(locale: Locale, action: string): string {
  return translateOptional(locale, `action.${action}`) ?? action;
}

function objectTypeName(locale: Locale, objectType: string): string {
  return translateOptional(locale, `objectType.${objectType}`) ?? objectType;
}

function rolesOf(event: AuditEvent): readonly string[] {
  return typeof event.actorRoles === 'string'
    ? event.actorRoles.split(',').filter(Boolean)
    : event.actorRoles;
}

/** 审计日志: every recorded action on this platform, newest first. */
export default function AuditLogPage() {
  const { t, locale } = useLocale();
  const { api } = useSignedIn();
  const load = useCallback(
    ({ fromDate, toDate, ...query }: ListQuery) => {
      const range = fromDate && toDate ? cstDaysToUtcRange(String(fromDate), String(toDate)) : {};
      return api.listAuditEvents({ ...query, ...range });
    },
    [api],
  );
  const list = usePagedList(load, FILTERS);
  const { fromDate, toDate } = list.filters;
  const range: [Dayjs, Dayjs] | null = fromDate && toDate ? [dayjs(fromDate), dayjs(toDate)] : null;

  const columns: TableColumnsType<AuditEvent> = [
    {
      key: 'seq',
      title: t('audit.seq'),
      dataIndex: 'seq',
      width: 70,
      render: (seq: number) => <span className="zc-tabular">{seq}</span>,
    },
    {
      key: 'time',
      title: <CstColumnTitle label={t('audit.time')} />,
      dataIndex: 'occurredAt',
      width: 160,
      render: (value: string) => <CstTime value={value} />,
    },
    {
      key: 'actor',
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      width: 110,
      ellipsis: true,
      render: (username: string | null) =>
        username ?? <Typography.Text type="secondary">{t('audit.anonymous')}</Typography.Text>,
    },
    {
      key: 'roles',
      title: t('audit.roles'),
      render: (_, event) => <RoleTags roles={rolesOf(event)} />,
    },
    {
      key: 'ip',
      title: t('audit.ip'),
      dataIndex: 'ip',
      width: 120,
      render: (ip: string) => <span className="zc-mono">{ip}</span>,
    },
    {
      key: 'action',
      title: t('audit.action'),
      dataIndex: 'action',
      width: locale === 'zh-CN' ? 100 : 170,
      render: (action: string) => actionName(locale, action),
    },
    {
      key: 'object',
      title: t('audit.object'),
      width: 170,
      render: (_, event) => (
        <span className="zc-nowrap">
          {objectTypeName(locale, event.objectType)}{' '}
          <Tooltip title={<span className="zc-mono zc-break">{event.objectId}</span>}>
            <Typography.Link
              className="zc-mono"
              data-testid="audit-object-link"
              onClick={() => list.setFilters({ objectType: event.objectType, objectId: event.objectId })}
            >
              {event.objectId.length > 12 ? `${event.objectId.slice(0, 8)}…` : event.objectId}
            </Typography.Link>
          </Tooltip>
        </span>
      ),
    },
    {
      key: 'eventHash',
      title: t('audit.eventHash'),
      dataIndex: 'eventHash',
      width: 170,
      render: (hash: string) => <HashText value={hash} />,
    },
  ];

  return (
    <PageContainer title={t('audit.title')}>
      <Card>
        <ListToolbar onRefresh={list.reload} loading={list.loading}>
          <Select<string>
            className="zc-filter"
            allowClear
            placeholder={t('audit.allActions')}
            value={list.filters.action || undefined}
            onChange={(action) => list.setFilters({ action: action ?? '' })}
            options={AUDIT_ACTIONS.map((action) => ({ value: action, label: actionName(locale, action) }))}
            data-testid="audit-action-filter"
          />
          <AutoComplete
            className="zc-filter"
            allowClear
            placeholder={t('audit.objectTypePlaceholder')}
            defaultValue={list.filters.objectType}
            key={list.filters.objectType}
            options={KNOWN_OBJECT_TYPES.map((value) => ({
              value,
              label: `${objectTypeName(locale, value)} (${value})`,
            }))}
            onSelect={(objectType: string) => list.setFilters({ objectType })}
            onBlur={(event) =>
              list.setFilters({ objectType: (event.target as HTMLInputElement).value.trim() })
            }
            onClear={() => list.setFilters({ objectType: '' })}
            data-testid="audit-object-type-filter"
          />
          <DatePicker.RangePicker
            value={range}
            allowClear
            onChange={(dates) =>
              list.setFilters({
                fromDate: dates?.[0]?.format(DAY) ?? '',
                toDate: dates?.[1]?.format(DAY) ?? '',
              })
            }
            data-testid="audit-date-filter"
          />
          <Typography.Text type="secondary" className="zc-filter-note">
            {t('time.cst')}
          </Typography.Text>
          {list.filters.objectId ? (
            <Tag
              closable
              onClose={() => list.setFilters({ objectId: '' })}
              className="zc-filter-tag"
              data-testid="audit-object-filter"
            >
              {t('audit.object')}: <span className="zc-mono">{list.filters.objectId}</span>
            </Tag>
          ) : null}
        </ListToolbar>
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.items as AuditEvent[]}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: 1120 }}
          expandable={{
            expandedRowRender: (event) => <AuditEventDetail event={event} t={t} locale={locale} />,
          }}
          data-testid="audit-table"
        />
        <Typography.Paragraph type="secondary" className="zc-table-note">
          {t('audit.chainNote')}
        </Typography.Paragraph>
      </Card>
    </PageContainer>
  );
}

function AuditEventDetail({
  event,
  t,
  locale,
}: {
  readonly event: AuditEvent;
  readonly t: Translate;
  readonly locale: Locale;
}) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, lg: 2 }}
      bordered
      styles={{ label: { width: 140 } }}
      items={[
        { key: 'id', label: t('field.id'), children: <span className="zc-mono">{event.id}</span> },
        { key: 'time', label: t('audit.time'), children: <CstTime value={event.occurredAt} marker /> },
        {
          key: 'action',
          label: t('audit.action'),
          children: `${actionName(locale, event.action)} (${event.action})`,
        },
        {
          key: 'object',
          label: t('audit.object'),
          children: <span className="zc-mono">{`${event.objectType} ${event.objectId}`}</span>,
        },
        {
          key: 'org',
          label: t('audit.actorOrganisation'),
          children: <span className="zc-mono">{event.actorOrganisationId ?? EMPTY}</span>,
        },
        {
          key: 'ua',
          label: t('audit.userAgent'),
          children: <span className="zc-break">{event.userAgent ?? EMPTY}</span>,
        },
        {
          key: 'detail',
          label: t('audit.detail'),
          span: 'filled',
          children: (
            <span className="zc-mono zc-break">
              {event.detail && event.detail !== '{}' ? event.detail : EMPTY}
            </span>
          ),
        },
        {
          key: 'stateHash',
          label: t('audit.stateHash'),
          span: 'filled',
          children: <span className="zc-mono zc-break">{event.stateHash}</span>,
        },
        {
          key: 'eventHash',
          label: t('audit.eventHash'),
          span: 'filled',
          children: <span className="zc-mono zc-break">{event.eventHash}</span>,
        },
      ]}
    />
  );
}
