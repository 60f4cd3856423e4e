import { FileTextOutlined, LoadingOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Input, List, Space, Steps, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createApiClient } from '../api.ts';
import type { BidReceipt, SignedTreeHead } from '../api-types.ts';
import { CstTime } from '../components/CstTime.tsx';
import { HashText } from '../components/HashText.tsx';
import { type Translate, useT } from '../i18n.ts';
import { parseReceiptText, type ReceiptInputProblem } from './receipt-input.ts';
import type { Verification, VerifyRow, VerifyStep } from './receipt-verification.ts';

const STEPS = ['parse', 'keys', 'receipt', 'latest'] as const;
type Step = (typeof STEPS)[number];

const SIGNATURE_ALGORITHM = { 'sm2-sm3': 'SM2/SM3', 'ecdsa-p256-sha256': 'ECDSA P-256/SHA-256' } as const;

interface Checked {
  readonly receipt: BidReceipt;
  readonly verification: Verification;
}

/**
 * Paste or choose a bid receipt and see it verified here, check by check. A bad paste is refused
 * with its reason and leaves the page as it was. `initialJson` (a receipt handed over by the bid
 * panel) is checked at once. Test ids: `receipt-verify-*`, `receipt-check-<check>`.
 */
export function ReceiptVerifier({ initialJson }: { readonly initialJson: string | null }) {
  const t = useT();
  const [text, setText] = useState(initialJson ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const run = useRef(0);
  // Only what the trading platform publishes to anyone is fetched: no sign-in is needed or sent.
  const trading = useMemo(() => createApiClient('trading', null), []);

  const verify = useCallback(
    async (json: string) => {
      const input = parseReceiptText(json);
      if (!input.ok) {
        setProblem(problemText(input.problem, t));
        return;
      }
      const id = ++run.current;
      setProblem(null);
      setStep('parse');
      try {
        // The ciphers load only when a receipt is checked.
        const { verifyReceipt } = await import('./receipt-verification.ts');
        const verification = await verifyReceipt(input.receipt, trading, (next: VerifyStep) => {
          if (run.current === id) setStep(next);
        });
        if (run.current === id) setChecked({ receipt: input.receipt, verification });
      } catch {
        if (run.current === id) setProblem(t('error.unexpected'));
      } finally {
        if (run.current === id) setStep(null);
      }
    },
    [t, trading],
  );

  // Only the receipt handed over when the page opened is checked unasked, once, whatever the
  // language does later.
  const handedOver = useRef(initialJson);
  useEffect(() => {
    const json = handedOver.current;
    handedOver.current = null;
    if (json) void verify(json);
  }, [verify]);

  async function chooseFile(file: File | undefined) {
    if (!file) return;
    let json: string;
    try {
      json = await file.text();
    } catch {
      setProblem(t('ledger.input.unreadable', { name: file.name }));
      return;
    }
    setText(json);
    void verify(json);
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="receipt-verify">
      <Typography.Paragraph type="secondary">{t('ledger.verify.intro')}</Typography.Paragraph>
      {initialJson ? (
        <Typography.Text type="secondary" data-testid="receipt-verify-prefilled">
          {t('ledger.verify.prefilled')}
        </Typography.Text>
      ) : null}
      <Input.TextArea
        rows={8}
        className="zc-mono"
        value={text}
        placeholder={t('ledger.verify.placeholder')}
        onChange={(event) => setText(event.target.value)}
        data-testid="receipt-verify-input"
      />
      <Space wrap>
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={step !== null}
          onClick={() => void verify(text)}
          data-testid="receipt-verify-submit"
        >
          {t('ledger.verify.submit')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          style={{ display: 'none' }}
          onChange={(event) => {
            void chooseFile(event.target.files?.[0]);
            event.target.value = '';
          }}
          data-testid="receipt-verify-file"
        />
        <Button
          icon={<FileTextOutlined />}
          disabled={step !== null}
          onClick={() => fileInput.current?.click()}
        >
          {t('ledger.verify.chooseFile')}
        </Button>
        <Button
          disabled={step !== null}
          onClick={() => {
            setText('');
            setProblem(null);
          }}
        >
          {t('ledger.verify.clear')}
        </Button>
      </Space>
      {problem ? (
        <Alert type="error" showIcon title={<span data-testid="receipt-verify-problem">{problem}</span>} />
      ) : null}
      {step ? <VerifyProgress step={step} /> : null}
      {checked && !step ? <VerificationResult checked={checked} /> : null}
    </Space>
  );
}

function VerifyProgress({ step }: { readonly step: Step }) {
  const t = useT();
  return (
    <Steps
      size="small"
      current={STEPS.indexOf(step)}
      data-testid="receipt-verify-steps"
      items={STEPS.map((s) => ({
        title: t(`ledger.step.${s}`),
        ...(s === step ? { icon: <LoadingOutlined />, description: t('ledger.checking') } : {}),
      }))}
    />
  );
}

function VerificationResult({ checked }: { readonly checked: Checked }) {
  const t = useT();
  const { receipt, verification } = checked;
  const { verdict } = verification;
  const head = receipt.ledger.treeHead;
  const latest = verification.latestHead;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="receipt-verify-result">
      <Alert
        showIcon
        type={verdict.kind === 'pass' ? 'success' : verdict.kind === 'fail' ? 'error' : 'warning'}
        data-testid="receipt-verify-verdict"
        data-verdict={verdict.kind}
        title={t(`ledger.verdict.${verdict.kind}`)}
        description={
          verdict.kind === 'pass'
            ? t('ledger.verdict.passText')
            : verdict.kind === 'fail'
              ? t('ledger.verdict.failText', { check: t(`ledger.check.${verdict.first}`) })
              : t('ledger.verdict.skipped', {
                  checks: verdict.skipped.map((name) => t(`ledger.check.${name}`)).join('、'),
                })
        }
      />
      {verification.published ? null : (
        <Alert
          type="warning"
          showIcon
          data-testid="receipt-verify-integrity-only"
          title={t('ledger.verdict.integrityOnly')}
          description={t('ledger.unreachable', { reason: verification.unreachable ?? '' })}
        />
      )}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        data-testid="receipt-verify-facts"
        items={[
          {
            key: 'bid',
            label: t('ledger.fact.bidId'),
            children: <span className="zc-mono">{receipt.receipt.bidId}</span>,
          },
          {
            key: 'received',
            label: t('ledger.fact.receivedAt'),
            children: <CstTime value={receipt.receipt.receivedAt} marker />,
          },
          {
            key: 'leaf',
            label: t('ledger.fact.leafIndex'),
            children: <span data-testid="receipt-verify-leaf">{receipt.ledger.leafIndex}</span>,
          },
          { key: 'head', label: t('ledger.fact.treeHead'), children: headText(head, t) },
          {
            key: 'headAt',
            label: t('ledger.fact.treeHeadAt'),
            children: <CstTime value={head.timestamp} marker />,
          },
          { key: 'root', label: t('ledger.fact.root'), children: <HashText value={head.rootHash} /> },
          ...(latest
            ? [{ key: 'latest', label: t('ledger.fact.latestHead'), children: headText(latest, t) }]
            : []),
          {
            key: 'keys',
            label: t('ledger.fact.keys'),
            children: verification.published
              ? t('ledger.fact.keys.published')
              : t('ledger.fact.keys.carried'),
          },
        ]}
      />
      <List
        size="small"
        bordered
        dataSource={verification.rows as VerifyRow[]}
        data-testid="receipt-verify-checks"
        renderItem={(row) => (
          <List.Item data-testid={`receipt-check-${row.check}`} data-state={row.state}>
            <Space align="start">
              <StateMark state={row.state} />
              <Space direction="vertical" size={0}>
                <Typography.Text>{checkSentence(row, receipt, latest, t)}</Typography.Text>
                <Typography.Text type="secondary" className="zc-mono zc-break" style={{ fontSize: 12 }}>
                  {row.detail}
                </Typography.Text>
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}

function StateMark({ state }: { readonly state: VerifyRow['state'] }) {
  const t = useT();
  const mark = { ok: '✓', failed: '✗', skipped: '–' }[state];
  const type = { ok: 'success', failed: 'danger', skipped: 'secondary' } as const;
  return (
    <Typography.Text type={type[state]} strong aria-label={t(`ledger.state.${state}`)}>
      {mark}
    </Typography.Text>
  );
}

function headText(head: SignedTreeHead, t: Translate): string {
  return t('ledger.fact.treeHeadValue', { seq: head.seq, size: head.treeSize });
}

/** The row as a sentence a bidder understands, with the receipt's numbers in it. */
function checkSentence(
  row: VerifyRow,
  receipt: BidReceipt,
  latest: SignedTreeHead | null,
  t: Translate,
): string {
  if (row.state === 'skipped') return `${t(`ledger.check.${row.check}`)}：${t('ledger.skipped')}`;
  const head = receipt.ledger.treeHead;
  const params = {
    bidId: receipt.receipt.bidId,
    index: receipt.ledger.leafIndex,
    seq: row.check === 'latest-head' && latest ? latest.seq : head.seq,
    size: row.check === 'latest-head' && latest ? latest.treeSize : head.treeSize,
    root: `${head.rootHash.slice(0, 8)}…${head.rootHash.slice(-6)}`,
    algorithm: SIGNATURE_ALGORITHM[head.signatureAlgorithm],
    from: head.seq,
    to: latest?.seq ?? head.seq,
  };
  return row.state === 'ok' ? t(`ledger.ok.${row.check}`, params) : t(`ledger.failed.${row.check}`, params);
}

function problemText(problem: ReceiptInputProblem, t: Translate): string {
  switch (problem.kind) {
    case 'notJson':
      return t('ledger.input.notJson', { detail: problem.detail });
    case 'badField':
      return problem.missing
        ? t('ledger.input.missing', { field: problem.field })
        : t('ledger.input.badField', { field: problem.field, detail: problem.detail });
    default:
      return t(`ledger.input.${problem.kind}`);
  }
}
