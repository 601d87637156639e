import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../pluginId';
import { QueuePage } from './QueuePage';
import { SubmissionPage } from './SubmissionPage';

/** The Submissions menu entry: the queue, and one submission at /plugins/submissions/:id. */
export function App() {
  return (
    <Page.Protect permissions={PERMISSIONS.read}>
      <Routes>
        <Route index element={<QueuePage />} />
        <Route path=":id" element={<SubmissionPage />} />
      </Routes>
    </Page.Protect>
  );
}
