import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/Page.tsx';
import { OrgPage } from './OrgPage.tsx';
import { PeoplePage } from './PeoplePage.tsx';

/** 组织机构 and 人员 (one chunk: both stand on the same API). */
export default function OrgModule() {
  return (
    <Routes>
      <Route index element={<OrgPage />} />
      <Route path="people" element={<PeoplePage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
