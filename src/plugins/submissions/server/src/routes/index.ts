import { ADMIN_ACTIONS } from '../config/admin-actions';

const withPermission = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});

const admin = (method: string, path: string, handler: string, action: string) => ({
  method,
  path,
  handler: `editor.${handler}`,
  config: withPermission(action),
});

export default {
  /** The fixed contract the council form and other clients use: /api/submissions/... */
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/template', handler: 'council.template', config: { auth: false } },
      { method: 'GET', path: '/', handler: 'council.find' },
      { method: 'POST', path: '/', handler: 'council.create' },
      { method: 'GET', path: '/:id', handler: 'council.findOne' },
      { method: 'PUT', path: '/:id', handler: 'council.update' },
      { method: 'POST', path: '/:id/actions/:action', handler: 'council.act' },
      { method: 'POST', path: '/:id/attachments', handler: 'council.addAttachment' },
      { method: 'GET', path: '/:id/attachments/:fileId', handler: 'council.downloadAttachment' },
      { method: 'DELETE', path: '/:id/attachments/:fileId', handler: 'council.removeAttachment' },
    ],
  },
  /** The editors' screens: /submissions/... on the admin API. */
  admin: {
    type: 'admin',
    routes: [
      admin('GET', '/queue', 'queue', ADMIN_ACTIONS.read),
      admin('GET', '/items/:id', 'findOne', ADMIN_ACTIONS.read),
      admin('POST', '/items/:id/actions/:action', 'act', ADMIN_ACTIONS.read),
      admin('GET', '/items/:id/attachments/:fileId', 'downloadAttachment', ADMIN_ACTIONS.read),
      admin('PUT', '/items/:id/cover', 'chooseCover', ADMIN_ACTIONS.review),
      admin('GET', '/by-case-study/:documentId', 'byCaseStudy', ADMIN_ACTIONS.read),
      admin('GET', '/template', 'template', ADMIN_ACTIONS.read),
      admin('POST', '/template', 'publishTemplate', ADMIN_ACTIONS.manageTemplate),
      admin('GET', '/settings', 'getSettings', ADMIN_ACTIONS.manageSettings),
      admin('PUT', '/settings', 'setSettings', ADMIN_ACTIONS.manageSettings),
      admin('POST', '/invites', 'invite', ADMIN_ACTIONS.manageSettings),
    ],
  },
};
