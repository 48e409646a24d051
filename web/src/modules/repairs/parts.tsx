import { Space, Tag } from 'antd';
import { useT } from '../../app/i18n.ts';
import { STATUS_COLORS, type RepairRequest } from './api.ts';
import { m } from './messages.ts';

export function RepairStatusTag({ r }: { r: Pick<RepairRequest, 'status' | 'overdue'> }) {
  const t = useT(m);
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[r.status]} data-testid="repair-status">
        {t(`st_${r.status}`)}
      </Tag>
      {r.overdue && <Tag color="red">{t('overdue')}</Tag>}
    </Space>
  );
}

export const place = (r: Pick<RepairRequest, 'buildingName' | 'floor' | 'room'>) =>
  [r.buildingName, r.floor, r.room].filter(Boolean).join(' · ');
