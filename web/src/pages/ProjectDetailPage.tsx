import { EditOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api.ts';
import type {
  Clarification,
  DocumentKind,
  ListQuery,
  Objection,
  PrequalificationApplication,
  PrequalificationPublished,
  PrequalificationStatus,
  Project,
  ProjectBid,
  TenderDocument,
} from '../api-types.ts';
import { CstColumnTitle, CstTime } from '../components/CstTime.tsx';
import { CstDateTimeInput } from '../components/CstDateTimeInput.tsx';
import { HashText } from '../components/HashText.tsx';
import { OpeningKeyPublishDialog } from '../components/OpeningKeyPublishDialog.tsx';
import { OpeningKeyStatus } from '../components/OpeningKeyStatus.tsx';
import { PageContainer } from '../components/PageContainer.tsx';
import { SectionEvaluationTab } from '../components/evaluation/SectionEvaluationTab.tsx';
import { RefusalAlert, StatusTag, useLabel, yesNo } from '../components/TradingBits.tsx';
import { EMPTY } from '../format.ts';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { earliestExtension, formatBytes } from '../trading-format.ts';
import { errorText, useShowError } from '../use-show-error.ts';
import { ClarificationsTable, DocumentsTable, SectionsTable } from './TenderDetailPage.tsx';

/** 项目详情: one project of the tenderer or agency — overview, documents and clarifications, objections, pre-qualification, bids. */
export default function ProjectDetailPage() {
  const t = useT();
  const label = useLabel();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { api } = useSignedIn();
  const showError = useShowError();
  const [project, setProject] = useState<Project | null>(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback(() => {
    api
      .getProject(id)
      .then(setProject)
      .catch((error: unknown) => {
        setFailed(true);
        showError(error);
      });
  }, [api, id, showError]);
  useEffect(load, [load]);

  if (failed && !project) {
    return (
      <PageContainer title={t('nav.project-detail')}>
        <Result
          status="404"
          title={t('error.notFound.title')}
          extra={<Link to="/projects">{t('project.back')}</Link>}
        />
      </PageContainer>
    );
  }
  if (!project) return <Spin />;
  const a = project.announcement;
  const published = project.status !== 'draft';

  return (
    <PageContainer
      title={<span data-testid="project-title">{project.name}</span>}
      extra={
        <Space>
          {!published ? (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => void navigate(`/projects/${project.id}/edit`)}
              data-testid="project-edit"
            >
              {t('project.editDraft')}
            </Button>
          ) : null}
          {!published && a ? <OpeningKeyPublishDialog project={project} onPublished={load} /> : null}
          {published ? (
            <Link to={`/opening-hall/${project.id}`} data-testid="hall-link">
              {t('hall.enter')}
            </Link>
          ) : null}
          <Link to="/projects">{t('project.back')}</Link>
        </Space>
      }
    >
      {project.pausedAt ? (
        <Alert
          type="warning"
          showIcon
          className="zc-section-card"
          title={
            <span>
              {t('project.paused')} <CstTime value={project.pausedAt} marker />
            </span>
          }
        />
      ) : null}
      <Card>
        <Tabs
          items={[
            {
              key: 'overview',
              label: t('project.overview'),
              children: (
                <>
                  <Descriptions
                    size="small"
                    bordered
                    column={{ xs: 1, md: 2, xl: 3 }}
                    className="zc-section-card"
                    items={[
                      {
                        key: 'code',
                        label: t('tf.dealCode'),
                        children: <span className="zc-mono">{project.dealCode}</span>,
                      },
                      {
                        key: 'status',
                        label: t('tf.status'),
                        children: <StatusTag prefix="projectStatus" value={project.status} />,
                      },
                      { key: 'tenderer', label: t('tf.tenderer'), children: project.tendererName },
                      { key: 'agency', label: t('tf.agency'), children: project.agencyName ?? EMPTY },
                      {
                        key: 'procedure',
                        label: t('tf.procedure'),
                        children: label('procedure', project.procedure),
                      },
                      {
                        key: 'qual',
                        label: t('tf.qualification'),
                        children: label('qualification', project.qualification),
                      },
                      { key: 'must', label: t('tf.mustTender'), children: yesNo(project.mustTender, t) },
                      { key: 'state', label: t('tf.stateFunded'), children: yesNo(project.stateFunded, t) },
                      { key: 'region', label: t('tf.region'), children: project.region ?? EMPTY },
                      { key: 'industry', label: t('tf.industry'), children: project.industry ?? EMPTY },
                      {
                        key: 'published',
                        label: t('tf.publishedAt'),
                        children: <CstTime value={project.publishedAt} marker />,
                      },
                      {
                        key: 'created',
                        label: t('tf.createdAt'),
                        children: <CstTime value={project.createdAt} marker />,
                      },
                    ]}
                  />
                  <Typography.Title level={5}>{t('project.sections')}</Typography.Title>
                  <SectionsTable sections={project.sections} />
                  <Typography.Title level={5}>{t('project.announcement')}</Typography.Title>
                  {a ? (
                    <>
                      <Descriptions
                        size="small"
                        bordered
                        column={{ xs: 1, md: 2 }}
                        className="zc-section-card"
                        items={[
                          {
                            key: 'kind',
                            label: t('tf.announcementKind'),
                            children: label('announcementKind', a.kind),
                          },
                          { key: 'title', label: t('tf.announcementTitle'), children: a.title },
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
                            children: <CstTime value={a.bidDeadline} marker />,
                          },
                          {
                            key: 'opening',
                            label: t('tf.openingAt'),
                            children: <CstTime value={a.openingAt} marker />,
                          },
                          { key: 'contact', label: t('tf.objectionContact'), children: a.objectionContact },
                        ]}
                      />
                      <Typography.Paragraph className="zc-pre">{a.body}</Typography.Paragraph>
                    </>
                  ) : (
                    <Empty description={t('project.noAnnouncement')} />
                  )}
                </>
              ),
            },
            {
              key: 'documents',
              label: t('project.documents'),
              children: <DocumentsTab project={project} onChanged={load} />,
            },
            ...(published
              ? [
                  {
                    key: 'objections',
                    label: t('project.objections'),
                    children: <ObjectionsTab projectId={project.id} onChanged={load} />,
                  },
                  ...(project.qualification === 'pre'
                    ? [
                        {
                          key: 'pq',
                          label: t('project.prequalification'),
                          children: <PrequalificationTab projectId={project.id} />,
                        },
                      ]
                    : []),
                  { key: 'bids', label: t('project.bids'), children: <BidsTab projectId={project.id} /> },
                  {
                    key: 'opening-key',
                    label: t('okey.title'),
                    children: <OpeningKeyStatus projectId={project.id} />,
                  },
                  {
                    key: 'evaluation',
                    label: t('ev.tab'),
                    children: <SectionEvaluationTab sections={project.sections} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </PageContainer>
  );
}

/** Uploads (with progress), the versions, and the clarifications. */
function DocumentsTab({ project, onChanged }: { readonly project: Project; readonly onChanged: () => void }) {
  const t = useT();
  const { api } = useSignedIn();
  const { message } = App.useApp();
  const showError = useShowError();
  const [documents, setDocuments] = useState<readonly TenderDocument[]>([]);
  const [clarifications, setClarifications] = useState<readonly Clarification[]>([]);
  const [kind, setKind] = useState<DocumentKind>(
    project.qualification === 'pre' ? 'prequalification' : 'tender',
  );
  const [title, setTitle] = useState('');
  const [target, setTarget] = useState<TenderDocument | null>(null);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [clarifying, setClarifying] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    api
      .listDocuments(project.id, { page: 1, pageSize: 100 })
      .then((page) => setDocuments(page.items))
      .catch(showError);
    api
      .listClarifications(project.id, { page: 1, pageSize: 100 })
      .then((page) => setClarifications(page.items))
      .catch(showError);
  }, [api, project.id, showError]);
  useEffect(load, [load]);

  async function upload(file: File) {
    setProgress({ name: file.name, percent: 0 });
    try {
      await api.uploadDocument(
        project.id,
        file,
        {
          kind: target?.kind ?? kind,
          title: target ? undefined : title.trim() || undefined,
          documentId: target?.id,
        },
        (loaded, total) => setProgress({ name: file.name, percent: Math.floor((loaded / total) * 100) }),
      );
      void message.success(t('docs.uploaded', { name: file.name }));
      setTitle('');
      setTarget(null);
      load();
    } catch (error) {
      showError(error);
    } finally {
      setProgress(null);
    }
  }

  const pending = documents.flatMap((d) =>
    d.versions.filter((v) => v.status === 'pending').map((v) => ({ document: d, version: v })),
  );

  return (
    <>
      <Card size="small" title={t('docs.upload')} className="zc-section-card">
        <Space wrap>
          {target ? (
            <Tag closable onClose={() => setTarget(null)} color="blue">
              {t('docs.uploadVersion')}：{target.title}
            </Tag>
          ) : (
            <>
              <Select<DocumentKind>
                value={kind}
                onChange={setKind}
                style={{ width: 160 }}
                options={[
                  { value: 'tender', label: t('docKind.tender') },
                  { value: 'prequalification', label: t('docKind.prequalification') },
                ]}
              />
              <Input
                placeholder={t('docs.docTitle')}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                style={{ width: 240 }}
                maxLength={200}
              />
            </>
          )}
          <input
            ref={input}
            type="file"
            style={{ display: 'none' }}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void upload(file);
            }}
            data-testid="document-file-input"
          />
          <Button
            type="primary"
            icon={<UploadOutlined />}
            loading={progress !== null}
            onClick={() => input.current?.click()}
            data-testid="document-upload"
          >
            {t('docs.chooseFile')}
          </Button>
        </Space>
        {progress ? (
          <div data-testid="document-progress">
            <Typography.Text>{t('docs.uploading', { name: progress.name })}</Typography.Text>
            <Progress percent={progress.percent} status="active" />
          </div>
        ) : null}
        {project.status !== 'draft' ? (
          <Typography.Paragraph type="secondary">{t('docs.pendingHint')}</Typography.Paragraph>
        ) : null}
      </Card>
      <DocumentsTable projectId={project.id} documents={documents} onNewVersion={setTarget} />
      <Card
        size="small"
        title={t('clar.title')}
        className="zc-section-card"
        style={{ marginTop: 16 }}
        extra={
          project.status !== 'draft' ? (
            <Button onClick={() => setClarifying(true)} data-testid="clarification-new">
              {t('clar.publish')}
            </Button>
          ) : null
        }
      >
        <ClarificationsTable items={clarifications} />
      </Card>
      <ClarificationDialog
        open={clarifying}
        project={project}
        pending={pending}
        onClose={() => setClarifying(false)}
        onPublished={() => {
          void message.success(t('clar.published'));
          load();
          onChanged();
        }}
      />
    </>
  );
}

interface ClarificationForm {
  kind: DocumentKind;
  title: string;
  body: string;
  affectsPreparation: boolean;
  newBidDeadline?: string | null;
  newPrequalificationDeadline?: string | null;
  documentVersionIds?: string[];
}

function ClarificationDialog({
  open,
  project,
  pending,
  onClose,
  onPublished,
}: {
  readonly open: boolean;
  readonly project: Project;
  readonly pending: readonly { document: TenderDocument; version: TenderDocument['versions'][number] }[];
  readonly onClose: () => void;
  readonly onPublished: () => void;
}) {
  const t = useT();
  const { api } = useSignedIn();
  const [form] = Form.useForm<ClarificationForm>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [earliest, setEarliest] = useState<{ bid: string | null; pq: string | null }>({
    bid: null,
    pq: null,
  });
  const kind = Form.useWatch('kind', form);
  const isPre = project.qualification === 'pre';

  async function submit() {
    let values: ClarificationForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setRefusal(null);
    try {
      await api.publishClarification(project.id, {
        kind: values.kind,
        title: values.title.trim(),
        body: values.body,
        affectsPreparation: values.affectsPreparation,
        ...(values.newBidDeadline ? { newBidDeadline: values.newBidDeadline } : {}),
        ...(values.newPrequalificationDeadline
          ? { newPrequalificationDeadline: values.newPrequalificationDeadline }
          : {}),
        documentVersionIds: values.documentVersionIds ?? [],
      });
      form.resetFields();
      setEarliest({ bid: null, pq: null });
      onPublished();
      onClose();
    } catch (error) {
      setRefusal(error);
      if (error instanceof ApiError) {
        const bid = earliestExtension(error.details, 'T4');
        const pq = earliestExtension(error.details, 'T4P');
        setEarliest({ bid, pq });
        if (bid && !values.newBidDeadline) form.setFieldValue('newBidDeadline', bid);
        if (pq && !values.newPrequalificationDeadline) form.setFieldValue('newPrequalificationDeadline', pq);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={t('clar.publish')}
      open={open}
      width={640}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      forceRender
      mask={{ closable: false }}
    >
      <div data-testid="clarification-form">
        {refusal ? <RefusalAlert error={refusal} testId="clarification-error" /> : null}
        <Form<ClarificationForm>
          form={form}
          layout="vertical"
          initialValues={{ kind: isPre ? 'prequalification' : 'tender', affectsPreparation: true }}
        >
          {isPre ? (
            <Form.Item name="kind" label={t('clar.kind')}>
              <Radio.Group
                options={[
                  { value: 'tender', label: t('docKind.tender') },
                  { value: 'prequalification', label: t('docKind.prequalification') },
                ]}
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="title"
            label={t('clar.titleField')}
            rules={[{ required: true, whitespace: true, message: t('wizard.required') }]}
          >
            <Input maxLength={200} data-testid="clarification-title" />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('clar.body')}
            rules={[{ required: true, whitespace: true, message: t('wizard.required') }]}
          >
            <Input.TextArea rows={4} maxLength={20000} data-testid="clarification-body" />
          </Form.Item>
          <Form.Item name="affectsPreparation" valuePropName="checked">
            <Checkbox>{t('clar.affects')}</Checkbox>
          </Form.Item>
          {pending.length ? (
            <Form.Item name="documentVersionIds" label={t('clar.versions')}>
              <Select
                mode="multiple"
                options={pending
                  .filter((p) => p.document.kind === (kind ?? 'tender'))
                  .map((p) => ({
                    value: p.version.id,
                    label: `${p.document.title} v${p.version.version}（${p.version.filename}）`,
                  }))}
              />
            </Form.Item>
          ) : null}
          {(kind ?? 'tender') === 'tender' ? (
            <Form.Item
              name="newBidDeadline"
              label={t('clar.newBidDeadline')}
              tooltip={t('common.optional')}
              extra={
                earliest.bid ? (
                  <span data-testid="clarification-earliest">
                    {t('clar.extendHint')}
                    <CstTime value={earliest.bid} />
                  </span>
                ) : null
              }
            >
              <CstDateTimeInput
                minDate={earliest.bid?.slice(0, 10) ?? null}
                testId="clarification-new-deadline"
              />
            </Form.Item>
          ) : (
            <Form.Item
              name="newPrequalificationDeadline"
              label={t('clar.newPqDeadline')}
              tooltip={t('common.optional')}
              extra={
                earliest.pq ? (
                  <span>
                    {t('clar.extendHint')}
                    <CstTime value={earliest.pq} />
                  </span>
                ) : null
              }
            >
              <CstDateTimeInput testId="clarification-new-pq-deadline" />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}

function ObjectionsTab({
  projectId,
  onChanged,
}: {
  readonly projectId: string;
  readonly onChanged: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { api } = useSignedIn();
  const { message } = App.useApp();
  const showError = useShowError();
  const [answered, setAnswered] = useState('');
  const [items, setItems] = useState<readonly Objection[]>([]);
  const [paused, setPaused] = useState(false);
  const [replying, setReplying] = useState<Objection | null>(null);
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);

  const load = useCallback(() => {
    const query: ListQuery = { page: 1, pageSize: 100, answered: answered || undefined };
    api
      .listObjections(projectId, query)
      .then((page) => {
        setItems(page.items);
        setPaused(page.paused);
      })
      .catch(showError);
  }, [api, projectId, answered, showError]);
  useEffect(load, [load]);

  async function reply() {
    if (!replying || !text.trim()) return;
    setSaving(true);
    try {
      await api.replyObjection(projectId, replying.id, text.trim());
      void message.success(t('obj.replied'));
      setReplying(null);
      setText('');
      load();
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      {paused ? (
        <Alert type="warning" showIcon className="zc-section-card" title={t('obj.pausedAlert')} />
      ) : null}
      <Space className="zc-section-card">
        <Select
          style={{ width: 160 }}
          value={answered}
          onChange={setAnswered}
          options={[
            { value: '', label: t('obj.filterAll') },
            { value: 'false', label: t('obj.unanswered') },
            { value: 'true', label: t('obj.answered') },
          ]}
          data-testid="objection-filter"
        />
      </Space>
      <Table<Objection>
        rowKey="id"
        size="small"
        dataSource={items as Objection[]}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        data-testid="objection-table"
        expandable={{
          expandedRowRender: (o) => (
            <>
              <Typography.Paragraph className="zc-pre">{o.body}</Typography.Paragraph>
              {o.reply ? (
                <Typography.Paragraph className="zc-pre" type="secondary">
                  {t('obj.reply')}：{o.reply}
                </Typography.Paragraph>
              ) : null}
            </>
          ),
        }}
        columns={[
          {
            key: 'raised',
            title: <CstColumnTitle label={t('obj.raisedAt')} />,
            width: 170,
            render: (_, o) => <CstTime value={o.raisedAt} />,
          },
          {
            key: 'objector',
            title: t('obj.objector'),
            dataIndex: 'organisationName',
            width: 200,
            ellipsis: true,
          },
          { key: 'kind', title: t('clar.kind'), width: 120, render: (_, o) => label('docKind', o.kind) },
          { key: 'body', title: t('obj.body'), dataIndex: 'body', ellipsis: true, width: 240 },
          {
            key: 'due',
            title: <CstColumnTitle label={t('obj.dueAt')} />,
            width: 200,
            render: (_, o) => (
              <>
                <CstTime value={o.replyDueAt} />{' '}
                {o.overdue ? <Tag color="red">{t('obj.overdue')}</Tag> : null}
              </>
            ),
          },
          {
            key: 'state',
            title: t('tf.status'),
            width: 170,
            render: (_, o) =>
              o.repliedAt ? <CstTime value={o.repliedAt} /> : <Tag color="orange">{t('obj.unanswered')}</Tag>,
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 90,
            render: (_, o) =>
              o.repliedAt ? null : (
                <Button size="small" onClick={() => setReplying(o)} data-testid={`objection-reply-${o.id}`}>
                  {t('obj.replyAction')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        title={t('obj.replyAction')}
        open={replying !== null}
        onCancel={() => setReplying(null)}
        onOk={() => void reply()}
        confirmLoading={saving}
        okButtonProps={{ disabled: !text.trim() }}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
      >
        {replying ? (
          <Typography.Paragraph className="zc-pre" type="secondary">
            {replying.body}
          </Typography.Paragraph>
        ) : null}
        <Input.TextArea
          rows={5}
          value={text}
          maxLength={20000}
          onChange={(e) => setText(e.target.value)}
          data-testid="objection-reply-text"
        />
      </Modal>
    </>
  );
}

function PrequalificationTab({ projectId }: { readonly projectId: string }) {
  const t = useT();
  const { api } = useSignedIn();
  const { message } = App.useApp();
  const showError = useShowError();
  const [status, setStatus] = useState<PrequalificationStatus | null>(null);
  const [items, setItems] = useState<readonly PrequalificationApplication[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<PrequalificationApplication | null>(null);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<PrequalificationPublished | null>(null);

  const load = useCallback(() => {
    api.prequalificationStatus(projectId).then(setStatus).catch(showError);
    api
      .listApplications(projectId, { page: 1, pageSize: 200 })
      .then((page) => {
        setItems(page.items);
        setListError(null);
      })
      .catch((error: unknown) => setListError(errorText(error, t)));
  }, [api, projectId, showError, t]);
  useEffect(load, [load]);

  async function review(application: PrequalificationApplication, qualified: boolean, why?: string) {
    try {
      await api.reviewApplication(
        projectId,
        application.id,
        qualified ? { result: 'qualified' } : { result: 'not_qualified', reason: why ?? '' },
      );
      setRejecting(null);
      setReason('');
      load();
    } catch (error) {
      showError(error);
    }
  }

  async function publish() {
    try {
      const published = await api.publishPrequalification(projectId);
      setResult(published);
      void message.success(t('pq.publishedOk', { count: published.qualifiedCount }));
      load();
    } catch (error) {
      showError(error);
    }
  }

  return (
    <>
      <Descriptions
        size="small"
        bordered
        className="zc-section-card"
        items={[
          {
            key: 'deadline',
            label: t('pq.deadline'),
            children: <CstTime value={status?.prequalificationDeadline} marker />,
          },
          {
            key: 'outcome',
            label: t('pq.outcome'),
            children: status?.outcome ? (
              <>
                {t(status.outcome === 'qualified' ? 'pq.outcome.qualified' : 'pq.outcome.failed')}{' '}
                <CstTime value={status.publishedAt} marker />
              </>
            ) : (
              EMPTY
            ),
          },
        ]}
      />
      {result?.violation ? (
        <Alert
          type="error"
          showIcon
          className="zc-section-card"
          title={t('pq.failed')}
          description={result.violation.message}
        />
      ) : null}
      {listError ? (
        <Alert type="info" showIcon className="zc-section-card" title={listError} />
      ) : (
        <>
          <Table<PrequalificationApplication>
            rowKey="id"
            size="small"
            dataSource={items as PrequalificationApplication[]}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 1100 }}
            data-testid="application-table"
            columns={[
              { key: 'org', title: t('pq.applicant'), dataIndex: 'organisationName', width: 220 },
              { key: 'file', title: t('docs.filename'), dataIndex: 'filename', width: 220, ellipsis: true },
              { key: 'size', title: t('docs.size'), width: 90, render: (_, a) => formatBytes(a.size) },
              {
                key: 'hash',
                title: t('docs.hash'),
                width: 170,
                render: (_, a) => <HashText value={a.hash} />,
              },
              {
                key: 'at',
                title: <CstColumnTitle label={t('pq.submittedAt')} />,
                width: 170,
                render: (_, a) => <CstTime value={a.submittedAt} />,
              },
              {
                key: 'result',
                title: t('pq.result'),
                width: 200,
                render: (_, a) => (
                  <>
                    <StatusTag prefix="pqResult" value={a.result} />
                    {a.reason ? <Typography.Text type="secondary">{a.reason}</Typography.Text> : null}
                  </>
                ),
              },
              {
                key: 'actions',
                title: t('common.actions'),
                width: 170,
                render: (_, a) =>
                  status?.outcome ? null : (
                    <Space>
                      <Button
                        size="small"
                        onClick={() => void review(a, true)}
                        data-testid={`application-qualify-${a.id}`}
                      >
                        {t('pq.qualify')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        onClick={() => setRejecting(a)}
                        data-testid={`application-reject-${a.id}`}
                      >
                        {t('pq.reject')}
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
          {!status?.outcome ? (
            <Popconfirm title={t('pq.publishConfirm')} onConfirm={() => void publish()}>
              <Button type="primary" style={{ marginTop: 16 }} data-testid="prequalification-publish">
                {t('pq.publish')}
              </Button>
            </Popconfirm>
          ) : null}
        </>
      )}
      <Modal
        title={t('pq.rejectTitle')}
        open={rejecting !== null}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && void review(rejecting, false, reason.trim())}
        okButtonProps={{ disabled: !reason.trim() }}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
      >
        <Typography.Paragraph>{rejecting?.organisationName}</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          value={reason}
          maxLength={2000}
          placeholder={t('pq.reasonRequired')}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

function BidsTab({ projectId }: { readonly projectId: string }) {
  const t = useT();
  const { api } = useSignedIn();
  const [items, setItems] = useState<readonly ProjectBid[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api
      .listProjectBids(projectId, { page: 1, pageSize: 200 })
      .then((page) => setItems(page.items))
      .catch((error: unknown) => setProblem(errorText(error, t)));
  }, [api, projectId, t]);
  if (problem) return <Alert type="info" showIcon title={problem} data-testid="project-bids-closed" />;
  if (!items) return <Spin />;
  return (
    <Table<ProjectBid>
      rowKey="id"
      size="small"
      dataSource={items as ProjectBid[]}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        {
          key: 'section',
          title: t('tf.sectionCode'),
          dataIndex: 'sectionCode',
          width: 200,
          render: (v: string) => <span className="zc-mono">{v}</span>,
        },
        { key: 'bidder', title: t('role.bidder'), dataIndex: 'bidderName' },
        {
          key: 'hash',
          title: t('bid.fileHash'),
          width: 180,
          render: (_, b) => <HashText value={b.fileSha256} />,
        },
        { key: 'size', title: t('bid.fileSize'), width: 100, render: (_, b) => formatBytes(b.fileSize) },
        {
          key: 'status',
          title: t('tf.status'),
          width: 100,
          render: (_, b) => <StatusTag prefix="bidStatus" value={b.status} />,
        },
        {
          key: 'at',
          title: <CstColumnTitle label={t('bid.receivedAt')} />,
          width: 180,
          render: (_, b) => <CstTime value={b.submittedAt} />,
        },
      ]}
    />
  );
}
