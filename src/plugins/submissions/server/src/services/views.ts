import type { Core } from '@strapi/strapi';
import { isImageType, type AttachmentView, type StoredAttachment } from '../../../shared/attachments';
import { commentsFromSectionComments, sectionCommentsOf, type Comments } from '../../../shared/comments';
import { FEEDBACK_STATES, PUBLICATION_STATES, STATE_LABELS, type State } from '../../../shared/workflow';
import { allowedActions, type Actor, type SubmissionFacts, type WorkflowSettings } from '../access/rules';
import { getService, UIDS } from '../utils/get-service';

/** Relations every read of a submission needs, loaded in one query. */
export const SUBMISSION_POPULATE = {
  council: { select: ['id', 'documentId', 'name', 'slug'] },
  author: { select: ['id', 'documentId', 'username', 'email'] },
  assignee: { select: ['id', 'firstname', 'lastname', 'email'] },
  topics: { select: ['id', 'documentId', 'name', 'slug'] },
  supportTypes: { select: ['id', 'documentId', 'name', 'slug'] },
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
  attachments: StoredAttachment[] | null;
  coverAttachment: string | null;
  publicFiles: Record<string, number> | null;
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
  /** Comments by question key (shared/comments.ts). */
  comments: Comments | null;
  /** Comments stored before every answer could have one: by bare section key. */
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
  attachments: (row.attachments ?? []).map((a) => a.name),
});

/** An event's comments in today's keys, whenever it was written. */
export const commentsOf = (event: EventRow): Comments =>
  event.comments ?? commentsFromSectionComments(event.sectionComments);

/** Where each kind of caller downloads a submission's file: the council's content API, or the admin API. */
export const attachmentUrl = (actor: Actor, submissionId: string, fileId: string) =>
  actor.kind === 'admin'
    ? `/submissions/items/${submissionId}/attachments/${fileId}`
    : `/api/submissions/${submissionId}/attachments/${fileId}`;

export function attachmentViews(row: SubmissionRow, actor: Actor): AttachmentView[] {
  return (row.attachments ?? []).map((a) => ({
    id: a.id,
    name: a.name,
    mime: a.mime,
    size: a.size,
    uploadedAt: a.uploadedAt,
    isImage: isImageType(a.mime),
    isCover: a.id === row.coverAttachment,
    url: attachmentUrl(actor, row.documentId, a.id),
  }));
}

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

  /** The published case study's public address, while it is live; where it was, once archived. */
  async publication(row: SubmissionRow) {
    if (!PUBLICATION_STATES.includes(row.state) || !row.caseStudyDocumentId) return null;
    const { publicUrl } = strapi.config.get('plugin::submissions') as { publicUrl: string };
    const slug = await getService(strapi, 'caseStudyWriter').slugOf(row.caseStudyDocumentId);
    const live = row.state === 'published';
    return {
      live,
      slug,
      url: live && slug ? `${publicUrl}/case-studies/${slug}` : null,
    };
  },

  async full(row: SubmissionRow, actor: Actor, settings: WorkflowSettings) {
    const [events, publication] = await Promise.all([this.events(row.id), this.publication(row)]);
    const isEditor = actor.kind === 'admin';
    // The reviewer's latest word is an open request only while the submission waits on it; after a
    // resubmission, publication or archive it is history (and stays in `history`).
    const latest = FEEDBACK_STATES.includes(row.state)
      ? [...events].reverse().find((e) => e.action === 'request_changes' || e.action === 'reject')
      : undefined;
    return {
      ...this.summary(row, actor, settings),
      templateVersion: row.templateVersion,
      summary: row.summary,
      answers: row.answers ?? {},
      contact: row.contact ?? {},
      topics: row.topics.map(({ documentId, name, slug }) => ({ id: documentId, name, slug })),
      supportTypes: row.supportTypes.map(({ documentId, name, slug }) => ({ id: documentId, name, slug })),
      attachments: attachmentViews(row, actor),
      coverAttachment: row.coverAttachment ?? null,
      author: row.author && { name: row.author.username, ...(isEditor ? { email: row.author.email } : {}) },
      caseStudy: row.caseStudyDocumentId
        ? { documentId: row.caseStudyDocumentId, ...(publication ?? {}) }
        : null,
      feedback: latest
        ? {
            action: latest.action,
            message: latest.message,
            comments: commentsOf(latest),
            sectionComments: sectionCommentsOf(commentsOf(latest)),
            at: latest.createdAt,
          }
        : null,
      history: events.map((e) => ({
        id: e.id,
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        actor: { kind: e.actorKind, name: isEditor || e.actorKind === 'council' ? e.actorName : 'Editor' },
        message: e.message,
        comments: commentsOf(e),
        sectionComments: sectionCommentsOf(commentsOf(e)),
        submissionVersion: e.submissionVersion,
        at: e.createdAt,
        ...(isEditor && e.answersSnapshot ? { snapshot: e.answersSnapshot } : {}),
      })),
    };
  },
});
