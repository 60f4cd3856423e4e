import { Button, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useLocale } from '../../i18n.ts';
import { CstTime } from '../CstTime.tsx';
import { RefusalAlert } from '../TradingBits.tsx';
import type { EvaluationApi, EvaluationSession, SessionBid } from './evaluation-api.ts';
import { useAction } from './MemberActions.tsx';
import { formatFen, signedFenOf } from './money.ts';

interface Props {
  readonly api: EvaluationApi;
  readonly session: EvaluationSession;
  readonly onChanged: () => void;
}

interface DeviationForm {
  readonly bidId: string;
  readonly description: string;
  readonly amountYuan: string;
}

/**
 * 价格折算 (lowest evaluated price method): every member sees the chair's quantified deviations on
 * each bid that passed and the evaluated price they add up to; the chair records and removes them
 * until the first member signs. A change discards a draft report, which the chair then redrafts.
 */
export function PriceDeviations({ api, session, onChanged }: Props) {
  const { t } = useLocale();
  const action = useAction(onChanged);
  const [form] = Form.useForm<DeviationForm>();
  const amountYuan = Form.useWatch('amountYuan', form) ?? '';
  const passed = session.bids.filter((b) => b.review === 'passed');
  const canEdit =
    session.status === 'open' &&
    session.signatures.length === 0 &&
    session.members.some((m) => m.self && m.chair);

  function record(values: DeviationForm) {
    void action.run(async () => {
      await api.recordPriceDeviation(session.sectionId, {
        bidId: values.bidId,
        description: values.description.trim(),
        amountFen: signedFenOf(values.amountYuan)!,
      });
      form.resetFields();
    });
  }

  if (passed.length === 0) {
    return <Typography.Text type="secondary">{t('ev.deviation.noPassedBid')}</Typography.Text>;
  }
  const preview = signedFenOf(amountYuan);
  return (
    <div data-testid="price-deviations">
      <Table<SessionBid>
        rowKey="bidId"
        size="small"
        pagination={false}
        dataSource={passed}
        columns={[
          { key: 'bidder', title: t('ev.bidder'), dataIndex: 'bidderName' },
          {
            key: 'price',
            title: t('ev.price'),
            dataIndex: 'priceFen',
            align: 'right',
            render: (fen: number | null) => formatFen(fen),
          },
          {
            key: 'deviations',
            title: t('ev.deviations'),
            render: (_: unknown, bid) =>
              bid.deviations.length === 0 ? (
                <Typography.Text type="secondary">{t('ev.deviation.none')}</Typography.Text>
              ) : (
                <Space direction="vertical" size={2}>
                  {bid.deviations.map((d) => (
                    <Space key={d.id} wrap size={8} data-testid={`deviation-${d.id}`}>
                      <Typography.Text>{d.description}</Typography.Text>
                      <Typography.Text strong>{formatFen(d.amountFen)}</Typography.Text>
                      <Typography.Text type="secondary">
                        <CstTime value={d.recordedAt} />
                      </Typography.Text>
                      {canEdit ? (
                        <Popconfirm
                          title={t('ev.deviation.removeConfirm')}
                          onConfirm={() =>
                            void action.run(() => api.removePriceDeviation(session.sectionId, d.id))
                          }
                        >
                          <Button size="small" type="link" danger loading={action.busy}>
                            {t('ev.deviation.remove')}
                          </Button>
                        </Popconfirm>
                      ) : null}
                    </Space>
                  ))}
                </Space>
              ),
          },
          {
            key: 'evaluated',
            title: t('ev.evaluatedPrice'),
            dataIndex: 'evaluatedPriceFen',
            align: 'right',
            render: (fen: number | null) => <Typography.Text strong>{formatFen(fen)}</Typography.Text>,
          },
        ]}
      />
      {canEdit ? (
        <Form<DeviationForm> form={form} layout="vertical" className="zc-ev-block" onFinish={record}>
          <Typography.Text strong>{t('ev.deviation.add')}</Typography.Text>
          <Form.Item
            name="bidId"
            label={t('ev.bidder')}
            rules={[{ required: true, message: t('ev.required') }]}
          >
            <Select<string>
              className="zc-filter-wide"
              options={passed.map((b) => ({ value: b.bidId, label: b.bidderName }))}
              data-testid="deviation-bid"
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('ev.deviation.description')}
            rules={[{ required: true, whitespace: true, message: t('ev.required') }]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount data-testid="deviation-description" />
          </Form.Item>
          <Form.Item
            name="amountYuan"
            label={t('ev.deviation.amount')}
            extra={
              preview !== null && preview !== 0
                ? `${t('ev.deviation.amountIs')} ${formatFen(preview)}`
                : t('ev.deviation.amountHint')
            }
            rules={[
              { required: true, message: t('ev.required') },
              {
                validator: async (_, value: string | undefined) => {
                  const fen = signedFenOf(value ?? '');
                  if (!value || (fen !== null && fen !== 0)) return;
                  throw new Error(t('ev.deviation.amountInvalid'));
                },
              },
            ]}
          >
            <Input className="zc-filter-wide" inputMode="decimal" data-testid="deviation-amount" />
          </Form.Item>
          <Button htmlType="submit" loading={action.busy} data-testid="deviation-submit">
            {t('ev.deviation.record')}
          </Button>
        </Form>
      ) : (
        <Typography.Paragraph type="secondary" className="zc-ev-note">
          {t('ev.deviation.chairOnly')}
        </Typography.Paragraph>
      )}
      <RefusalAlert error={action.error} testId="deviation-error" />
    </div>
  );
}
