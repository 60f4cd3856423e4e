import { Alert, type ButtonProps, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { showErrorOnField } from '../form-errors.ts';
import { useT } from '../i18n.ts';
import { errorText } from '../use-show-error.ts';

/**
 * A modal form that submits to the server: busy while saving, and the server's message on the
 * field it concerns or, failing that, above the form.
 */
export function FormDialog<T extends object>({
  title,
  open,
  form,
  fields,
  onSubmit,
  onClose,
  children,
  testId,
}: {
  readonly title: ReactNode;
  readonly open: boolean;
  readonly form: FormInstance<T>;
  /** The form's field names, to which server errors can be attached. */
  readonly fields: readonly (keyof T & string)[];
  readonly onSubmit: (values: T) => Promise<void>;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly testId?: string;
}) {
  const t = useT();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(values);
      form.resetFields();
      onClose();
    } catch (failure) {
      if (!showErrorOnField(form, failure, fields)) setError(errorText(failure, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={title}
      open={open}
      width={560}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      afterClose={() => setError(null)}
      okButtonProps={testId ? ({ 'data-testid': `${testId}-submit` } as ButtonProps) : undefined}
      forceRender
      mask={{ closable: false }}
    >
      <div data-testid={testId}>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={error}
            className="zc-form-error"
            data-testid={testId ? `${testId}-error` : undefined}
          />
        ) : null}
        <Form<T>
          form={form}
          layout="vertical"
          requiredMark
          onValuesChange={() => setError(null)}
          className="zc-dialog-form"
        >
          {children}
        </Form>
      </div>
    </Modal>
  );
}
