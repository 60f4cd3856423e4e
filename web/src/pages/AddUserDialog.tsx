import { Form, Input, Select } from 'antd';
import { FormDialog } from '../components/FormDialog.tsx';
import { OrganisationSelect } from '../components/OrganisationSelect.tsx';
import { useLocale } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { PLATFORM_ROLES, type Role, USERNAME_PATTERN } from '../shared-domain.ts';
import { passwordProblemMessage } from '../validation.ts';

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  organisationId?: string;
  roles: Role[];
}

const FIELDS = ['username', 'displayName', 'password', 'organisationId', 'roles'] as const;
/** The server's rule (src/accounts/add-user.ts), checked here to answer before submitting. */

/** 添加用户: an account on this platform, with roles that belong to this platform only. */
export function AddUserDialog({
  open,
  onClose,
  onAdded,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onAdded: (username: string) => void;
}) {
  const { t, locale } = useLocale();
  const { api, platform } = useSignedIn();
  const [form] = Form.useForm<UserForm>();

  async function add(values: UserForm) {
    await api.createUser({
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      password: values.password,
      organisationId: values.organisationId || undefined,
      roles: values.roles,
    });
    onAdded(values.username.trim());
  }

  return (
    <FormDialog<UserForm>
      title={t('users.add')}
      open={open}
      form={form}
      fields={FIELDS}
      onSubmit={add}
      onClose={onClose}
      testId="user-form"
    >
      <Form.Item
        name="username"
        label={t('field.username')}
        rules={[
          { required: true, whitespace: true, message: t('users.usernameRequired') },
          { pattern: USERNAME_PATTERN, message: t('users.usernamePattern') },
        ]}
      >
        <Input autoComplete="off" maxLength={64} data-testid="user-username" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('field.displayName')}
        rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
      >
        <Input maxLength={100} data-testid="user-display-name" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('field.password')}
        validateTrigger="onBlur"
        rules={[
          { required: true, message: t('users.passwordRequired') },
          {
            validator: async (_, value: string | undefined) => {
              const problem = value ? passwordProblemMessage(value, locale) : null;
              if (problem) throw new Error(problem);
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="user-password" />
      </Form.Item>
      <Form.Item name="organisationId" label={t('field.organisation')} tooltip={t('common.optional')}>
        <OrganisationSelect testId="user-organisation" />
      </Form.Item>
      <Form.Item
        name="roles"
        label={t('field.roles')}
        rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
      >
        <Select<Role[]>
          mode="multiple"
          options={PLATFORM_ROLES[platform].map((role) => ({ value: role, label: t(`role.${role}`) }))}
          data-testid="user-roles"
        />
      </Form.Item>
    </FormDialog>
  );
}
