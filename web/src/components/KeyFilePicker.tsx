import { CheckCircleTwoTone, KeyOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useT } from '../i18n.ts';
import { findPemProblem, type KeyFileKind } from '../sealing/pem-files.ts';
import type { ChosenKeys, ChosenPem } from '../sealing/session-keys.ts';

/**
 * File inputs for the bidder's PEM keys and certificates. A file is read into the page and checked
 * for its role at once; nothing is uploaded. Test ids: `key-<kind>-input`, `key-<kind>-name`.
 */
export function KeyFilePicker({
  kinds,
  keys,
  onChoose,
  disabled,
}: {
  readonly kinds: readonly KeyFileKind[];
  readonly keys: ChosenKeys;
  readonly onChoose: (kind: KeyFileKind, value: ChosenPem | null) => void;
  readonly disabled?: boolean;
}) {
  const t = useT();
  const [problem, setProblem] = useState<string | null>(null);

  async function read(kind: KeyFileKind, file: File | undefined) {
    if (!file) return;
    const pem = await file.text();
    const found = findPemProblem(pem, kind);
    if (found) {
      setProblem(t(`seal.pem.${found}`, { name: file.name }));
      onChoose(kind, null);
      return;
    }
    setProblem(null);
    onChoose(kind, { fileName: file.name, pem });
  }

  return (
    <div className="zc-section-card" data-testid="key-picker">
      <Space direction="vertical" size="small">
        {kinds.map((kind) => (
          <KeyFileRow
            key={kind}
            kind={kind}
            chosen={keys[kind]}
            disabled={disabled}
            onFile={(file) => void read(kind, file)}
          />
        ))}
        {problem ? (
          <Typography.Text type="danger" data-testid="key-problem">
            {problem}
          </Typography.Text>
        ) : null}
      </Space>
    </div>
  );
}

function KeyFileRow({
  kind,
  chosen,
  disabled,
  onFile,
}: {
  readonly kind: KeyFileKind;
  readonly chosen: ChosenPem | undefined;
  readonly disabled: boolean | undefined;
  readonly onFile: (file: File | undefined) => void;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Space wrap>
      <Typography.Text className="zc-key-label">{t(`seal.key.${kind}`)}</Typography.Text>
      <input
        ref={input}
        type="file"
        accept=".pem,.crt,.cer,.key"
        style={{ display: 'none' }}
        onChange={(event) => {
          onFile(event.target.files?.[0]);
          event.target.value = '';
        }}
        data-testid={`key-${kind}-input`}
      />
      <Button size="small" icon={<KeyOutlined />} disabled={disabled} onClick={() => input.current?.click()}>
        {t('seal.key.choose')}
      </Button>
      {chosen ? (
        <Typography.Text data-testid={`key-${kind}-name`}>
          <CheckCircleTwoTone twoToneColor="#52c41a" /> {chosen.fileName}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
