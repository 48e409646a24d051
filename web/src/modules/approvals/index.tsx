import { Navigate, Route, Routes } from 'react-router';
import { PERM } from '../../app/permissions.ts';
import { NotFound, RequirePermission } from '../../shared/Page.tsx';
import { AllMattersPage, InboxPage, MinePage } from './lists.tsx';
import { MatterPage } from './MatterPage.tsx';
import { RequestFormPage } from './RequestForm.tsx';

/** 审批: the inbox, my requests, the general request form and a matter's page. */
export default function ApprovalsModule() {
  return (
    <Routes>
      <Route index element={<Navigate to="inbox" replace />} />
      <Route path="inbox" element={<InboxPage />} />
      <Route path="mine" element={<MinePage />} />
      <Route
        path="all"
        element={
          <RequirePermission any={[PERM.approvalsAdmin]}>
            <AllMattersPage />
          </RequirePermission>
        }
      />
      <Route
        path="new"
        element={
          <RequirePermission any={[PERM.approvalsSubmit]}>
            <RequestFormPage />
          </RequirePermission>
        }
      />
      <Route path="matters/:id" element={<MatterPage />} />
      <Route path="matters/:id/edit" element={<RequestFormPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
