import { Table } from 'antd';
import type { OpeningKeyView } from '../api-types.ts';
import { useT } from '../i18n.ts';
import { HashText } from './HashText.tsx';

/** The keyholders of a tender's opening key: who holds which share (x) under which key. */
export function OpeningKeyHoldersTable({
  holders,
  testId,
}: {
  holders: OpeningKeyView['holders'];
  testId: string;
}) {
  const t = useT();
  return (
    <Table
      size="small"
      rowKey="holderId"
      pagination={false}
      dataSource={holders}
      data-testid={testId}
      columns={[
        { title: t('okey.holder'), dataIndex: 'holderName' },
        { title: t('okey.shareX'), dataIndex: 'x', width: 100 },
        {
          title: t('okey.holderKeyId'),
          dataIndex: 'holderKeyId',
          render: (value: string) => <HashText value={value} />,
        },
      ]}
    />
  );
}
