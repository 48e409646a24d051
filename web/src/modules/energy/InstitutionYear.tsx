import { useCallback, useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  InputNumber,
  Popover,
  Row,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { api } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { common } from '../../shared/messages.ts';
import { nowInZone } from '../../shared/format.ts';
import { echarts, QUOTA_COLOURS } from './charts.ts';
import { insightApi, num, pct, trendSeries, type InstitutionIndicators } from './insight-api.ts';
import { mi } from './insight-messages.ts';

/** The yearly quota form: total energy in kgce for the year shown. */
function QuotaForm({
  id,
  year,
  value,
  onSaved,
}: {
  id: string;
  year: number;
  value: number;
  onSaved: () => void;
}) {
  const t = useT(mi);
  const c = useT(common);
  const { message } = App.useApp();
  const showError = useApiError();
  const [kgce, setKgce] = useState<number | null>(value);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!kgce) return;
    setBusy(true);
    try {
      await api.put(`/api/energy/institutions/${id}/quotas/${year}`, { totalKgce: kgce });
      void message.success(c('saved'));
      onSaved();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact>
      <InputNumber
        min={1}
        max={1e12}
        value={kgce}
        onChange={setKgce}
        suffix="kgce"
        style={{ width: 200 }}
        data-testid="quota-kgce"
        aria-label={t('quota')}
      />
      <Button
        type="primary"
        loading={busy}
        disabled={!kgce}
        onClick={() => void save()}
        data-testid="quota-save"
      >
        {c('save')}
      </Button>
    </Space.Compact>
  );
}

/**
 * An institution's year: total energy by month against the year before (a month without readings
 * a gap), the year to date, intensities, and the yearly quota with how much of it is used — which a
 * user with energy.quota.write sets here.
 */
export function InstitutionYear({ id }: { id: string }) {
  const t = useT(mi);
  const { can } = useSession();
  const showError = useApiError();
  const [year, setYear] = useState<Dayjs>(nowInZone().startOf('year'));
  const [data, setData] = useState<InstitutionIndicators | null>(null);
  const [quotaOpen, setQuotaOpen] = useState(false);
  const load = useCallback(
    () => insightApi.institution(id, year.year()).then(setData, showError),
    [id, year, showError],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const option = data && {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('thisYear'), t('lastYear')] },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.months.map((x) => x.month.slice(5)) },
    yAxis: { type: 'value', name: 'kgce' },
    series: [
      {
        name: t('thisYear'),
        type: 'bar',
        data: trendSeries(data.months, 'kgce'),
        itemStyle: { color: '#91caff' },
      },
      {
        name: t('lastYear'),
        type: 'line',
        data: trendSeries(data.lastYear, 'kgce'),
        itemStyle: { color: '#8c8c8c' },
        lineStyle: { type: 'dashed' },
      },
    ],
  };
  const q = data?.quota;
  return (
    <Card
      size="small"
      title={t('monthly')}
      style={{ marginBottom: 16 }}
      data-testid="institution-year"
      extra={
        <DatePicker
          picker="year"
          allowClear={false}
          value={year}
          onChange={(d) => d && setYear(d.startOf('year'))}
          disabledDate={(d) => d.isAfter(dayjs().endOf('year'))}
          style={{ width: 110 }}
        />
      }
    >
      {data && q && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Statistic title={`${t('yearToDate')} (kgce)`} value={num(data.yearToDate.kgce)} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('yoy')} {pct(data.yoy, true)}
              </Typography.Text>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('perM2')} value={num(data.perM2, 3)} suffix="kgce/m²" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('perPerson')}
                value={num(data.perPerson, 1)}
                suffix={t('unitKgcePerPerson')}
              />
            </Col>
            <Col xs={12} md={6} data-testid="institution-quota">
              <Statistic
                title={t('quotaUsed')}
                value={pct(q.used)}
                suffix={<Tag color={QUOTA_COLOURS[q.colour]}>{t(`quota_${q.colour}`)}</Tag>}
              />
              <Space size={4} wrap style={{ fontSize: 12 }}>
                <Typography.Text type="secondary">
                  {t('quota')} {num(q.totalKgce)} kgce · {t(`quotaSource_${q.source}`)}
                </Typography.Text>
                {can('energy.quota.write') && (
                  <Popover
                    trigger="click"
                    open={quotaOpen}
                    onOpenChange={setQuotaOpen}
                    title={`${data.year} ${t('quota')}`}
                    content={
                      <QuotaForm
                        id={id}
                        year={data.year}
                        value={q.totalKgce}
                        onSaved={() => {
                          setQuotaOpen(false);
                          void load();
                        }}
                      />
                    }
                  >
                    <Button size="small" type="link" data-testid="quota-edit">
                      {t('setQuota')}
                    </Button>
                  </Popover>
                )}
              </Space>
            </Col>
          </Row>
          {option && <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 240 }} />}
        </>
      )}
    </Card>
  );
}
