import { Tag } from 'antd';
import type { MatterStatus } from './api.ts';

const COLORS: Record<MatterStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
  returned: 'warning',
};

export function StatusTag({ status, label }: { status: MatterStatus; label: string }) {
  return (
    <Tag color={COLORS[status]} data-testid="matter-status" data-status={status}>
      {label}
    </Tag>
  );
}
