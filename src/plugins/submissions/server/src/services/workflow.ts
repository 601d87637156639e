import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  ACTIONS,
  isAction,
  TRANSITIONS,
  type Action,
  type State,
  type Transition,
} from '../../../shared/workflow';
import { commentKeys, commentsFromSectionComments, type Comments } from '../../../shared/comments';
import { completenessProblems, type TemplateDefinition } from '../../../shared/template';
import { allowedActions, whyNot, type Actor } from '../access/rules';
import { ConflictError, ForbiddenError, MESSAGES, fieldErrors } from '../errors';
import { getService, UIDS } from '../utils/get-service';
import type { ActionInput } from '../validation/input';
import { facts, snapshotOf, type SubmissionRow } from './views';

/** The comments an action was given, by question key, blank ones left out (`sectionComments` is the older shape). */
export function givenComments(input: ActionInput): Comments {
  const all = { ...commentsFromSectionComments(input.sectionComments), ...(input.comments ?? {}) };
  return Object.fromEntries(Object.entries(all).filter(([, comment]) => comment.trim() !== ''));
}

/** The webhook event each action emits (Settings → Webhooks can deliver them). */
export const webhookEvent = (action: Action) => `submission.${action}`;

/**
 * The one way a submission changes state. The guard reads the transition table; the rules say who
 * may; the state change, its event, its emails and any case-study write commit or fail together.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async act(actor: Actor, documentId: string, actionName: string, input: ActionInput) {
    if (!isAction(actionName)) throw new errors.NotFoundError(MESSAGES.unknownAction(actionName, ACTIONS));
    const action: Action = actionName;
    const transition: Transition = TRANSITIONS[action];
    const views = getService(strapi, 'views');
    const settings = await getService(strapi, 'settings').get();

    const outcome = await strapi.db.transaction(async ({ onCommit, onRollback }) => {
      const row =
        actor.kind === 'council'
          ? await getService(strapi, 'drafts').findOwn(actor, documentId)
          : await views.load(documentId);
      if (!row) throw new errors.NotFoundError(MESSAGES.notFound);

      if (!(transition.from as readonly State[]).includes(row.state)) {
        const allowed = allowedActions(actor, facts(row), settings);
        throw new ConflictError(MESSAGES.actionNotAllowed(action, row.state, allowed), {
          state: row.state,
          allowedActions: allowed,
        });
      }
      const refusal = whyNot(actor, action, facts(row), settings);
      if (refusal) throw new ForbiddenError(refusal);
      if (input.version !== row.version) {
        throw new ConflictError(MESSAGES.staleVersion(input.version, row.version), {
          version: row.version,
          state: row.state,
        });
      }
      const template = await getService(strapi, 'template').byVersion(row.templateVersion);
      const problems = this.requirementProblems(action, row, input, template);
      if (problems.length) throw fieldErrors(problems);

      // Claim the transition first: of two concurrent actions (even in two processes) exactly one matches.
      const now = new Date();
      const { count } = await strapi.db.query(UIDS.submission).updateMany({
        where: { id: row.id, version: row.version, state: row.state },
        data: {
          state: transition.to,
          version: row.version + 1,
          lastActivityAt: now,
          ...(action === 'submit' ? { submittedAt: now } : {}),
          ...(action === 'approve' ? { approvedBy: actor.userId } : {}),
        },
      });
      if (count !== 1) throw new ConflictError(MESSAGES.staleVersion(input.version, row.version + 1));

      let caseStudySlug: string | null = null;
      const writer = getService(strapi, 'caseStudyWriter');
      if (transition.effect === 'assign_to_actor') {
        await strapi.db
          .query(UIDS.submission)
          .update({ where: { id: row.id }, data: { assignee: actor.userId } });
      } else if (transition.effect === 'publish_case_study') {
        // The files' public copies are made first; if anything after fails, they are deleted again.
        const media = await getService(strapi, 'caseStudyMedia').publish(row);
        onRollback(() => media.discard());
        const caseStudyDocumentId = await writer.publish(row, template, media);
        await strapi.db
          .query(UIDS.submission)
          .update({ where: { id: row.id }, data: { caseStudyDocumentId, publicFiles: media.publicFiles } });
        caseStudySlug = await writer.slugOf(caseStudyDocumentId);
      } else if (transition.effect === 'unpublish_case_study') {
        await writer.unpublish(row);
        await strapi.db.query(UIDS.submission).update({ where: { id: row.id }, data: { publicFiles: null } });
        // Taken down only once the archive has happened; the private copies stay with the submission.
        onCommit(() =>
          getService(strapi, 'caseStudyMedia')
            .removePublicCopies(row.publicFiles)
            .catch((error) =>
              strapi.log.error(`submissions: public files of ${row.reference} not removed: ${error}`)
            )
        );
      }
      const comments = givenComments(input);

      await strapi.db.query(UIDS.event).create({
        data: {
          submission: row.id,
          action,
          fromState: row.state,
          toState: transition.to,
          actorKind: actor.kind,
          actorId: actor.userId,
          actorName: actor.name,
          message: input.message?.trim() || null,
          comments: Object.keys(comments).length ? comments : null,
          answersSnapshot: action === 'submit' ? snapshotOf(row) : null,
          submissionVersion: row.version + 1,
        },
      });
      const emailIds = await getService(strapi, 'notifications').enqueueFor({
        action,
        row,
        template,
        message: input.message,
        comments,
        caseStudySlug,
      });

      onCommit(() => {
        strapi.eventHub.emit(webhookEvent(action), {
          submission: {
            documentId: row.documentId,
            reference: row.reference,
            title: row.title,
            council: row.council?.name,
          },
          action,
          fromState: row.state,
          toState: transition.to,
          caseStudy: caseStudySlug,
        });
        getService(strapi, 'outbox').dispatch(emailIds);
      });
      return row.documentId;
    });
    const updated = (await views.load(outcome))!;
    return views.full(updated, actor, settings);
  },

  /** What the table says the action needs: a message or reason, complete answers, comments on real sections. */
  requirementProblems(action: Action, row: SubmissionRow, input: ActionInput, template: TemplateDefinition) {
    const transition: Transition = TRANSITIONS[action];
    const problems: Array<{ field: string; message: string }> = [];
    if (transition.message && !input.message?.trim()) {
      problems.push({
        field: 'message',
        message: MESSAGES.messageRequired(transition.message, transition.label),
      });
    }
    const given = givenComments(input);
    if (Object.keys(given).length && !transition.comments)
      problems.push({
        field: input.comments ? 'comments' : 'sectionComments',
        message: `cannot be given to ${action}`,
      });
    const known = new Set(commentKeys(template.sections));
    for (const key of Object.keys(input.comments ?? {}))
      if (!known.has(key))
        problems.push({ field: `comments.${key}`, message: 'is not a question of this template' });
    for (const key of Object.keys(input.sectionComments ?? {}))
      if (!known.has(`answers.${key}`))
        problems.push({ field: `sectionComments.${key}`, message: 'is not a section of this template' });
    if (transition.requiresCompleteAnswers) {
      const issues = completenessProblems(template, {
        ...row,
        answers: row.answers ?? {},
        topics: row.topics,
      });
      problems.push(...issues.map((p) => ({ field: p.field, message: p.message })));
    }
    return problems;
  },
});
