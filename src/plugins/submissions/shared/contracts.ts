/**
 * The council API's request and response shapes: one copy, imported by the server (which checks its
 * views against them), the website and the admin panel. GET/POST/PUT /api/submissions... answer
 * `{ data: ... }` with these; the website gets the same values in-process (server/src/council-api).
 */
import type { FIXED_QUESTIONS, TemplateDefinition } from './template';
import type { Action, State } from './workflow';

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
}

export interface HistoryEvent {
  id: number;
  action: string;
  fromState: State | null;
  toState: State;
  actor: { kind: 'council' | 'admin'; name: string | null };
  message: string | null;
  sectionComments: Record<string, string>;
  submissionVersion: number;
  at: string;
  /** Editors only. */
  snapshot?: AnswersSnapshot;
}

/** The latest request for changes (or rejection), shown to the council beside its answers. */
export interface Feedback {
  action: string;
  message: string | null;
  sectionComments: Record<string, string>;
  at: string;
}

export interface Attachment {
  id: number;
  name: string;
  url: string;
  mime: string;
  size: number;
}

/** One submission in full. */
export interface SubmissionView extends SubmissionSummary {
  templateVersion: number;
  summary: string | null;
  answers: Record<string, string>;
  contact: Contact;
  topics: Named[];
  supportTypes: Named[];
  attachments: Attachment[];
  author: { name: string; email?: string } | null;
  caseStudy: { documentId: string } | null;
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
}

/** PUT /api/submissions/:id: the version the client loaded, so a stale save is refused (409). */
export interface UpdateBody extends DraftBody {
  version: number;
}

/** POST /api/submissions/:id/actions/:action (and the editors' actions). */
export interface ActionBody {
  version: number;
  message?: string;
  sectionComments?: Record<string, string>;
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
  addAttachment(user: CouncilUser, id: string, file: unknown): Promise<SubmissionView>;
  removeAttachment(user: CouncilUser, id: string, fileId: unknown): Promise<SubmissionView>;
}
