import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { LocaleContext, type LocaleState, translate } from './i18n.ts';
import type { Locale } from './shared-domain.ts';
import { readLocale, writeLocale } from './storage.ts';

const DAYJS_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

/** Holds the interface language; the choice is remembered and sent with every API call. */
export function LocaleProvider({ children }: { readonly children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readLocale);

  const setLocale = useCallback((next: Locale) => {
    writeLocale(next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    dayjs.locale(DAYJS_LOCALE[locale]);
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<LocaleState>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}
