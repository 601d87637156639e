/**
 * The council API's request and response shapes: one copy, imported by the server (which checks its
 * views against them), the website and the admin panel. GET/POST/PUT /api/submissions... answer
 * `{ data: ... }` with these; the website gets the same values in-process (server/src/council-api).
 */
import type { AttachmentView, StoredAttachment } from './attachments';
import type { Comments } from './comments';
import type { FIXED_QUESTIONS, TemplateDefinition } from './template';
import type { Action, State } from './workflow';

export type { AttachmentView, StoredAttachment } from './attachments';
export type { Comments } from './comments';

export interface Named {
  id: string;
  name: string;
  slug: string;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface Contact {
  name?: string | null;
  role?: string | null;
  email?: string | null;
}

/** A row of a list: the council's own, or the editors' queue. */
export interface SubmissionSummary {
  id: string;
  reference: string | null;
  title: string | null;
  state: State;
  stateLabel: string;
  version: number;
  council: { id: string; name: string } | null;
  /** Editors only; null for councils. */
  assignee: { id: number; name: string | null } | null;
  submittedAt: string | null;
  lastActivityAt: string | null;
  createdAt: string;
  /** Exactly the actions this caller may take now. */
  allowedActions: Action[];
}

/** The answers as they stood at one submit; two of these compare two rounds. */
export interface AnswersSnapshot {
  title?: string | null;
  summary?: string | null;
  answers?: Record<string, string>;
  contact?: Contact;
  topics?: string[];
  supportTypes?: string[];
  /** File names (snapshots taken before attachments were private have none). */
  attachments?: string[];
}

export interface HistoryEvent {
  id: number;
  action: string;
  fromState: State | null;
  toState: State;
  actor: { kind: 'council' | 'admin'; name: string | null };
  message: string | null;
  /** By question key (shared/comments.ts). */
  comments: Comments;
  /** The older shape (template sections only, by bare section key), kept for older clients. */
  sectionComments: Record<string, string>;
  submissionVersion: number;
  at: string;
  /** Editors only. */
  snapshot?: AnswersSnapshot;
}

/** The open request for changes (or the rejection), shown to the council beside its answers. */
export interface Feedback {
  action: string;
  message: string | null;
  /** By question key (shared/comments.ts). */
  comments: Comments;
  /** The older shape, kept for older clients. */
  sectionComments: Record<string, string>;
  at: string;
}

/** The published case study: its public address while live (`live: false`, `url: null` once archived). */
export interface CaseStudyLink {
  documentId: string;
  live?: boolean;
  slug?: string | null;
  url?: string | null;
}

/** One submission in full. */
export interface SubmissionView extends SubmissionSummary {
  templateVersion: number;
  summary: string | null;
  answers: Record<string, string>;
  contact: Contact;
  topics: Named[];
  supportTypes: Named[];
  attachments: AttachmentView[];
  /** The attachment chosen as the published case study's cover, if any. */
  coverAttachment: string | null;
  author: { name: string; email?: string } | null;
  caseStudy: CaseStudyLink | null;
  /** Only while it is open (changes requested, or rejected); older feedback is in `history`. */
  feedback: Feedback | null;
  history: HistoryEvent[];
}

export interface SubmissionList {
  data: SubmissionSummary[];
  meta: { pagination: Pagination };
}

/** GET /api/submissions/template: one version's sections with the fixed questions around them. */
export interface TemplateForForm extends TemplateDefinition {
  publishedBy?: string | null;
  createdAt?: string;
  questions: typeof FIXED_QUESTIONS;
}

// Requests. The server parses every body (server/src/validation/input.ts): these are what it accepts.

/** POST /api/submissions (and the fields PUT may change). */
export interface DraftBody {
  title?: string | null;
  summary?: string | null;
  /** By section key; merged into the saved answers, null or blank removes one. */
  answers?: Record<string, string | null>;
  /** documentIds */
  topics?: string[];
  supportTypes?: string[];
  contact?: Contact | null;
  /** Which attached image becomes the published case study's cover; null for none. */
  coverAttachment?: string | null;
}

/** PUT /api/submissions/:id: the version the client loaded, so a stale save is refused (409). */
export interface UpdateBody extends DraftBody {
  version: number;
}

/** POST /api/submissions/:id/actions/:action (and the editors' actions). */
export interface ActionBody {
  version: number;
  message?: string;
  /** By question key: title, summary, topics, supportTypes, contact, attachments, answers.<section key>. */
  comments?: Comments;
  /** The older shape: by bare section key. Still accepted. */
  sectionComments?: Record<string, string>;
}

/** A private file of a submission, opened for its authorised reader. */
export interface OpenedAttachment {
  attachment: StoredAttachment;
  stream: import('fs').ReadStream;
}

/** GET /api/submissions?page=&pageSize= */
export interface ListQuery {
  page?: unknown;
  pageSize?: unknown;
}

/** The users-permissions user a call is made for (the API's authenticated user, the site's session). */
export type CouncilUser = { id: number } | null | undefined;

/**
 * The council API as one module (`strapi.plugin('submissions').service('councilApi')`): what the
 * HTTP routes do, callable in-process. Each call parses its input, applies the access rules and
 * answers the documented view; failures are thrown as Strapi errors (ValidationError with
 * `details.errors[].path`, NotFoundError, UnauthorizedError, ForbiddenError) or ConflictError (409).
 */
export interface CouncilApi {
  template(version?: unknown): Promise<TemplateForForm>;
  list(user: CouncilUser, query?: ListQuery): Promise<SubmissionList>;
  get(user: CouncilUser, id: string): Promise<SubmissionView>;
  create(user: CouncilUser, body: unknown): Promise<SubmissionView>;
  update(user: CouncilUser, id: string, body: unknown): Promise<SubmissionView>;
  act(user: CouncilUser, id: string, action: string, body: unknown): Promise<SubmissionView>;
  /** Multipart: the file; `fields.version` (optional) pins the version the officer saw (stale: 409). */
  addAttachment(user: CouncilUser, id: string, file: unknown, fields?: unknown): Promise<SubmissionView>;
  /** `query.version` (optional) pins the version the officer saw. */
  removeAttachment(user: CouncilUser, id: string, fileId: unknown, query?: unknown): Promise<SubmissionView>;
  /** The file itself, to officers of the submission's council only (others: 404, like unknown ids). */
  openAttachment(user: CouncilUser, id: string, fileId: unknown): Promise<OpenedAttachment>;
}
