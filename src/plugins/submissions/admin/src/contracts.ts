/** The shapes the editors' admin API answers with (server/src/controllers/editor.ts). */
import type { State } from '../../shared/workflow';
import type { TemplateSection } from '../../shared/template';
import type {
  SubmissionSummary as CouncilSummary,
  SubmissionView as CouncilView,
} from '../../shared/contracts';

// One copy of the submission's shape, shared with the council API and the website.
export type { AnswersSnapshot, HistoryEvent, Named, ActionBody } from '../../shared/contracts';

export interface SubmissionSummary extends CouncilSummary {
  waitingDays?: number | null;
}

export interface QueueResponse {
  results: SubmissionSummary[];
  pagination: { page: number; pageSize: number; pageCount: number; total: number };
  counts: Record<State, number>;
}

/** A submission as an editor sees it: the council's view with the template version it uses. */
export interface SubmissionView extends CouncilView {
  waitingDays?: number | null;
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
