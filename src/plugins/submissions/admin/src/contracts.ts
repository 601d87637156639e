/** The shapes the editors' admin API answers with (server/src/controllers/editor.ts). */
import type { Action, State } from '../../shared/workflow';
import type { AttachmentView } from '../../shared/attachments';
import type { Comments } from '../../shared/comments';
import type { TemplateSection } from '../../shared/template';

export interface SubmissionSummary {
  id: string;
  reference: string | null;
  title: string | null;
  state: State;
  stateLabel: string;
  version: number;
  council: { id: string; name: string } | null;
  assignee: { id: number; name: string } | null;
  submittedAt: string | null;
  lastActivityAt: string | null;
  waitingDays?: number | null;
  allowedActions: Action[];
}

export interface QueueResponse {
  results: SubmissionSummary[];
  pagination: { page: number; pageSize: number; pageCount: number; total: number };
  counts: Record<State, number>;
}

/** The answers as they stood at one submit; two of these compare two rounds. */
export interface AnswersSnapshot {
  title?: string | null;
  summary?: string | null;
  answers?: Record<string, string>;
  contact?: { name?: string; role?: string; email?: string };
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
  submissionVersion: number;
  at: string;
  snapshot?: AnswersSnapshot;
}

export interface Named {
  id: string;
  name: string;
  slug: string;
}

export interface SubmissionView extends SubmissionSummary {
  templateVersion: number;
  summary: string | null;
  answers: Record<string, string>;
  contact: { name?: string; role?: string; email?: string };
  topics: Named[];
  supportTypes: Named[];
  attachments: AttachmentView[];
  coverAttachment: string | null;
  author: { name: string; email?: string } | null;
  caseStudy: { documentId: string; live?: boolean; slug?: string | null; url?: string | null } | null;
  feedback: { action: string; message: string | null; comments: Comments; at: string } | null;
  history: HistoryEvent[];
  template: { version: number; sections: TemplateSection[] };
}

export interface TemplateResponse {
  version: number;
  sections: TemplateSection[];
  versions: Array<{ version: number; publishedBy: string | null; createdAt: string }>;
}

export interface WorkflowSettings {
  singlePersonPublishing: boolean;
  reviewerEmails: string[];
}

export interface ActionBody {
  version: number;
  message?: string;
  comments?: Comments;
}
