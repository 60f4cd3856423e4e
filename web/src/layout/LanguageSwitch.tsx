import { Segmented } from 'antd';
import { useLocale } from '../i18n.ts';
import { LOCALES, type Locale } from '../shared-domain.ts';

/** 中文 | English. The choice is remembered and also sets the language of server messages. */
export function LanguageSwitch({ inverted = false }: { readonly inverted?: boolean }) {
  const { locale, setLocale, t } = useLocale();
  return (
    <Segmented<Locale>
      data-testid="lang-switch"
      size="small"
      className={inverted ? 'zc-lang-switch zc-lang-switch-inverted' : 'zc-lang-switch'}
      value={locale}
      onChange={setLocale}
      options={LOCALES.map((value) => ({
        value,
        label: <span data-testid={`lang-${value}`}>{t(`lang.${value}`)}</span>,
      }))}
    />
  );
}
