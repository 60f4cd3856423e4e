import { CopyOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Space,
  Table,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BidReceipt, OwnBid, PublicSection } from '../api-types.ts';
import {
  chooseChunkSize,
  chunksToSend,
  decideResume,
  looksLikeSameFile,
  parseSavedUpload,
  planChunks,
  type SavedUpload,
  savedUploadKey,
  storedBytes,
} from '../bid-upload.ts';
import { hashFileChunks, type FileHashes } from '../file-hash.ts';
import { formatYuan } from '../format.ts';
import { useT } from '../i18n.ts';
import { useServerNow } from '../server-clock.tsx';
import { useSignedIn } from '../session.tsx';
import { MAX_CHUNK_BYTES, MAX_CHUNKS } from '../shared-domain.ts';
import { formatBytes } from '../trading-format.ts';
import { errorText, useShowError } from '../use-show-error.ts';
import { CstColumnTitle, CstTime } from './CstTime.tsx';
import { CstDateTimeInput } from './CstDateTimeInput.tsx';
import { HashText } from './HashText.tsx';
import { StatusTag } from './TradingBits.tsx';

interface BondForm {
  amount: number;
  payerAccount: string;
  paidAt: string;
}

type Phase = 'idle' | 'hashing' | 'uploading' | 'completing' | 'done' | 'failed';

function readSaved(sectionId: string): SavedUpload | null {
  try {
    return parseSavedUpload(window.localStorage.getItem(savedUploadKey(sectionId)), sectionId);
  } catch {
    return null;
  }
}

function writeSaved(sectionId: string, saved: SavedUpload | null): void {
  try {
    if (saved) window.localStorage.setItem(savedUploadKey(sectionId), JSON.stringify(saved));
    else window.localStorage.removeItem(savedUploadKey(sectionId));
  } catch {
    // Without storage a reload starts the upload again; nothing else changes.
  }
}

/**
 * 投标 for one section: the file is hashed (SHA-256, whole and per chunk) in the browser, sent in
 * chunks that survive a broken connection or a reload, then completed with the bid bond into a
 * bid whose receipt is shown. Replace and withdraw before the deadline; closed after it (E2).
 */
export function BidPanel({
  section,
  bidDeadline,
  obtained,
  paused,
}: {
  readonly section: PublicSection;
  readonly bidDeadline: string;
  readonly obtained: boolean;
  readonly paused: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { api } = useSignedIn();
  const showError = useShowError();
  const now = useServerNow();
  const [form] = Form.useForm<BondForm>();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [done, setDone] = useState(0);
  const [chunkInfo, setChunkInfo] = useState({ sent: 0, total: 0 });
  const [problem, setProblem] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<BidReceipt | null>(null);
  const [bids, setBids] = useState<readonly OwnBid[]>([]);
  const [saved, setSaved] = useState<SavedUpload | null>(() => readSaved(section.id));
  const hashes = useRef<{ file: File; chunkSize: number; value: FileHashes } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const closed = now !== null && now >= Date.parse(bidDeadline);
  const current = bids.find((bid) => bid.status === 'current') ?? null;
  const busy = phase === 'hashing' || phase === 'uploading' || phase === 'completing';

  const loadBids = useCallback(() => {
    api
      .listOwnBids(section.id, { page: 1, pageSize: 50 })
      .then((page) => setBids(page.items))
      .catch(showError);
  }, [api, section.id, showError]);
  useEffect(loadBids, [loadBids]);

  const formShown = !closed && obtained && !paused;
  useEffect(() => {
    if (formShown && now !== null && !form.getFieldValue('paidAt')) {
      form.setFieldValue('paidAt', new Date(Math.floor(now / 60_000) * 60_000).toISOString());
    }
  }, [formShown, now, form]);

  async function run(values: BondForm) {
    if (!file) {
      setProblem(t('docs.noFile'));
      return;
    }
    setProblem(null);
    setReceipt(null);
    try {
      const remembered = readSaved(section.id);
      const chunkSize = looksLikeSameFile(remembered, file)
        ? remembered!.chunkSize
        : chooseChunkSize(file.size, { maxChunkBytes: MAX_CHUNK_BYTES, maxChunks: MAX_CHUNKS });
      const plan = planChunks(file.size, chunkSize);
      let fileHashes = hashes.current;
      if (!fileHashes || fileHashes.file !== file || fileHashes.chunkSize !== chunkSize) {
        setPhase('hashing');
        setDone(0);
        const value = await hashFileChunks(file, plan, setDone);
        fileHashes = { file, chunkSize, value };
        hashes.current = fileHashes;
      }
      const { fileSha256, chunkSha256 } = fileHashes.value;

      setPhase('uploading');
      setDone(0);
      setChunkInfo({ sent: 0, total: plan.length });
      const server = remembered
        ? await api.getBidUpload(section.id, remembered.uploadId).catch(() => null)
        : null;
      const decision = decideResume(remembered, fileSha256, server);
      let uploadId: string;
      let missing: readonly number[];
      if (decision.kind === 'open') {
        const state = await api.openBidUpload(section.id, { totalSize: file.size, fileSha256, chunkSize });
        uploadId = state.id;
        missing = state.missingChunks;
        const entry: SavedUpload = {
          uploadId,
          sectionId: section.id,
          fileName: file.name,
          size: file.size,
          lastModified: file.lastModified,
          fileSha256,
          chunkSize,
          savedAt: new Date().toISOString(),
        };
        writeSaved(section.id, entry);
        setSaved(entry);
      } else {
        uploadId = decision.uploadId;
        missing = decision.kind === 'resume' ? decision.missing : [];
        void message.info(t('bid.resumed', { count: missing.length }));
      }

      const toSend = chunksToSend(plan, missing);
      let uploaded = storedBytes(plan, missing);
      setDone(uploaded);
      setChunkInfo({ sent: plan.length - toSend.length, total: plan.length });
      for (const chunk of toSend) {
        await api.putBidChunk(
          section.id,
          uploadId,
          chunk.index,
          file.slice(chunk.start, chunk.end),
          chunkSha256[chunk.index]!,
        );
        uploaded += chunk.end - chunk.start;
        setDone(uploaded);
        setChunkInfo((info) => ({ ...info, sent: info.sent + 1 }));
      }

      setPhase('completing');
      const result = await api.completeBidUpload(section.id, uploadId, {
        bidBond: { amount: values.amount, payerAccount: values.payerAccount.trim(), paidAt: values.paidAt },
      });
      writeSaved(section.id, null);
      setSaved(null);
      hashes.current = null;
      setReceipt(result);
      setPhase('done');
      setFile(null);
      void message.success(t('bid.submittedOk'));
      loadBids();
    } catch (error) {
      setPhase('failed');
      setProblem(t('bid.interrupted', { message: errorText(error, t) }));
    }
  }

  async function withdraw() {
    try {
      await api.withdrawBid(section.id);
      void message.success(t('bid.withdrawn'));
      setReceipt(null);
      loadBids();
    } catch (error) {
      showError(error);
    }
  }

  async function showReceipt(bidId: string) {
    try {
      setReceipt(await api.bidReceipt(bidId));
    } catch (error) {
      showError(error);
    }
  }

  const percent = file && file.size > 0 ? Math.floor((done / file.size) * 100) : 0;

  return (
    <div data-testid={`bid-panel-${section.id}`}>
      {closed ? (
        <Alert type="warning" showIcon title={t('bid.closed')} data-testid="bid-closed" />
      ) : paused ? (
        <Alert type="warning" showIcon title={t('bid.paused')} />
      ) : !obtained ? (
        <Alert type="info" showIcon title={t('bid.mustObtain')} data-testid="bid-must-obtain" />
      ) : null}

      {receipt ? <ReceiptCard receipt={receipt} sectionName={section.name} /> : null}

      {current ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          title={t('bid.current')}
          className="zc-section-card"
          extra={
            <Space>
              <Button onClick={() => void showReceipt(current.id)} data-testid="bid-view-receipt">
                {t('bid.viewReceipt')}
              </Button>
              {!closed ? (
                <Popconfirm title={t('bid.withdrawConfirm')} onConfirm={() => void withdraw()}>
                  <Button danger data-testid="bid-withdraw">
                    {t('bid.withdraw')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Space>
          }
          items={[
            { key: 'hash', label: t('bid.fileHash'), children: <HashText value={current.fileSha256} /> },
            { key: 'size', label: t('bid.fileSize'), children: formatBytes(current.fileSize) },
            {
              key: 'at',
              label: t('bid.receivedAt'),
              children: <CstTime value={current.submittedAt} marker />,
            },
            { key: 'bond', label: t('tf.bidBond'), children: formatYuan(current.bidBond.amount) },
          ]}
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('bid.none')}</Typography.Paragraph>
      )}

      {formShown ? (
        <Form<BondForm>
          form={form}
          layout="vertical"
          initialValues={{ amount: section.bidBond }}
          onFinish={(values) => void run(values)}
          className="zc-bid-form"
        >
          {saved && !busy && phase !== 'done' ? (
            <Alert
              type="info"
              showIcon
              className="zc-section-card"
              title={t('bid.resumeHint', { name: saved.fileName, size: formatBytes(saved.size) })}
              data-testid="bid-resume-hint"
            />
          ) : null}
          <Form.Item label={t('bid.file')} required>
            <Space wrap>
              <input
                ref={input}
                type="file"
                style={{ display: 'none' }}
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  setPhase('idle');
                  setProblem(null);
                  event.target.value = '';
                }}
                data-testid="bid-file-input"
              />
              <Button icon={<UploadOutlined />} disabled={busy} onClick={() => input.current?.click()}>
                {t('bid.chooseFile')}
              </Button>
              {file ? (
                <Typography.Text data-testid="bid-file-name">
                  {file.name}（{formatBytes(file.size)}）
                </Typography.Text>
              ) : null}
            </Space>
          </Form.Item>
          <Space wrap align="start" size="large">
            <Form.Item
              name="amount"
              label={t('bid.bondAmount')}
              extra={t('bid.bondRequired', { amount: formatYuan(section.bidBond) })}
              rules={[{ required: true, message: t('wizard.amountRequired') }]}
            >
              <InputNumber<number>
                min={0.01}
                step={0.01}
                precision={2}
                style={{ width: 200 }}
                formatter={(value) => (value === undefined ? '' : formatYuan(value, { symbol: false }))}
                parser={(text) => Number((text ?? '').replaceAll(',', ''))}
                data-testid="bid-bond-amount"
              />
            </Form.Item>
            <Form.Item
              name="payerAccount"
              label={t('bid.payerAccount')}
              rules={[{ required: true, whitespace: true, message: t('wizard.required') }]}
            >
              <Input maxLength={64} style={{ width: 240 }} data-testid="bid-payer-account" />
            </Form.Item>
            <Form.Item
              name="paidAt"
              label={t('bid.paidAt')}
              rules={[{ required: true, message: t('wizard.dateRequired') }]}
            >
              <CstDateTimeInput testId="bid-paid-at" />
            </Form.Item>
          </Space>
          {phase === 'hashing' || phase === 'uploading' || phase === 'completing' || phase === 'failed' ? (
            <div className="zc-section-card" data-testid="bid-progress">
              <Typography.Text>
                {phase === 'hashing'
                  ? t('bid.hashing')
                  : phase === 'completing'
                    ? t('bid.completing')
                    : t('bid.uploading', { done: chunkInfo.sent, total: chunkInfo.total })}
              </Typography.Text>
              <Progress
                percent={phase === 'completing' ? 100 : percent}
                status={phase === 'failed' ? 'exception' : busy ? 'active' : 'normal'}
                data-testid="bid-progress-bar"
              />
            </div>
          ) : null}
          {problem ? (
            <Alert
              type="error"
              showIcon
              title={problem}
              className="zc-section-card"
              data-testid="bid-error"
            />
          ) : null}
          <div>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="bid-submit">
              {phase === 'failed' ? t('bid.resume') : current ? t('bid.replace') : t('bid.submit')}
            </Button>
          </div>
        </Form>
      ) : null}

      {bids.length ? (
        <Table<OwnBid>
          className="zc-bid-history"
          title={() => t('bid.history')}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={bids as OwnBid[]}
          columns={[
            {
              key: 'at',
              title: <CstColumnTitle label={t('bid.receivedAt')} />,
              width: 180,
              render: (_, bid) => <CstTime value={bid.submittedAt} />,
            },
            {
              key: 'hash',
              title: t('bid.fileHash'),
              render: (_, bid) => <HashText value={bid.fileSha256} />,
            },
            {
              key: 'size',
              title: t('bid.fileSize'),
              width: 100,
              render: (_, bid) => formatBytes(bid.fileSize),
            },
            {
              key: 'status',
              title: t('tf.status'),
              width: 100,
              render: (_, bid) => <StatusTag prefix="bidStatus" value={bid.status} />,
            },
          ]}
        />
      ) : null}
    </div>
  );
}

/** 投标回执: what the server recorded, with the whole receipt one click from the clipboard. */
function ReceiptCard({
  receipt,
  sectionName,
}: {
  readonly receipt: BidReceipt;
  readonly sectionName: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const r = receipt.receipt;
  const copy = () => {
    void navigator.clipboard
      ?.writeText(receipt.canonical)
      .then(() => message.success(t('common.copied')))
      .catch(() => undefined);
  };
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      className="zc-section-card"
      title={t('bid.receipt')}
      data-testid="bid-receipt"
      extra={
        <Button icon={<CopyOutlined />} onClick={copy} data-testid="bid-copy-receipt">
          {t('bid.copyReceipt')}
        </Button>
      }
      items={[
        {
          key: 'id',
          label: t('bid.receiptId'),
          children: (
            <Typography.Text className="zc-mono" copyable data-testid="receipt-id">
              {r.receiptId}
            </Typography.Text>
          ),
        },
        { key: 'section', label: t('bid.section'), children: `${r.sectionCode} ${sectionName}` },
        {
          key: 'hash',
          label: t('bid.fileHash'),
          children: (
            <Typography.Text className="zc-mono zc-break" copyable data-testid="receipt-hash">
              {r.fileSha256}
            </Typography.Text>
          ),
        },
        {
          key: 'size',
          label: t('bid.fileSize'),
          children: (
            <span data-testid="receipt-size">
              {formatBytes(r.fileSize)}（{r.fileSize.toLocaleString('en-US')} B）
            </span>
          ),
        },
        {
          key: 'at',
          label: t('bid.receivedAt'),
          children: (
            <span data-testid="receipt-time">
              <CstTime value={r.receivedAt} marker />
            </span>
          ),
        },
        { key: 'sha', label: t('bid.receiptHash'), children: <HashText value={receipt.sha256} /> },
      ]}
    />
  );
}
