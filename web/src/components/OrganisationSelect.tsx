import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Organisation } from '../api-types.ts';
import { useT } from '../i18n.ts';
import { useSignedIn } from '../session.tsx';
import { useShowError } from '../use-show-error.ts';

const SEARCH_DELAY_MS = 300;

/** Picks an organisation registered on this platform, searching the server as the user types. */
export function OrganisationSelect({
  value,
  onChange,
  placeholder,
  testId,
}: {
  readonly value?: string | undefined;
  readonly onChange?: (value: string | undefined) => void;
  readonly placeholder?: string;
  readonly testId?: string;
}) {
  const t = useT();
  const { api } = useSignedIn();
  const showError = useShowError();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<readonly Organisation[]>([]);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    const timer = window.setTimeout(
      () => {
        setLoading(true);
        api
          .listOrganisations({ q: query, page: 1, pageSize: 20 })
          .then((page) => request === latest.current && setOptions(page.items))
          .catch(showError)
          .finally(() => request === latest.current && setLoading(false));
      },
      query ? SEARCH_DELAY_MS : 0,
    );
    return () => window.clearTimeout(timer);
  }, [api, query, showError]);

  return (
    <Select<string>
      value={value}
      onChange={(next) => onChange?.(next)}
      allowClear
      loading={loading}
      placeholder={placeholder ?? t('users.organisationPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      notFoundContent={loading ? t('common.loading') : undefined}
      options={options.map((organisation) => ({
        value: organisation.id,
        label: `${organisation.name}（${organisation.creditCode}）`,
      }))}
      data-testid={testId}
    />
  );
}
