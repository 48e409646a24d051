import { Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { CSSProperties } from 'react';

/**
 * A search box that applies on Enter, on leaving the field and when cleared. The `data-testid` lands
 * on the <input> itself (antd's Input.Search puts it on a wrapper).
 */
export function SearchInput({
  placeholder,
  onSearch,
  style,
  testId,
}: {
  placeholder: string;
  onSearch: (q: string | undefined) => void;
  style?: CSSProperties;
  testId?: string;
}) {
  const apply = (v: string) => onSearch(v.trim() || undefined);
  return (
    <Input
      allowClear
      prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
      placeholder={placeholder}
      style={style}
      onPressEnter={(e) => apply(e.currentTarget.value)}
      onBlur={(e) => apply(e.currentTarget.value)}
      onChange={(e) => e.target.value === '' && apply('')}
      data-testid={testId}
    />
  );
}
