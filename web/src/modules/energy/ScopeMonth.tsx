import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { JurisdictionFilter } from '../../shared/OrgSelects.tsx';
import { mi } from './insight-messages.ts';

/**
 * The overview's and the statistics' header filters: the jurisdiction (only where the user's scope
 * reaches more than one) and the month (`YYYY-MM`); test ids `${testId}-jurisdiction`, `${testId}-month`.
 */
export function ScopeMonth({
  month,
  onMonth,
  onJurisdiction,
  testId,
}: {
  month: string;
  onMonth: (month: string) => void;
  onJurisdiction: (jurisdictionId: string | undefined) => void;
  testId: string;
}) {
  const t = useT(mi);
  return (
    <>
      <JurisdictionFilter
        placeholder={t('allJurisdictions')}
        onChange={(v?: string) => onJurisdiction(v)}
        style={{ width: 140 }}
        data-testid={`${testId}-jurisdiction`}
      />
      <DatePicker
        picker="month"
        allowClear={false}
        value={dayjs(`${month}-01`)}
        onChange={(d) => d && onMonth(d.format('YYYY-MM'))}
        data-testid={`${testId}-month`}
      />
    </>
  );
}
