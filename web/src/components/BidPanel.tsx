import {
  CopyOutlined,
  DeleteOutlined,
  DownloadOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  UploadOutlined,
} from '@ant-design/icons';
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
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api.ts';
import type { BidReceipt, OpeningKeyView, OwnBid, PublicSection, SealingTerms } from '../api-types.ts';
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
import {
  createEnvelopeWriter,
  discardSealedEnvelope,
  findSealedEnvelope,
} from '../sealing/envelope-store.ts';
import { browserMachineIdentifiers } from '../sealing/machine-identifiers.ts';
import type { KeyFileKind } from '../sealing/pem-files.ts';
import { type ChosenPem, useSessionKeys } from '../sealing/session-keys.ts';
import { formatYuan } from '../format.ts';
import { RECEIPT_VERIFY_PATH, receiptJson, verifyState } from '../ledger/verify-link.ts';
import { useLocale, useT } from '../i18n.ts';
import { type BidFormValues, bidFormFromInput } from '../sealing/bid-form-input.ts';
import { type BidForm, yuanTextToFen } from '../../../src/domain/tender/bid-form.ts';
import { useServerNow } from '../server-clock.tsx';
import { useSignedIn } from '../session.tsx';
import { MAX_CHUNK_BYTES, MAX_CHUNKS } from '../shared-domain.ts';
import { formatBytes } from '../trading-format.ts';
import { errorText, useShowError } from '../use-show-error.ts';
import { CstColumnTitle, CstTime } from './CstTime.tsx';
import { CstDateTimeInput } from './CstDateTimeInput.tsx';
import { HashText } from './HashText.tsx';
import { KeyFilePicker } from './KeyFilePicker.tsx';
import { StatusTag } from './TradingBits.tsx';

interface BondForm {
  amount: number;
  payerAccount: string;
  paidAt: string;
  /** The bid form (投标函) sealed with the file. */
  bidForm: BidFormValues;
}

type Phase = 'idle' | 'packing' | 'sealing' | 'hashing' | 'uploading' | 'completing' | 'done' | 'failed';

const SEALING_KEYS: readonly KeyFileKind[] = ['signingKey', 'signingCertificate', 'encryptionCertificate'];

/** The envelope sealed from one chosen bid file and bid form, kept while its upload is unfinished. */
interface SealedBid {
  readonly source: File;
  /** The bid form sealed with it, as JSON: another form makes another envelope. */
  readonly formJson: string;
  readonly envelope: File;
  readonly chunkSize: number;
  readonly hashes: FileHashes;
}

/** A failure the bidder can act on, shown as it is. */
class SealingProblem extends Error {}

/** The platform refused the envelope itself (422: not an envelope, wrong tender, bad certificate…). */
function refusesEnvelope(error: unknown): boolean {
  return error instanceof ApiError && error.status === 422;
}

function readSaved(sectionId: string): SavedUpload | null {
  try {
    return parseSavedUpload(window.localStorage.getItem(savedUploadKey(sectionId)), sectionId);
  } catch {
    return null;
  }
}

/** The bid form of the saved upload's envelope, kept beside it so a changed form is sealed afresh. */
const savedFormKey = (sectionId: string) => `zhaocai.bidForm.${sectionId}`;

function readSavedForm(sectionId: string): string | null {
  try {
    return window.localStorage.getItem(savedFormKey(sectionId));
  } catch {
    return null;
  }
}

function writeSaved(sectionId: string, saved: SavedUpload | null, formJson?: string): void {
  try {
    if (saved) window.localStorage.setItem(savedUploadKey(sectionId), JSON.stringify(saved));
    else window.localStorage.removeItem(savedUploadKey(sectionId));
    if (saved && formJson !== undefined) window.localStorage.setItem(savedFormKey(sectionId), formJson);
    else if (!saved) window.localStorage.removeItem(savedFormKey(sectionId));
  } catch {
    // Without storage a reload starts the upload again; nothing else changes.
  }
}

/**
 * 投标 for one section: the chosen file is sealed in the browser into a bid envelope for this
 * tender, section and bidder (signed with the bidder's key, its content key wrapped to the bidder's
 * encryption certificate and to the tender's opening key), so the plaintext never leaves the
 * bidder's machine. The envelope is hashed (SHA-256, whole and per chunk), sent in chunks that
 * survive a broken connection or a reload, then completed with the bid bond into a bid whose signed
 * receipt is shown. Replace and withdraw before the deadline; closed after it (E2).
 */
export function BidPanel({
  tender,
  section,
  bidDeadline,
  obtained,
  paused,
  sealing,
  openingKey,
  tenderFileId,
}: {
  readonly tender: { readonly projectId: string; readonly dealCode: string };
  readonly section: PublicSection;
  readonly bidDeadline: string;
  readonly obtained: boolean;
  readonly paused: boolean;
  readonly sealing: SealingTerms;
  /** What bids are sealed to; null while the tender has none. */
  readonly openingKey: OpeningKeyView | null;
  /** Digest of the tender document the bid answers, for the envelope's machine block; '' if unknown. */
  readonly tenderFileId: string;
}) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const { api, user } = useSignedIn();
  const [keys, chooseKey] = useSessionKeys(user.id);
  const showError = useShowError();
  const now = useServerNow();
  const [form] = Form.useForm<BondForm>();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(0);
  const [chunkInfo, setChunkInfo] = useState({ sent: 0, total: 0 });
  const [problem, setProblem] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<BidReceipt | null>(null);
  const [bids, setBids] = useState<readonly OwnBid[]>([]);
  const [saved, setSaved] = useState<SavedUpload | null>(() => readSaved(section.id));
  const sealed = useRef<SealedBid | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const closed = now !== null && now >= Date.parse(bidDeadline);
  const current = bids.find((bid) => bid.status === 'current') ?? null;
  const busy =
    phase === 'packing' ||
    phase === 'sealing' ||
    phase === 'hashing' ||
    phase === 'uploading' ||
    phase === 'completing';

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

  /**
   * The envelope already sealed from this file and form (this page, or kept on disk before a
   * reload), else a new one.
   */
  async function envelopeFor(
    source: File,
    bidForm: BidForm,
    remembered: SavedUpload | null,
  ): Promise<SealedBid> {
    const formJson = JSON.stringify(bidForm);
    if (sealed.current?.source === source && sealed.current.formJson === formJson) return sealed.current;
    if (remembered && looksLikeSameFile(remembered, source) && readSavedForm(section.id) === formJson) {
      const stored = await findSealedEnvelope(section.id);
      if (stored) {
        const plan = planChunks(stored.size, remembered.chunkSize);
        setPhase('hashing');
        setTotal(stored.size);
        const hashes = await hashFileChunks(stored, plan, setDone);
        // Only the envelope whose upload was opened resumes; anything else is sealed afresh.
        if (hashes.fileSha256 === remembered.fileSha256) {
          return { source, formJson, envelope: stored, chunkSize: remembered.chunkSize, hashes };
        }
      }
    }
    const envelope = await seal(source, bidForm);
    const chunkSize = chooseChunkSize(envelope.size, {
      maxChunkBytes: MAX_CHUNK_BYTES,
      maxChunks: MAX_CHUNKS,
    });
    setPhase('hashing');
    setDone(0);
    setTotal(envelope.size);
    const hashes = await hashFileChunks(envelope, planChunks(envelope.size, chunkSize), setDone);
    return { source, formJson, envelope, chunkSize, hashes };
  }

  async function seal(source: File, bidForm: BidForm): Promise<File> {
    const { signingKey, signingCertificate, encryptionCertificate } = keys;
    if (!signingKey || !signingCertificate || !encryptionCertificate) {
      throw new SealingProblem(t('seal.key.missing'));
    }
    if (!openingKey) throw new SealingProblem(t('seal.noOpeningKey'));
    if (!user.organisation) throw new SealingProblem(t('error.unexpected'));
    // The ciphers load only when a bid is sealed, not with every tender page.
    const { sealBidFile, signingKeyMatches } = await import('../sealing/seal-bid-file.ts');
    const bidderKeys = {
      signingKeyPem: signingKey.pem,
      signingCertificatePem: signingCertificate.pem,
      encryptionCertificatePem: encryptionCertificate.pem,
    };
    if (!(await signingKeyMatches(sealing.suite, bidderKeys))) {
      throw new SealingProblem(t('seal.key.mismatch'));
    }
    // What is sealed is the bid package: the bid form with the file (docs/opening.md).
    setPhase('packing');
    setDone(0);
    setTotal(source.size);
    const { bidPackageFile } = await import('../sealing/bid-package-file.ts');
    const plaintext = await bidPackageFile(bidForm, source, (packed) => setDone(packed));
    setPhase('sealing');
    setDone(0);
    setTotal(plaintext.size);
    const { version } = await api.systemInfo();
    return sealBidFile({
      suite: sealing.suite,
      file: plaintext,
      tender,
      section: { id: section.id, code: section.code },
      bidder: {
        organisationId: user.organisation.id,
        creditCode: user.organisation.creditCode,
        name: user.organisation.name,
      },
      machine: browserMachineIdentifiers(tenderFileId, navigator),
      toolVersion: version,
      createdAt: new Date(now ?? Date.now()).toISOString(),
      keys: bidderKeys,
      openingPublicKeyPem: openingKey.publicKeyPem,
      writer: await createEnvelopeWriter(section.id, `${source.name}.zcbe`),
      onProgress: setDone,
    });
  }

  async function run(values: BondForm) {
    if (!file) {
      setProblem(t('docs.noFile'));
      return;
    }
    const bidForm = bidFormFromInput(values.bidForm, locale, section.readOutItems ?? []);
    if (!bidForm.ok) {
      const fields = bidForm.errors.map((error) => ({
        name: ['bidForm', ...(typeof error.field === 'string' ? [error.field] : error.field)],
        errors: [error.message],
      }));
      // The paths are the form's own field names; antd's path type cannot follow the spread.
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    setProblem(null);
    setReceipt(null);
    let bid: SealedBid | undefined;
    try {
      const remembered = readSaved(section.id);
      bid = await envelopeFor(file, bidForm.form, remembered);
      sealed.current = bid;
      const { envelope, chunkSize } = bid;
      const { fileSha256, chunkSha256 } = bid.hashes;
      const plan = planChunks(envelope.size, chunkSize);

      setPhase('uploading');
      setDone(0);
      setTotal(envelope.size);
      setChunkInfo({ sent: 0, total: plan.length });
      const server = remembered
        ? await api.getBidUpload(section.id, remembered.uploadId).catch(() => null)
        : null;
      const decision = decideResume(remembered, fileSha256, server);
      let uploadId: string;
      let missing: readonly number[];
      if (decision.kind === 'open') {
        const state = await api.openBidUpload(section.id, {
          totalSize: envelope.size,
          fileSha256,
          chunkSize,
        });
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
        writeSaved(section.id, entry, bid.formJson);
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
          envelope.slice(chunk.start, chunk.end),
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
      await forgetEnvelope();
      setReceipt(result);
      setPhase('done');
      setFile(null);
      void message.success(t('bid.submittedOk'));
      loadBids();
    } catch (error) {
      setPhase('failed');
      if (refusesEnvelope(error)) {
        // The platform will not take this envelope (E1, its certificates…): seal afresh next time.
        await forgetEnvelope();
        setProblem(errorText(error, t));
      } else if (error instanceof SealingProblem) {
        setProblem(error.message);
      } else {
        setProblem(
          bid
            ? t('bid.interrupted', { message: errorText(error, t) })
            : t('seal.failed', { message: errorText(error, t) }),
        );
      }
    }
  }

  async function forgetEnvelope() {
    sealed.current = null;
    writeSaved(section.id, null);
    setSaved(null);
    await discardSealedEnvelope(section.id);
  }

  /** A different key or certificate makes a different envelope. */
  function chooseSealingKey(kind: KeyFileKind, value: ChosenPem | null) {
    chooseKey(kind, value);
    sealed.current = null;
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

  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;

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
          <Form.Item
            label={t('seal.keys.title')}
            required
            extra={
              <span>
                {t('seal.keys.hint')}
                <br />
                <span data-testid="bid-suite">
                  {t('seal.suite')}：{t(`seal.suite.${sealing.suite}`)}
                </span>
              </span>
            }
          >
            <KeyFilePicker kinds={SEALING_KEYS} keys={keys} onChoose={chooseSealingKey} disabled={busy} />
          </Form.Item>
          {openingKey === null ? (
            <Alert type="warning" showIcon className="zc-section-card" title={t('seal.noOpeningKey')} />
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
          <BidFormFields disabled={busy} required={section.readOutItems ?? []} />
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
          {busy || phase === 'failed' ? (
            <div className="zc-section-card" data-testid="bid-progress">
              <Typography.Text>
                {phase === 'packing'
                  ? t('bform.packing', { percent })
                  : phase === 'sealing'
                    ? t('seal.sealing', { percent })
                    : phase === 'hashing'
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
              {phase === 'failed' && saved ? t('bid.resume') : current ? t('bid.replace') : t('bid.submit')}
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

/**
 * 投标函: the price in yuan (with thousands separators as typed), duration, quality, one field per
 * item the tender documents require read out (`required`), and any other items the bidder adds.
 * Checked on submit with the schema the platform reads it with.
 */
function BidFormFields({
  disabled,
  required,
}: {
  readonly disabled: boolean;
  readonly required: readonly string[];
}) {
  const { t } = useLocale();
  const price = Form.useWatch(['bidForm', 'price']) as string | undefined;
  const fen = price ? yuanTextToFen(price) : null;
  return (
    <fieldset className="zc-section-card" data-testid="bid-form">
      <Typography.Text strong>{t('bform.title')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('bform.hint')}</Typography.Paragraph>
      <Space wrap align="start" size="large">
        <Form.Item
          name={['bidForm', 'price']}
          label={t('bform.price')}
          required
          extra={fen !== null ? t('bform.priceIs', { fen: fen.toLocaleString('en-US') }) : undefined}
        >
          <Input
            style={{ width: 220 }}
            placeholder={t('bform.pricePlaceholder')}
            disabled={disabled}
            inputMode="decimal"
            data-testid="bid-price"
          />
        </Form.Item>
        <Form.Item name={['bidForm', 'durationDays']} label={t('bform.duration')}>
          <InputNumber<number>
            min={1}
            precision={0}
            style={{ width: 160 }}
            disabled={disabled}
            data-testid="bid-duration"
          />
        </Form.Item>
        <Form.Item name={['bidForm', 'qualityCommitment']} label={t('bform.quality')}>
          <Input maxLength={1000} style={{ width: 220 }} disabled={disabled} data-testid="bid-quality" />
        </Form.Item>
        <Form.Item name={['bidForm', 'bidBond']} label={t('bform.bidBond')}>
          <Input style={{ width: 180 }} disabled={disabled} inputMode="decimal" data-testid="bid-form-bond" />
        </Form.Item>
      </Space>
      {required.length > 0 ? (
        <Form.Item label={t('bform.requiredItems')} required data-testid="bid-required-items">
          <Space wrap align="start" size="large">
            {required.map((name, index) => (
              <Form.Item key={name} name={['bidForm', 'requiredItems', index]} label={name} required>
                <Input
                  maxLength={1000}
                  style={{ width: 220 }}
                  disabled={disabled}
                  data-testid={`bid-required-item-${index}`}
                />
              </Form.Item>
            ))}
          </Space>
        </Form.Item>
      ) : null}
      <Form.List name={['bidForm', 'items']}>
        {(fields, { add, remove }) => (
          <Form.Item label={t('bform.items')}>
            {fields.map((field) => (
              <Space key={field.key} align="start">
                <Form.Item name={[field.name, 'key']}>
                  <Input placeholder={t('bform.itemKey')} maxLength={64} disabled={disabled} />
                </Form.Item>
                <Form.Item name={[field.name, 'value']}>
                  <Input placeholder={t('bform.itemValue')} maxLength={1000} disabled={disabled} />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('bform.removeItem')}
                  onClick={() => remove(field.name)}
                  disabled={disabled}
                />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })} disabled={disabled}>
              {t('bform.addItem')}
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Typography.Text type="secondary">{t('bform.memoryNote')}</Typography.Text>
    </fieldset>
  );
}

/**
 * 投标回执: what the server recorded, the envelope's digests the bidder's signature covers, the
 * platform's signature, and the bid's leaf in the platform's ledger under a signed tree head. The
 * whole receipt is one click from the clipboard or a JSON file, which `zhaocai receipt verify` checks
 * offline, and one click from the verify page, which checks it in the browser.
 */
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
      ?.writeText(receiptJson(receipt))
      .then(() => message.success(t('common.copied')))
      .catch(() => undefined);
  };
  const download = () => {
    const json = new Blob([receiptJson(receipt)], { type: 'application/json' });
    const url = URL.createObjectURL(json);
    const link = document.createElement('a');
    link.href = url;
    link.download = `bid-receipt-${r.receiptId}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
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
        <Space>
          <Button icon={<CopyOutlined />} onClick={copy} data-testid="bid-copy-receipt">
            {t('bid.copyReceipt')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={download} data-testid="receipt-download">
            {t('receipt.download')}
          </Button>
          <Link to={RECEIPT_VERIFY_PATH} state={verifyState(receipt)} data-testid="receipt-verify-link">
            <SafetyCertificateOutlined /> {t('ledger.receipt.verify')}
          </Link>
        </Space>
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
        {
          key: 'envelope',
          label: t('receipt.envelope'),
          children: t(`seal.suite.${r.envelope.suite}`),
        },
        {
          key: 'headerDigest',
          label: t('receipt.headerDigest'),
          children: (
            <Typography.Text className="zc-mono zc-break" copyable data-testid="receipt-header-digest">
              {r.envelope.headerDigest}
            </Typography.Text>
          ),
        },
        {
          key: 'ciphertextDigest',
          label: t('receipt.ciphertextDigest'),
          children: (
            <Typography.Text className="zc-mono zc-break" copyable data-testid="receipt-ciphertext-digest">
              {r.envelope.ciphertextDigest}
            </Typography.Text>
          ),
        },
        {
          key: 'signer',
          label: t('receipt.signerSerial'),
          children: <span className="zc-mono">{r.envelope.signerCertificateSerial}</span>,
        },
        { key: 'sha', label: t('bid.receiptHash'), children: <HashText value={receipt.sha256} /> },
        {
          key: 'signature',
          label: t('receipt.platformSigned'),
          children: (
            <Space data-testid="receipt-signed">
              <Tag color="green">{t('receipt.platformSigned')}</Tag>
              <Typography.Text type="secondary">{t('receipt.platformKey')}</Typography.Text>
              <HashText value={receipt.signature.keyId} />
            </Space>
          ),
        },
        {
          key: 'leaf',
          label: t('ledger.receipt.leaf'),
          children: <span data-testid="receipt-ledger-leaf">{receipt.ledger.leafIndex}</span>,
        },
        {
          key: 'treeHead',
          label: t('ledger.receipt.treeHead'),
          children: (
            <Space wrap data-testid="receipt-tree-head">
              {t('ledger.receipt.treeHeadValue', {
                seq: receipt.ledger.treeHead.seq,
                size: receipt.ledger.treeHead.treeSize,
              })}
              <CstTime value={receipt.ledger.treeHead.timestamp} marker />
            </Space>
          ),
        },
      ]}
    />
  );
}
