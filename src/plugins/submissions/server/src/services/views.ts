import type { Core } from '@strapi/strapi';
import { STATE_LABELS, type State } from '../../../shared/workflow';
import { allowedActions, type Actor, type SubmissionFacts, type WorkflowSettings } from '../access/rules';
import { UIDS } from '../utils/get-service';

/** Relations every read of a submission needs, loaded in one query. */
export const SUBMISSION_POPULATE = {
  council: { select: ['id', 'documentId', 'name', 'slug'] },
  author: { select: ['id', 'documentId', 'username', 'email'] },
  assignee: { select: ['id', 'firstname', 'lastname', 'email'] },
  topics: { select: ['id', 'documentId', 'name', 'slug'] },
  supportTypes: { select: ['id', 'documentId', 'name', 'slug'] },
  attachments: { select: ['id', 'name', 'url', 'mime', 'size'] },
} as const;

export interface SubmissionRow {
  id: number;
  documentId: string;
  reference: string | null;
  title: string | null;
  summary: string | null;
  answers: Record<string, string> | null;
  contact: { name?: string; role?: string; email?: string } | null;
  state: State;
  version: number;
  templateVersion: number;
  caseStudyDocumentId: string | null;
  approvedBy: number | null;
  submittedAt: string | null;
  lastActivityAt: string | null;
  createdAt: string;
  updatedAt: string;
  council: { id: number; documentId: string; name: string; slug: string } | null;
  author: { id: number; documentId: string; username: string; email: string } | null;
  assignee: { id: number; firstname: string | null; lastname: string | null; email: string } | null;
  topics: Array<{ id: number; documentId: string; name: string; slug: string }>;
  supportTypes: Array<{ id: number; documentId: string; name: string; slug: string }>;
  attachments: Array<{ id: number; name: string; url: string; mime: string; size: number }> | null;
}

export interface EventRow {
  id: number;
  action: string;
  fromState: State | null;
  toState: State;
  actorKind: 'council' | 'admin';
  actorId: number;
  actorName: string | null;
  message: string | null;
  sectionComments: Record<string, string> | null;
  answersSnapshot: Record<string, unknown> | null;
  submissionVersion: number;
  createdAt: string;
}

export const facts = (row: SubmissionRow): SubmissionFacts => ({
  state: row.state,
  councilId: row.council?.id ?? null,
  approvedBy: row.approvedBy ?? null,
});

export const adminName = (
  user: { firstname?: string | null; lastname?: string | null; email?: string } | null
) => (user ? [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || 'Editor' : null);

/** The answers as they stand, for the snapshot taken at each submit (so rounds can be compared). */
export const snapshotOf = (row: SubmissionRow) => ({
  title: row.title,
  summary: row.summary,
  answers: row.answers ?? {},
  contact: row.contact ?? {},
  topics: row.topics.map((t) => t.slug),
  supportTypes: row.supportTypes.map((t) => t.slug),
});

/** Rows turned into the documented response shape, in one place, for councils and editors alike. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async load(documentId: string): Promise<SubmissionRow | null> {
    if (typeof documentId !== 'string' || !/^[a-z0-9]{1,64}$/.test(documentId)) return null;
    return strapi.db.query(UIDS.submission).findOne({ where: { documentId }, populate: SUBMISSION_POPULATE });
  },

  async events(submissionId: number): Promise<EventRow[]> {
    return strapi.db
      .query(UIDS.event)
      .findMany({ where: { submission: submissionId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  },

  summary(row: SubmissionRow, actor: Actor, settings: WorkflowSettings) {
    return {
      id: row.documentId,
      reference: row.reference,
      title: row.title,
      state: row.state,
      stateLabel: STATE_LABELS[row.state],
      version: row.version,
      council: row.council && { id: row.council.documentId, name: row.council.name },
      assignee:
        actor.kind === 'admin' && row.assignee
          ? { id: row.assignee.id, name: adminName(row.assignee) }
          : null,
      submittedAt: row.submittedAt,
      lastActivityAt: row.lastActivityAt,
      createdAt: row.createdAt,
      allowedActions: allowedActions(actor, facts(row), settings),
    };
  },

  async full(row: SubmissionRow, actor: Actor, settings: WorkflowSettings) {
    const events = await this.events(row.id);
    const isEditor = actor.kind === 'admin';
    const feedback = [...events]
      .reverse()
      .find((e) => e.action === 'request_changes' || e.action === 'reject');
    return {
      ...this.summary(row, actor, settings),
      templateVersion: row.templateVersion,
      summary: row.summary,
      answers: row.answers ?? {},
      contact: row.contact ?? {},
      topics: row.topics.map(({ documentId, name, slug }) => ({ id: documentId, name, slug })),
      supportTypes: row.supportTypes.map(({ documentId, name, slug }) => ({ id: documentId, name, slug })),
      attachments: (row.attachments ?? []).map(({ id, name, url, mime, size }) => ({
        id,
        name,
        url,
        mime,
        size,
      })),
      author: row.author && { name: row.author.username, ...(isEditor ? { email: row.author.email } : {}) },
      caseStudy: row.caseStudyDocumentId ? { documentId: row.caseStudyDocumentId } : null,
      feedback: feedback
        ? {
            action: feedback.action,
            message: feedback.message,
            sectionComments: feedback.sectionComments ?? {},
            at: feedback.createdAt,
          }
        : null,
      history: events.map((e) => ({
        id: e.id,
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        actor: { kind: e.actorKind, name: isEditor || e.actorKind === 'council' ? e.actorName : 'Editor' },
        message: e.message,
        sectionComments: e.sectionComments ?? {},
        submissionVersion: e.submissionVersion,
        at: e.createdAt,
        ...(isEditor && e.answersSnapshot ? { snapshot: e.answersSnapshot } : {}),
      })),
    };
  },
});
