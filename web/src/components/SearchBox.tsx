import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n.ts';

/** A search field that applies on Enter or the button, and follows the URL when it changes. */
export function SearchBox({
  value,
  onSearch,
  placeholder,
  testId,
}: {
  readonly value: string;
  readonly onSearch: (value: string) => void;
  readonly placeholder: string;
  readonly testId?: string;
}) {
  const t = useT();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Input.Search
      className="zc-search"
      allowClear
      value={text}
      placeholder={placeholder}
      enterButton={t('common.search')}
      onChange={(event) => setText(event.target.value)}
      onSearch={(next) => onSearch(next.trim())}
      data-testid={testId}
    />
  );
}
