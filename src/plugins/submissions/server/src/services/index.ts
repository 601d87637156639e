import accountAudit from './account-audit';
import accounts from './accounts';
import attachments from './attachments';
import caseStudyWriter from './case-study-writer';
import drafts from './drafts';
import editorRoles from './editor-roles';
import notifications from './notifications';
import outbox from './outbox';
import queue from './queue';
import sessions from './sessions';
import settings from './settings';
import template from './template';
import views from './views';
import workflow from './workflow';

export default {
  accountAudit,
  accounts,
  attachments,
  caseStudyWriter,
  drafts,
  editorRoles,
  notifications,
  outbox,
  queue,
  sessions,
  settings,
  template,
  views,
  workflow,
};
