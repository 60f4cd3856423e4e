import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ListQuery } from '../api-types.ts';
import { CstDateTimeInput } from '../components/CstDateTimeInput.tsx';
import { CstTime } from '../components/CstTime.tsx';
import { CommitteePanel } from '../components/evaluation/CommitteePanel.tsx';
import {
  type Expert,
  type ExpertCategory,
  type ExpertInput,
  type Range,
  useEvaluationApi,
} from '../components/evaluation/evaluation-api.ts';
import { FormDialog } from '../components/FormDialog.tsx';
import { ListToolbar } from '../components/ListToolbar.tsx';
import { OrganisationSelect } from '../components/OrganisationSelect.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { RefusalAlert, useLabel } from '../components/TradingBits.tsx';
import { EMPTY } from '../format.ts';
import { useT } from '../i18n.ts';
import { usePagedList } from '../use-paged-list.ts';
import '../components/evaluation/evaluation.css';

const FILTERS = ['specialty', 'region', 'category', 'availableAt'] as const;
const CATEGORIES: readonly ExpertCategory[] = ['technical', 'economic'];

interface ExpertForm {
  name: string;
  idNumber: string;
  specialties: string[];
  employerOrganisationId?: string | undefined;
  region: string;
  category: ExpertCategory;
  userId?: string;
  conflictOrganisationIds?: string[];
}

/** 评标专家库 (operator): the pool, paged and filtered; entries, their unavailable ranges; the draws. */
export default function ExpertPoolPage() {
  const t = useT();
  const label = useLabel();
  const api = useEvaluationApi();
  const load = useCallback((query: ListQuery) => api.listExperts(query), [api]);
  const list = usePagedList(load, FILTERS);
  const [editing, setEditing] = useState<Expert | 'new' | null>(null);
  const [availability, setAvailability] = useState<Expert | null>(null);
  const [sectionId, setSectionId] = useState('');

  const columns: TableColumnsType<Expert> = [
    { key: 'name', title: t('ex.name'), dataIndex: 'name', width: 120 },
    {
      key: 'specialties',
      title: t('ex.specialties'),
      dataIndex: 'specialties',
      render: (values: string[]) => values.map((s) => <Tag key={s}>{s}</Tag>),
    },
    {
      key: 'category',
      title: t('cm.category'),
      dataIndex: 'category',
      width: 100,
      render: (c: string) => label('ev.category', c),
    },
    { key: 'region', title: t('ex.region'), dataIndex: 'region', width: 100 },
    {
      key: 'unavailable',
      title: t('ex.unavailable'),
      dataIndex: 'unavailable',
      render: (ranges: Range[]) =>
        ranges.length === 0
          ? EMPTY
          : ranges.map((r) => (
              <div key={r.startsAt}>
                <CstTime value={r.startsAt} /> – <CstTime value={r.endsAt} />
              </div>
            )),
    },
    {
      key: 'account',
      title: t('ex.account'),
      dataIndex: 'userId',
      width: 90,
      render: (id: string | null) => (id ? t('tf.yes') : t('tf.no')),
    },
    {
      key: 'actions',
      title: t('ex.actions'),
      width: 200,
      render: (_: unknown, expert) => (
        <Space>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(expert)}
            data-testid={`expert-edit-${expert.id}`}
          >
            {t('ex.edit')}
          </Button>
          <Button size="small" onClick={() => setAvailability(expert)}>
            {t('ex.availability')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('ex.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="expert-add"
        >
          {t('ex.add')}
        </Button>
      }
    >
      <Space direction="vertical" size="middle" className="zc-ev-stack">
        <Card>
          <ListToolbar onRefresh={list.reload} loading={list.loading}>
            <SearchBox
              value={list.filters.specialty}
              onSearch={(specialty) => list.setFilters({ specialty })}
              placeholder={t('ex.specialty')}
              testId="expert-specialty"
            />
            <SearchBox
              value={list.filters.region}
              onSearch={(region) => list.setFilters({ region })}
              placeholder={t('ex.region')}
              testId="expert-region"
            />
            <Select<string>
              allowClear
              className="zc-filter"
              placeholder={t('cm.category')}
              value={list.filters.category || undefined}
              onChange={(category) => list.setFilters({ category: category ?? '' })}
              options={CATEGORIES.map((c) => ({ value: c, label: label('ev.category', c) }))}
            />
            <span className="zc-filter-note">{t('ex.availableAt')}</span>
            <CstDateTimeInput
              value={list.filters.availableAt || null}
              onChange={(at) => list.setFilters({ availableAt: at ?? '' })}
            />
          </ListToolbar>
          <Table<Expert>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.items as Expert[]}
            loading={list.loading}
            pagination={list.pagination}
            scroll={{ x: 1000 }}
            data-testid="expert-table"
          />
        </Card>
        <Card title={t('ex.draws')}>
          <Space className="zc-ev-block">
            <Input.Search
              className="zc-filter-wide"
              placeholder={t('ex.sectionId')}
              enterButton={t('ex.openDraw')}
              onSearch={(value) => setSectionId(value.trim())}
            />
          </Space>
          {sectionId ? <CommitteePanel key={sectionId} api={api} sectionId={sectionId} /> : null}
        </Card>
      </Space>
      <ExpertDialog expert={editing} onClose={() => setEditing(null)} onSaved={() => list.reload()} />
      <AvailabilityDialog
        expert={availability}
        onClose={() => setAvailability(null)}
        onSaved={() => list.reload()}
      />
    </PageContainer>
  );
}

function ExpertDialog({
  expert,
  onClose,
  onSaved,
}: {
  readonly expert: Expert | 'new' | null;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const api = useEvaluationApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<ExpertForm>();
  const creating = expert === 'new';
  const existing = expert !== 'new' && expert !== null ? expert : null;

  // Each opening shows the chosen entry (or an empty form for a new one).
  useEffect(() => {
    if (!existing) {
      form.resetFields();
      return;
    }
    form.setFieldsValue({
      name: existing.name,
      specialties: [...existing.specialties],
      category: existing.category,
      region: existing.region,
      employerOrganisationId: existing.employerOrganisationId ?? undefined,
      userId: existing.userId ?? '',
      conflictOrganisationIds: [...existing.conflictOrganisationIds],
    });
  }, [existing, form]);

  async function submit(values: ExpertForm) {
    const common = {
      name: values.name,
      specialties: values.specialties,
      employerOrganisationId: values.employerOrganisationId ?? null,
      region: values.region,
      category: values.category,
      userId: values.userId?.trim() || null,
      conflictOrganisationIds: values.conflictOrganisationIds ?? [],
    };
    if (existing) await api.updateExpert(existing.id, common);
    else await api.createExpert({ ...common, idNumber: values.idNumber } satisfies ExpertInput);
    void message.success(t('ev.done'));
    onSaved();
  }

  return (
    <FormDialog<ExpertForm>
      title={creating ? t('ex.add') : t('ex.edit')}
      open={expert !== null}
      form={form}
      fields={['name', 'idNumber', 'specialties', 'region', 'category', 'userId', 'employerOrganisationId']}
      onSubmit={submit}
      onClose={onClose}
      testId="expert-dialog"
    >
      <Form.Item name="name" label={t('ex.name')} rules={[{ required: true, message: t('ev.required') }]}>
        <Input maxLength={64} />
      </Form.Item>
      {creating ? (
        <Form.Item
          name="idNumber"
          label={t('ex.idNumber')}
          extra={t('ex.idNumberHint')}
          rules={[{ required: true, min: 15, max: 18, message: t('ex.idNumberRule') }]}
        >
          <Input maxLength={18} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="specialties"
        label={t('ex.specialties')}
        rules={[{ required: true, message: t('ev.required') }]}
      >
        <Select mode="tags" tokenSeparators={[',', '，']} />
      </Form.Item>
      <Form.Item
        name="category"
        label={t('cm.category')}
        rules={[{ required: true, message: t('ev.required') }]}
      >
        <Select<ExpertCategory>
          options={CATEGORIES.map((c) => ({ value: c, label: label('ev.category', c) }))}
        />
      </Form.Item>
      <Form.Item
        name="region"
        label={t('ex.region')}
        extra={t('ex.regionHint')}
        rules={[{ required: true, message: t('ev.required') }]}
      >
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item name="employerOrganisationId" label={t('ex.employer')}>
        <OrganisationSelect />
      </Form.Item>
      <Form.Item name="userId" label={t('ex.userId')} extra={t('ex.userIdHint')}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="conflictOrganisationIds" label={t('ex.conflicts')} extra={t('ex.conflictsHint')}>
        <Select mode="tags" tokenSeparators={[',', '，', ' ']} />
      </Form.Item>
    </FormDialog>
  );
}

function AvailabilityDialog({
  expert,
  onClose,
  onSaved,
}: {
  readonly expert: Expert | null;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const t = useT();
  const api = useEvaluationApi();
  const [ranges, setRanges] = useState<{ startsAt: string | null; endsAt: string | null }[]>([]);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  if ((expert?.id ?? null) !== shown) {
    setShown(expert?.id ?? null);
    setRanges(expert ? expert.unavailable.map((r) => ({ ...r })) : []);
    setError(null);
  }
  const complete = ranges.every((r) => r.startsAt && r.endsAt);

  async function save() {
    if (!expert) return;
    setSaving(true);
    setError(null);
    try {
      await api.setAvailability(
        expert.id,
        ranges.map((r) => ({ startsAt: r.startsAt!, endsAt: r.endsAt! })),
      );
      onSaved();
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={t('ex.availabilityOf', { name: expert?.name ?? '' })}
      open={expert !== null}
      width={640}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !complete }}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
    >
      <RefusalAlert error={error} />
      <p>{t('ex.availabilityHint')}</p>
      {ranges.map((range, i) => (
        <Space key={i} wrap className="zc-ev-row">
          <CstDateTimeInput
            value={range.startsAt}
            onChange={(startsAt) => setRanges(ranges.map((r, j) => (j === i ? { ...r, startsAt } : r)))}
          />
          –
          <CstDateTimeInput
            value={range.endsAt}
            onChange={(endsAt) => setRanges(ranges.map((r, j) => (j === i ? { ...r, endsAt } : r)))}
          />
          <MinusCircleOutlined onClick={() => setRanges(ranges.filter((_, j) => j !== i))} />
        </Space>
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() => setRanges([...ranges, { startsAt: null, endsAt: null }])}
      >
        {t('ex.addRange')}
      </Button>
    </Modal>
  );
}
