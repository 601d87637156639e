import type { Core } from '@strapi/strapi';
import { commentsInOrder, type Comments } from '../../../shared/comments';
import type { Action } from '../../../shared/workflow';
import type { TemplateDefinition } from '../../../shared/template';
import { EDITOR_ROLES } from '../config/admin-actions';
import { getService } from '../utils/get-service';
import type { SubmissionRow } from './views';

export interface ActionNotice {
  action: Action;
  row: SubmissionRow;
  template: TemplateDefinition;
  message?: string;
  /** By question key (shared/comments.ts). */
  comments?: Comments;
  caseStudySlug?: string | null;
}

/** Who hears about what. Each message goes to the outbox inside the action's transaction. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::submissions') as { publicUrl: string };
  const submissionLink = (row: SubmissionRow) => `${config().publicUrl}/submit/submissions/${row.documentId}`;

  async function reviewerAddresses(): Promise<string[]> {
    const { reviewerEmails } = await getService(strapi, 'settings').get();
    if (reviewerEmails.length > 0) return reviewerEmails;
    const editors = await strapi.db.query('admin::user').findMany({
      where: { isActive: true, roles: { name: { $in: EDITOR_ROLES.map((r) => r.name) } } },
      select: ['email'],
    });
    return editors.map((u: { email: string }) => u.email);
  }

  const councilAddresses = (row: SubmissionRow) => [row.author?.email ?? '', row.contact?.email ?? ''];

  const title = (row: SubmissionRow) => row.title || 'Untitled case study';

  /** The comments under their questions' titles, in the order the form asks them. */
  function comments(notice: ActionNotice): string {
    return commentsInOrder(notice.comments ?? {}, notice.template.sections)
      .map(({ title: question, comment }) => `${question}:\n${comment}`)
      .join('\n\n');
  }

  const compose: Partial<
    Record<Action, (n: ActionNotice) => Promise<Array<{ to: string[]; subject: string; text: string }>>>
  > = {
    submit: async ({ row }) => [
      {
        to: councilAddresses(row),
        subject: `We have received your case study (${row.reference})`,
        text: `Thank you. "${title(row)}" has been submitted for review.\n\nReference: ${row.reference}\n\nYou can see where it stands at ${submissionLink(row)}`,
      },
      {
        to: await reviewerAddresses(),
        subject: `New case study to review: ${title(row)}`,
        text: `${row.council?.name ?? 'A council'} has submitted "${title(row)}" (${row.reference}).\n\nOpen the review queue in the admin panel: ${config().publicUrl}/admin/plugins/submissions`,
      },
    ],
    request_changes: async (notice) => [
      {
        to: councilAddresses(notice.row),
        subject: `Changes requested to your case study (${notice.row.reference})`,
        text: [
          `A reviewer has asked for changes to "${title(notice.row)}".`,
          notice.message ?? '',
          comments(notice) ? `Comments on your answers:\n\n${comments(notice)}` : '',
          `Make the changes and resubmit at ${submissionLink(notice.row)}`,
        ]
          .filter(Boolean)
          .join('\n\n'),
      },
    ],
    reject: async (notice) => [
      {
        to: councilAddresses(notice.row),
        subject: `Your case study was not accepted (${notice.row.reference})`,
        text: [
          `"${title(notice.row)}" was not accepted for publication.`,
          `Reason:\n${notice.message}`,
          comments(notice) ? `Comments on your answers:\n\n${comments(notice)}` : '',
          submissionLink(notice.row),
        ]
          .filter(Boolean)
          .join('\n\n'),
      },
    ],
    publish: async ({ row, caseStudySlug }) => [
      {
        to: councilAddresses(row),
        subject: `Your case study is published: ${title(row)}`,
        text: `"${title(row)}" is now published at ${config().publicUrl}/case-studies/${caseStudySlug ?? ''}\n\nThank you for sharing your council's work.`,
      },
    ],
  };

  return {
    async enqueueFor(notice: ActionNotice): Promise<number[]> {
      const build = compose[notice.action];
      if (!build) return [];
      const ids: number[] = [];
      for (const email of await build(notice)) {
        const id = await getService(strapi, 'outbox').enqueue({ ...email, kind: notice.action });
        if (id !== null) ids.push(id);
      }
      return ids;
    },
  };
};
