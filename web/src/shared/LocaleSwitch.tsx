import { Segmented } from 'antd';
import { setLocale, useLocale, type Locale } from '../app/i18n.ts';

/**
 * 中文 / English, for pages outside the shell (the public pages a visitor opens without signing in,
 * which have no user menu to switch the language from).
 */
export function LocaleSwitch({ testId }: { testId?: string }) {
  const locale = useLocale();
  return (
    <Segmented<Locale>
      size="small"
      value={locale}
      onChange={setLocale}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      data-testid={testId}
    />
  );
}
