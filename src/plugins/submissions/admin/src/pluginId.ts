export const PLUGIN_ID = 'submissions';

/** The admin permission actions the screens check (the server checks them again on every route). */
export const PERMISSIONS = {
  read: [{ action: 'plugin::submissions.read', subject: null }],
  review: [{ action: 'plugin::submissions.review', subject: null }],
  publish: [{ action: 'plugin::submissions.publish', subject: null }],
  manageTemplate: [{ action: 'plugin::submissions.template.manage', subject: null }],
  manageSettings: [{ action: 'plugin::submissions.settings.manage', subject: null }],
};
