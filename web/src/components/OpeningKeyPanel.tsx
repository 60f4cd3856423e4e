import { DeleteOutlined, DownloadOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Descriptions, Input, InputNumber, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { PemKeyPair, SuiteId } from '../../../src/crypto/portable/suite.ts';
import type { OpeningKeyView } from '../api-types.ts';
import { useT } from '../i18n.ts';
import type { PlatformKeys } from '../sealing/opening-key-holders.ts';
import { useSignedIn } from '../session.tsx';
import { useShowError } from '../use-show-error.ts';
import { CstTime } from './CstTime.tsx';
import { HashText } from './HashText.tsx';
import { OpeningKeyHoldersTable } from './OpeningKeyHoldersTable.tsx';
import { RefusalAlert } from './TradingBits.tsx';

interface FurtherHolderDraft {
  readonly key: number;
  readonly name: string;
  readonly fileName: string | null;
  readonly publicKeyPem: string | null;
}

// The crypto providers are loaded only when a key is made, as the bid page does.
const holders = () => import('../sealing/opening-key-holders.ts');

/**
 * 开标密钥 (issue 4 item 3): before publication this browser makes the tender's opening key and
 * splits it k-of-n among 交易平台, 招标人 and any further keyholders. The tenderer's own holder key
 * pair is generated here and its private key downloaded, since the tenderer needs it after the
 * deadline. Only the public key and the encrypted shares are sent; the opening private key never
 * leaves `createOpeningKey`. Test ids: `opening-key-*`.
 */
export function OpeningKeyPanel({
  projectId,
  suite,
  fileStem,
  recorded,
  onRecorded,
}: {
  readonly projectId: string;
  readonly suite: SuiteId;
  /** Names the downloaded private key file, e.g. the deal code. */
  readonly fileStem: string;
  readonly recorded: OpeningKeyView | null;
  readonly onRecorded: (view: OpeningKeyView | null) => void;
}) {
  const t = useT();
  const { api } = useSignedIn();
  const showError = useShowError();
  const [platformKeys, setPlatformKeys] = useState<PlatformKeys | null>(null);
  const [tendererKey, setTendererKey] = useState<PemKeyPair | null>(null);
  const [saved, setSaved] = useState(false);
  const [further, setFurther] = useState<readonly FurtherHolderDraft[]>([]);
  const [threshold, setThreshold] = useState(2);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const nextKey = useRef(0);

  useEffect(() => {
    api.platformKeys().then(setPlatformKeys).catch(showError);
  }, [api, showError]);

  const holderCount = 2 + further.length;
  const privateKeyFile = `${fileStem}-${t('okey.tenderer')}-${suite}.key.pem`;

  async function generateTendererKey() {
    setProblem(null);
    setBusy(true);
    try {
      const pair = await (await holders()).generateTendererHolderKey(suite);
      setTendererKey(pair);
      setSaved(false);
      (await holders()).downloadPemFile(privateKeyFile, pair.privateKeyPem);
    } catch (error) {
      setProblem(t('okey.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  }

  async function chooseHolderFile(key: number, file: File | undefined) {
    if (!file) return;
    const read = (await holders()).holderPublicKeyPem(await file.text());
    if ('problem' in read) {
      setProblem(t(`okey.pem.${read.problem}`, { name: file.name }));
      return;
    }
    setProblem(null);
    setFurther((list) =>
      list.map((h) => (h.key === key ? { ...h, fileName: file.name, publicKeyPem: read.pem } : h)),
    );
  }

  function missing(): string | null {
    if (!platformKeys) return t('okey.platformMissing');
    if (!tendererKey) return t('okey.tendererMissing');
    if (!saved) return t('okey.notSaved');
    if (further.some((h) => !h.name.trim() || !h.publicKeyPem)) return t('okey.holderIncomplete');
    if (threshold < 2 || threshold > holderCount) return t('okey.thresholdRange', { n: holderCount });
    return null;
  }

  async function generate() {
    const gap = missing();
    setProblem(gap);
    setRefusal(null);
    if (gap || !platformKeys || !tendererKey) return;
    setBusy(true);
    // A key that cannot be made is this page's problem; a refusal is the server's.
    const { makeOpeningKey } = await holders();
    const made = await makeOpeningKey({
      suite,
      platformKeys,
      tendererPublicKeyPem: tendererKey.publicKeyPem,
      furtherHolders: further.map((h) => ({ name: h.name, encryptionPublicKeyPem: h.publicKeyPem! })),
      threshold,
      names: { platform: t('okey.platform'), tenderer: t('okey.tenderer') },
    }).catch((error: unknown) => {
      setProblem(t('okey.failed', { message: error instanceof Error ? error.message : String(error) }));
      return null;
    });
    try {
      if (made) onRecorded(await api.recordOpeningKey(projectId, made));
    } catch (error) {
      setRefusal(error);
    } finally {
      setBusy(false);
    }
  }

  if (recorded) {
    return (
      <div data-testid="opening-key-recorded">
        <Alert type="success" showIcon className="zc-section-card" title={t('okey.recorded')} />
        <Descriptions
          bordered
          size="small"
          column={1}
          className="zc-section-card"
          items={[
            {
              key: 'keyId',
              label: t('okey.keyId'),
              children: (
                <span data-testid="opening-key-id">
                  <HashText value={recorded.keyId} />
                </span>
              ),
            },
            { key: 'suite', label: t('seal.suite'), children: t(`seal.suite.${recorded.suite}`) },
            {
              key: 'threshold',
              label: t('okey.threshold'),
              children: t('okey.kOfN', { k: recorded.threshold, n: recorded.holders.length }),
            },
            {
              key: 'at',
              label: t('okey.createdAt'),
              children: <CstTime value={recorded.createdAt} marker />,
            },
          ]}
        />
        <OpeningKeyHoldersTable holders={recorded.holders} testId="opening-key-holders" />
        <Button style={{ marginTop: 16 }} onClick={() => onRecorded(null)} data-testid="opening-key-redo">
          {t('okey.redo')}
        </Button>
      </div>
    );
  }

  return (
    <div data-testid="opening-key-panel">
      <Typography.Paragraph type="secondary">{t('okey.intro')}</Typography.Paragraph>
      <Descriptions
        bordered
        size="small"
        column={1}
        className="zc-section-card"
        items={[
          { key: 'suite', label: t('seal.suite'), children: t(`seal.suite.${suite}`) },
          {
            key: 'platform',
            label: t('okey.platform'),
            children: platformKeys ? (
              <span data-testid="opening-key-platform">
                {t('okey.platformHolds')} <HashText value={platformKeys.keyholderEncryption[suite].keyId} />
              </span>
            ) : (
              <Spin size="small" />
            ),
          },
          {
            key: 'tenderer',
            label: t('okey.tenderer'),
            children: (
              <Space direction="vertical">
                <Space wrap>
                  <Button
                    icon={<KeyOutlined />}
                    loading={busy && !tendererKey}
                    disabled={busy}
                    onClick={() => void generateTendererKey()}
                    data-testid="opening-key-tenderer-generate"
                  >
                    {tendererKey ? t('okey.tendererRegenerate') : t('okey.tendererGenerate')}
                  </Button>
                  {tendererKey ? (
                    <Button
                      icon={<DownloadOutlined />}
                      onClick={() =>
                        void holders().then((h) =>
                          h.downloadPemFile(privateKeyFile, tendererKey.privateKeyPem),
                        )
                      }
                      data-testid="opening-key-tenderer-download"
                    >
                      {t('okey.tendererDownloadAgain')}
                    </Button>
                  ) : null}
                </Space>
                <Alert type="warning" showIcon title={t('okey.tendererWarning')} />
                {tendererKey ? (
                  <Checkbox
                    checked={saved}
                    onChange={(event) => setSaved(event.target.checked)}
                    data-testid="opening-key-tenderer-saved"
                  >
                    {t('okey.tendererSaved', { file: privateKeyFile })}
                  </Checkbox>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('okey.further')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('okey.furtherHint')}</Typography.Paragraph>
      <Space direction="vertical" className="zc-section-card">
        {further.map((holder, index) => (
          <FurtherHolderRow
            key={holder.key}
            holder={holder}
            index={index}
            disabled={busy}
            onName={(name) =>
              setFurther((list) => list.map((h) => (h.key === holder.key ? { ...h, name } : h)))
            }
            onFile={(file) => void chooseHolderFile(holder.key, file)}
            onRemove={() => setFurther((list) => list.filter((h) => h.key !== holder.key))}
          />
        ))}
        <Button
          icon={<PlusOutlined />}
          disabled={busy || holderCount >= 16}
          onClick={() => {
            nextKey.current += 1;
            setFurther((list) => [
              ...list,
              { key: nextKey.current, name: '', fileName: null, publicKeyPem: null },
            ]);
          }}
          data-testid="opening-key-add-holder"
        >
          {t('okey.addHolder')}
        </Button>
      </Space>
      <Space wrap align="center" className="zc-section-card">
        <Typography.Text>{t('okey.threshold')}</Typography.Text>
        <InputNumber<number>
          min={2}
          max={holderCount}
          precision={0}
          value={threshold}
          onChange={(value) => setThreshold(value ?? 2)}
          data-testid="opening-key-threshold"
        />
        <Typography.Text type="secondary">{t('okey.thresholdHint', { n: holderCount })}</Typography.Text>
      </Space>
      {problem ? (
        <Alert
          type="error"
          showIcon
          className="zc-form-error"
          title={problem}
          data-testid="opening-key-problem"
        />
      ) : null}
      <RefusalAlert error={refusal} testId="opening-key-refusal" />
      <Button
        type="primary"
        icon={<KeyOutlined />}
        loading={busy && Boolean(tendererKey)}
        disabled={busy}
        onClick={() => void generate()}
        data-testid="opening-key-generate"
      >
        {t('okey.generate')}
      </Button>
    </div>
  );
}

function FurtherHolderRow({
  holder,
  index,
  disabled,
  onName,
  onFile,
  onRemove,
}: {
  readonly holder: FurtherHolderDraft;
  readonly index: number;
  readonly disabled: boolean;
  readonly onName: (name: string) => void;
  readonly onFile: (file: File | undefined) => void;
  readonly onRemove: () => void;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Space wrap data-testid={`opening-key-holder-${index}`}>
      <Input
        value={holder.name}
        maxLength={200}
        placeholder={t('okey.holderNamePlaceholder')}
        onChange={(event) => onName(event.target.value)}
        style={{ width: 220 }}
        data-testid={`opening-key-holder-${index}-name`}
      />
      <input
        ref={input}
        type="file"
        accept=".pem,.crt,.cer"
        style={{ display: 'none' }}
        onChange={(event) => {
          onFile(event.target.files?.[0]);
          event.target.value = '';
        }}
        data-testid={`opening-key-holder-${index}-input`}
      />
      <Button icon={<KeyOutlined />} disabled={disabled} onClick={() => input.current?.click()}>
        {t('okey.holderChooseKey')}
      </Button>
      {holder.fileName ? (
        <Typography.Text data-testid={`opening-key-holder-${index}-file`}>{holder.fileName}</Typography.Text>
      ) : null}
      <Button type="text" icon={<DeleteOutlined />} aria-label={t('okey.holderRemove')} onClick={onRemove} />
    </Space>
  );
}
