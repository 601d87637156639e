import accountAudit from './account-audit';
import accounts from './accounts';
import attachments from './attachments';
import caseStudyMedia from './case-study-media';
import caseStudyWriter from './case-study-writer';
import councilApi from '../council-api';
import drafts from './drafts';
import editorRoles from './editor-roles';
import notifications from './notifications';
import outbox from './outbox';
import privateFiles from './private-files';
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
  caseStudyMedia,
  caseStudyWriter,
  councilApi,
  drafts,
  editorRoles,
  notifications,
  outbox,
  privateFiles,
  queue,
  sessions,
  settings,
  template,
  views,
  workflow,
};
