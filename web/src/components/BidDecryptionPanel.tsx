import { UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Empty, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { EnvelopeError } from '../../../src/crypto/portable/envelope/envelope-error.ts';
import type { BidDecryption, ProjectDecryption } from '../api-types.ts';
import { EMPTY } from '../format.ts';
import { type Translate, useT } from '../i18n.ts';
import { useSessionKeys } from '../sealing/session-keys.ts';
import { useServerNow } from '../server-clock.tsx';
import { useSignedIn } from '../session.tsx';
import { errorText } from '../use-show-error.ts';
import { CstColumnTitle, CstTime } from './CstTime.tsx';
import { KeyFilePicker } from './KeyFilePicker.tsx';
import { StatusTag } from './TradingBits.tsx';

/**
 * 投标文件解密 after the deadline: the decryption window and the status of the bidder's own bids.
 * The bidder chooses its encryption private key; the browser unwraps each pending bid's content key
 * from the envelope header and sends only that key, so the private key never leaves the page.
 */
export function BidDecryptionPanel({ projectId }: { readonly projectId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const { api, user } = useSignedIn();
  const now = useServerNow();
  const [keys, chooseKey] = useSessionKeys(user.id);
  const [state, setState] = useState<ProjectDecryption | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const load = useCallback(() => {
    api
      .projectDecryption(projectId)
      .then(setState)
      .catch((error: unknown) => setProblem(errorText(error, t)));
  }, [api, projectId, t]);
  useEffect(load, [load]);

  const decryptionWindow = state?.window ?? null;
  const open = windowState(decryptionWindow, now) === 'dec.open';
  const pending = state?.bids.filter((bid) => bid.status === 'pending') ?? [];

  async function decrypt() {
    const encryptionKey = keys.encryptionKey;
    if (!encryptionKey) {
      setProblem(t('dec.noKey'));
      return;
    }
    setProblem(null);
    setWorking(true);
    try {
      const { bidderContentKey } = await import('../sealing/bidder-content-key.ts');
      for (const bid of pending) {
        const { header } = await api.envelopeHeader(bid.bidId);
        const contentKey = await bidderContentKey(header, encryptionKey.pem);
        const row = await api.decryptBid(bid.bidId, contentKey);
        setState(
          (current) =>
            current && { ...current, bids: current.bids.map((b) => (b.bidId === row.bidId ? row : b)) },
        );
      }
      void message.success(t('dec.decryptedOk'));
    } catch (error) {
      setProblem(decryptionProblem(error, t));
    } finally {
      setWorking(false);
      load();
    }
  }

  return (
    <div data-testid="decryption-panel">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        className="zc-section-card"
        data-testid="decryption-window"
        items={[
          {
            key: 'state',
            label: t('tf.status'),
            children: t(windowState(decryptionWindow, now)),
          },
          ...(decryptionWindow
            ? [
                {
                  key: 'opened',
                  label: t('dec.openedAt'),
                  children: <CstTime value={decryptionWindow.openedAt} marker />,
                },
                {
                  key: 'closes',
                  label: t('dec.closesAt'),
                  children: <CstTime value={decryptionWindow.closesAt} marker />,
                },
              ]
            : []),
        ]}
      />
      {open && pending.length ? (
        <>
          <Typography.Paragraph type="secondary">{t('dec.hint')}</Typography.Paragraph>
          <KeyFilePicker kinds={['encryptionKey']} keys={keys} onChoose={chooseKey} disabled={working} />
          <Button
            type="primary"
            icon={<UnlockOutlined />}
            loading={working}
            onClick={() => void decrypt()}
            className="zc-section-card"
            data-testid="decryption-submit"
          >
            {t('dec.decrypt')}
          </Button>
        </>
      ) : null}
      {problem ? (
        <Alert
          type="error"
          showIcon
          title={problem}
          className="zc-section-card"
          data-testid="decryption-error"
        />
      ) : null}
      {state && !state.bids.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dec.none')} />
      ) : null}
      {state?.bids.length ? (
        <Table<BidDecryption>
          rowKey="bidId"
          size="small"
          pagination={false}
          dataSource={state.bids as BidDecryption[]}
          data-testid="decryption-table"
          columns={[
            { key: 'section', title: t('bid.section'), dataIndex: 'sectionCode', width: 180 },
            {
              key: 'status',
              title: t('tf.status'),
              width: 200,
              render: (_, bid) => (
                <span data-testid={`decryption-status-${bid.bidId}`}>
                  <StatusTag prefix="decryptionStatus" value={bid.status} />
                </span>
              ),
            },
            {
              key: 'by',
              title: t('dec.decryptedBy'),
              render: (_, bid) => (bid.decryptedBy ? t(`dec.by.${bid.decryptedBy}`) : EMPTY),
            },
            {
              key: 'at',
              title: <CstColumnTitle label={t('dec.decryptedAt')} />,
              width: 180,
              render: (_, bid) => (bid.decryptedAt ? <CstTime value={bid.decryptedAt} /> : EMPTY),
            },
          ]}
        />
      ) : null}
    </div>
  );
}

function windowState(
  decryptionWindow: ProjectDecryption['window'] | null,
  now: number | null,
): 'dec.notOpen' | 'dec.open' | 'dec.closed' {
  if (!decryptionWindow || now === null || now < Date.parse(decryptionWindow.openedAt)) return 'dec.notOpen';
  return now < Date.parse(decryptionWindow.closesAt) ? 'dec.open' : 'dec.closed';
}

function decryptionProblem(error: unknown, t: Translate): string {
  if (error instanceof EnvelopeError && error.problem === 'wrong-key') return t('dec.wrongKey');
  return t('dec.failed', { message: errorText(error, t) });
}
