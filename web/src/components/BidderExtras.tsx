import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  Modal,
  Progress,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import type { DocumentKind, Objection, PrequalificationApplication } from '../api-types.ts';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { formatBytes } from '../trading-format.ts';
import { errorText, useShowError } from '../use-show-error.ts';
import { CstColumnTitle, CstTime } from './CstTime.tsx';
import { HashText } from './HashText.tsx';
import { StatusTag, useLabel } from './TradingBits.tsx';

/** 异议 for a bidder: its own objections with the replies, and raising a new one. */
export function BidderObjections({
  projectId,
  prequalification,
  onRaised,
}: {
  readonly projectId: string;
  readonly prequalification: boolean;
  readonly onRaised: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { api } = useSignedIn();
  const { message } = App.useApp();
  const showError = useShowError();
  const [items, setItems] = useState<readonly Objection[]>([]);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<{ kind: DocumentKind; body: string }>();

  const load = useCallback(() => {
    api
      .listObjections(projectId, { page: 1, pageSize: 50 })
      .then((page) => setItems(page.items))
      .catch(showError);
  }, [api, projectId, showError]);
  useEffect(load, [load]);

  async function submit() {
    let values: { kind: DocumentKind; body: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      await api.raiseObjection(projectId, { kind: values.kind, body: values.body.trim() });
      void message.success(t('obj.raised'));
      form.resetFields();
      setOpen(false);
      load();
      onRaised();
    } catch (error) {
      setProblem(errorText(error, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Space className="zc-section-card">
        <Button onClick={() => setOpen(true)} data-testid="objection-raise">
          {t('obj.raise')}
        </Button>
        <Typography.Text type="secondary">{t('obj.raiseHint')}</Typography.Text>
      </Space>
      {items.length ? (
        <Table<Objection>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items as Objection[]}
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
              width: 180,
              render: (_, o) => <CstTime value={o.raisedAt} />,
            },
            { key: 'kind', title: t('clar.kind'), width: 120, render: (_, o) => label('docKind', o.kind) },
            { key: 'body', title: t('obj.body'), dataIndex: 'body', ellipsis: true },
            {
              key: 'state',
              title: t('tf.status'),
              width: 200,
              render: (_, o) =>
                o.repliedAt ? (
                  <Tag color="green">{t('obj.answered')}</Tag>
                ) : (
                  <>
                    <Tag color="orange">{t('obj.unanswered')}</Tag>
                    {o.overdue ? <Tag color="red">{t('obj.overdue')}</Tag> : null}
                  </>
                ),
            },
          ]}
        />
      ) : null}
      <Modal
        title={t('obj.raise')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        confirmLoading={saving}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        forceRender
      >
        {problem ? <Alert type="error" showIcon title={problem} className="zc-form-error" /> : null}
        <Form form={form} layout="vertical" initialValues={{ kind: 'tender' }}>
          {prequalification ? (
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
            name="body"
            label={t('obj.body')}
            rules={[{ required: true, whitespace: true, message: t('wizard.required') }]}
          >
            <Input.TextArea rows={5} maxLength={20000} data-testid="objection-body" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 资格预审申请 for a bidder: its application and result, and (re)submitting the file. */
export function PrequalificationApply({ projectId }: { readonly projectId: string }) {
  const t = useT();
  const { api } = useSignedIn();
  const { message } = App.useApp();
  const showError = useShowError();
  const [mine, setMine] = useState<PrequalificationApplication | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    api
      .myApplication(projectId)
      .then(setMine)
      .catch((error: unknown) => {
        if (!(error instanceof ApiError && error.status === 404)) showError(error);
      });
  }, [api, projectId, showError]);
  useEffect(load, [load]);

  async function upload(file: File) {
    setProgress(0);
    try {
      setMine(
        await api.applyForPrequalification(projectId, file, (loaded, total) =>
          setProgress(Math.floor((loaded / total) * 100)),
        ),
      );
      void message.success(t('pq.applied'));
    } catch (error) {
      showError(error);
    } finally {
      setProgress(null);
    }
  }

  return (
    <>
      {mine ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          title={t('pq.mine')}
          className="zc-section-card"
          items={[
            { key: 'file', label: t('docs.filename'), children: mine.filename },
            { key: 'size', label: t('docs.size'), children: formatBytes(mine.size) },
            { key: 'hash', label: t('docs.hash'), children: <HashText value={mine.hash} /> },
            { key: 'at', label: t('pq.submittedAt'), children: <CstTime value={mine.submittedAt} marker /> },
            {
              key: 'result',
              label: t('pq.result'),
              children: (
                <>
                  <StatusTag prefix="pqResult" value={mine.result} />
                  {mine.reason}
                </>
              ),
            },
          ]}
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('pq.none')}</Typography.Paragraph>
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
        data-testid="prequalification-file-input"
      />
      <Button
        icon={<UploadOutlined />}
        loading={progress !== null}
        onClick={() => input.current?.click()}
        data-testid="prequalification-apply"
      >
        {mine ? t('pq.reapply') : t('pq.apply')}
      </Button>
      {progress !== null ? <Progress percent={progress} status="active" /> : null}
    </>
  );
}
