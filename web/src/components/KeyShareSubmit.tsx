import { CheckCircleTwoTone, KeyOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { SuiteId } from '../../../src/crypto/portable/suite.ts';
import { ApiError } from '../api.ts';
import type { OpeningKeyView, ProjectDecryption } from '../api-types.ts';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { RefusalAlert } from './TradingBits.tsx';

/** The platform hands in its own share (platform-share), so it is not offered here. */
const PLATFORM_HOLDER = 'trading';
const TENDERER_HOLDER = 'tenderer';

// The crypto providers are loaded only when a share is decrypted, as the bid page does.
const keyShares = () => import('../sealing/key-share-decryption.ts');

/**
 * 提交密钥分片 (issue 4 item 9): after the decryption window a keyholder — by default 招标人 —
 * chooses its private key file; this browser decrypts the holder's share and sends only the share.
 * Test ids: `key-share-*`.
 */
export function KeyShareSubmit({
  projectId,
  suite,
  holders,
  onSubmitted,
}: {
  readonly projectId: string;
  readonly suite: SuiteId;
  readonly holders: OpeningKeyView['holders'];
  readonly onSubmitted: (progress: ProjectDecryption['openingKey']) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { api } = useSignedIn();
  const choices = holders.filter((h) => h.holderId !== PLATFORM_HOLDER);
  const [holderId, setHolderId] = useState(
    choices.some((h) => h.holderId === TENDERER_HOLDER) ? TENDERER_HOLDER : (choices[0]?.holderId ?? ''),
  );
  const [keyFile, setKeyFile] = useState<{ name: string; pem: string } | null>(null);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);

  const holder = choices.find((h) => h.holderId === holderId);
  if (!holder) return null;

  async function submit() {
    if (!holder) return;
    if (!keyFile) {
      setProblem(t('kshare.noKey'));
      return;
    }
    setProblem(null);
    setRefusal(null);
    setWorking(true);
    try {
      const encrypted = await api.holderShare(projectId, holder.holderId);
      const decrypted = await (
        await keyShares()
      ).decryptHolderShare({
        suite,
        share: encrypted,
        holderPrivateKeyPem: keyFile.pem,
      });
      if ('problem' in decrypted) {
        setProblem(
          t(`kshare.problem.${decrypted.problem}`, { name: keyFile.name, holder: holder.holderName }),
        );
        return;
      }
      const progress = await api.submitKeyShare(projectId, {
        holderId: holder.holderId,
        share: decrypted.share,
      });
      // The key file is not kept once its share is in.
      setKeyFile(null);
      void message.success(t('kshare.submitted', { holder: holder.holderName }));
      onSubmitted(progress);
    } catch (error) {
      // A refusal is the server's; anything else went wrong in this browser.
      if (error instanceof ApiError) setRefusal(error);
      else
        setProblem(t('kshare.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setWorking(false);
    }
  }

  return (
    <div data-testid="key-share-submit">
      <Typography.Title level={5}>{t('kshare.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('kshare.hint')}</Typography.Paragraph>
      <Space wrap className="zc-section-card">
        <Typography.Text>{t('kshare.holder')}</Typography.Text>
        <Select
          value={holderId}
          onChange={(value) => {
            setHolderId(value);
            setProblem(null);
          }}
          disabled={working}
          style={{ width: 200 }}
          options={choices.map((h) => ({ value: h.holderId, label: h.holderName }))}
          data-testid="key-share-holder"
        />
        <input
          ref={input}
          type="file"
          accept=".pem,.key"
          style={{ display: 'none' }}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            setProblem(null);
            void file.text().then((pem) => setKeyFile({ name: file.name, pem }));
          }}
          data-testid="key-share-input"
        />
        <Button icon={<KeyOutlined />} disabled={working} onClick={() => input.current?.click()}>
          {t('kshare.chooseKey')}
        </Button>
        {keyFile ? (
          <Typography.Text data-testid="key-share-file">
            <CheckCircleTwoTone twoToneColor="#52c41a" /> {keyFile.name}
          </Typography.Text>
        ) : null}
      </Space>
      {problem ? (
        <Alert
          type="error"
          showIcon
          className="zc-form-error"
          title={problem}
          data-testid="key-share-problem"
        />
      ) : null}
      <RefusalAlert error={refusal} testId="key-share-refusal" />
      <Button
        type="primary"
        icon={<SendOutlined />}
        loading={working}
        onClick={() => void submit()}
        data-testid="key-share-submit-button"
      >
        {t('kshare.submit')}
      </Button>
    </div>
  );
}
