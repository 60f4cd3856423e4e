import { Form, Input } from 'antd';
import { FormDialog } from '../components/FormDialog.tsx';
import { useLocale } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { normaliseCreditCode } from '../shared-domain.ts';
import { creditCodeProblemMessage } from '../validation.ts';
import type { Organisation } from '../api-types.ts';

interface OrganisationForm {
  creditCode: string;
  name: string;
  region?: string;
  legalRepresentative?: string;
}

const FIELDS = ['creditCode', 'name', 'region', 'legalRepresentative'] as const;

/** 登记单位: the credit code is checked here with the server's own rule before anything is sent. */
export function RegisterOrganisationDialog({
  open,
  onClose,
  onRegistered,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onRegistered: (organisation: Organisation) => void;
}) {
  const { t, locale } = useLocale();
  const { api } = useSignedIn();
  const [form] = Form.useForm<OrganisationForm>();

  async function register(values: OrganisationForm) {
    const organisation = await api.createOrganisation({
      creditCode: normaliseCreditCode(values.creditCode),
      name: values.name.trim(),
      region: values.region?.trim() || undefined,
      legalRepresentative: values.legalRepresentative?.trim() || undefined,
    });
    onRegistered(organisation);
  }

  return (
    <FormDialog<OrganisationForm>
      title={t('org.register')}
      open={open}
      form={form}
      fields={FIELDS}
      onSubmit={register}
      onClose={onClose}
      testId="organisation-form"
    >
      <Form.Item
        name="creditCode"
        label={t('field.creditCode')}
        extra={t('org.creditCodeHint')}
        validateTrigger="onBlur"
        normalize={(value: string) => value.toUpperCase()}
        rules={[
          { required: true, whitespace: true, message: t('org.creditCodeRequired') },
          {
            validator: async (_, value: string | undefined) => {
              const problem = value?.trim() ? creditCodeProblemMessage(value, locale) : null;
              if (problem) throw new Error(problem);
            },
          },
        ]}
      >
        <Input className="zc-mono" autoComplete="off" data-testid="organisation-credit-code" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('field.organisationName')}
        rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }]}
      >
        <Input maxLength={200} data-testid="organisation-name" />
      </Form.Item>
      <Form.Item name="region" label={t('field.region')} tooltip={t('common.optional')}>
        <Input maxLength={100} data-testid="organisation-region" />
      </Form.Item>
      <Form.Item
        name="legalRepresentative"
        label={t('field.legalRepresentative')}
        tooltip={t('common.optional')}
      >
        <Input maxLength={100} data-testid="organisation-legal-representative" />
      </Form.Item>
    </FormDialog>
  );
}
