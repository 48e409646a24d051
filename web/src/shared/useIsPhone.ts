import { Grid } from 'antd';

/** True below antd's `md` breakpoint (768 px): phone layouts stack forms and turn tables into lists. */
export function useIsPhone(): boolean {
  return Grid.useBreakpoint().md === false;
}
