/** Admin permission actions, as data. Registered at bootstrap; checked on every admin route and action. */
export const ADMIN_ACTIONS = {
  read: 'plugin::submissions.read',
  review: 'plugin::submissions.review',
  publish: 'plugin::submissions.publish',
  manageTemplate: 'plugin::submissions.template.manage',
  manageSettings: 'plugin::submissions.settings.manage',
} as const;

export const ADMIN_ACTION_DEFINITIONS = [
  { uid: 'read', displayName: 'Read the queue and submissions' },
  { uid: 'review', displayName: 'Review submissions' },
  { uid: 'publish', displayName: 'Publish and archive submissions' },
  { uid: 'template.manage', displayName: 'Manage the case study template' },
  { uid: 'settings.manage', displayName: 'Manage workflow settings and invite council users' },
].map((action) => ({ section: 'plugins', pluginName: 'submissions', ...action }));

/** The editor roles created at bootstrap if absent, with the actions each holds. */
export const EDITOR_ROLES = [
  {
    name: 'Reviewer',
    description: 'Reviews council submissions: requests changes, approves or rejects.',
    actions: [ADMIN_ACTIONS.read, ADMIN_ACTIONS.review],
  },
  {
    name: 'Publisher',
    description: 'Publishes approved submissions as case studies, archives them, and manages the template.',
    actions: [
      ADMIN_ACTIONS.read,
      ADMIN_ACTIONS.review,
      ADMIN_ACTIONS.publish,
      ADMIN_ACTIONS.manageTemplate,
      ADMIN_ACTIONS.manageSettings,
    ],
  },
] as const;

/** The users-permissions role council officers get. */
export const COUNCIL_ROLE = {
  type: 'council-contributor',
  name: 'Council contributor',
  description: 'A council officer who writes and submits case studies for their council.',
};
