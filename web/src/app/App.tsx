import { ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';

export function App() {
  return (
    <ConfigProvider locale={zhCN}>
      <Result status="info" title="机关事务一体化平台" subTitle="goa" />
    </ConfigProvider>
  );
}
