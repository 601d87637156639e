import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { completenessProblems } from '../../../../submissions/shared/template';
import { EDITABLE_STATES, STATE_LABELS, TRANSITIONS, type State } from '../../../../submissions/shared/workflow';
import { fieldError, formBody } from '../pages/forms';
import { PageStop } from '../pages/errors';
import { longDate, render, type FieldError } from '../pages/render';
import { query } from '../pages/query';
import { councilData, NEW_ID, type Loaded, type Problem } from './council-data';
import { progress, taskStatus } from './task-status';
import {
  answerText,
  currentValues,
  locate,
  postedValues,
  stepErrors,
  toApiBody,
  type Step,
  type Values,
} from './steps';

export const base = (id: string) => `/submit/submissions/${id}`;
export const editable = (loaded: Loaded) => EDITABLE_STATES.includes(loaded.view.state as State);
/** The reviewer's open comment on this step's answer (any answer can have one: shared/comments.ts). */
export const comment = (loaded: Loaded, step: Step) => loaded.view.feedback?.comments?.[step.commentKey];

/** A problem's fields (or its message), as [path, message] pairs. */
const problemFields = (problem: Problem) =>
  problem.fields.length ? problem.fields : [{ path: '', message: problem.message || 'Something went wrong' }];

/** Errors of the API or of completenessProblems ("answers.challenge"), linked to the field on its page. */
function linkedErrors(loaded: Loaded, problems: { path: string; message: string }[]): FieldError[] {
  return problems.map(({ path, message }) => {
    const found = locate(loaded.steps, path);
    if (!found) return { href: '#main-content', text: message };
    return { href: `${base(loaded.view.id)}/${found.step.slug}?change=1#${found.field.name}`, text: message };
  });
}

const rows = (loaded: Loaded, withLinks: boolean) =>
  loaded.steps.map((step) => ({
    step,
    value: answerText(step, loaded.view),
    attachments: step.slug === 'attachments' ? loaded.view.attachments : undefined,
    comment: comment(loaded, step),
    href: withLinks ? `${base(loaded.view.id)}/${step.slug}${step.slug === 'attachments' ? '' : '?change=1'}` : undefined,
  }));

/** Past requests for changes and rejections, oldest first: shown as history once they are no longer open. */
const pastFeedback = (loaded: Loaded) =>
  loaded.view.history
    .filter((e) => (e.action === 'request_changes' || e.action === 'reject') && (e.message || Object.keys(e.comments ?? {}).length))
    .filter((e) => !(loaded.view.feedback && e.at === loaded.view.feedback.at))
    .map((e) => ({
      when: longDate(e.at),
      label: STATE_LABELS[e.toState] ?? e.action,
      message: e.message,
      comments: loaded.steps
        .filter((step) => e.comments?.[step.commentKey])
        .map((step) => ({ title: step.title, text: e.comments[step.commentKey] })),
    }));

/** The council officer's pages: their submissions, the task list, a page per question, check and submit. */
export function submissionPages(strapi: Core.Strapi) {
  const data = councilData(strapi);
  const step = (loaded: Loaded, slug: string) => {
    const found = loaded.steps.find((s) => s.slug === slug);
    if (!found) throw new PageStop(404);
    return found;
  };
  const postedVersion = (ctx: Context, loaded: Loaded) => Number(formBody(ctx).version) || loaded.view.version;

  return {
    async start(ctx: Context) {
      render(ctx, 'start', { template: await data.template(), signedOut: ctx.query.signedOut === '1' });
    },

    async list(ctx: Context) {
      const user = await data.user(ctx);
      const page = Math.max(1, Math.min(100_000, Number(ctx.query.page) || 1));
      const result = await data.attempt(() => data.api().list(user, { page, pageSize: 20 }));
      if (result.problem) throw new PageStop(404);
      render(ctx, 'submissions', {
        submissions: result.data.data.map((row) => ({
          ...row,
          lastChanged: row.lastActivityAt ? longDate(row.lastActivityAt) : '',
        })),
        pagination: result.data.meta.pagination,
        // Only a reference goes into the notice: no free text from the address bar.
        notice: /^[A-Z0-9-]{1,40}$/.test(String(ctx.query.withdrawn ?? ''))
          ? `${ctx.query.withdrawn} has been withdrawn`
          : undefined,
      });
    },

    /** Older forms posted here to start a case study: nothing is created until the first save. */
    async create(ctx: Context) {
      await data.user(ctx);
      ctx.status = 303;
      ctx.redirect(base(NEW_ID));
    },

    async taskList(ctx: Context) {
      const loaded = await data.loadOrNew(ctx, ctx.params.id);
      if (!editable(loaded)) return renderSubmission(ctx, loaded);
      const problems = completenessProblems(loaded.template, loaded.view);
      const withProblems = new Set(problems.map((p) => locate(loaded.steps, p.field)?.step.slug));
      const tasks = rows(loaded, false).map((r) => ({
        ...r,
        status: taskStatus(Boolean(r.value), withProblems.has(r.step.slug)),
      }));
      render(ctx, 'task-list', {
        view: loaded.view,
        rows: tasks,
        progress: progress(tasks),
        canWithdraw: loaded.view.allowedActions.includes('withdraw'),
        base: base(loaded.view.id),
      });
    },

    async question(ctx: Context) {
      const loaded = await data.loadOrNew(ctx, ctx.params.id);
      const current = step(loaded, ctx.params.step);
      if (!editable(loaded)) return ctx.redirect(base(loaded.view.id));
      renderQuestion(ctx, loaded, current, currentValues(current, loaded.view), [], loaded.view.version);
    },

    async saveQuestion(ctx: Context) {
      const loaded = await data.loadOrNew(ctx, ctx.params.id);
      const current = step(loaded, ctx.params.step);
      if (!editable(loaded)) return ctx.redirect(base(loaded.view.id));
      const values = postedValues(current, formBody(ctx));
      const version = postedVersion(ctx, loaded);
      const local = stepErrors(current, values).map((p) => fieldError(p.field.name, p.message));
      if (local.length) return renderQuestion(ctx, loaded, current, values, local, version);
      const user = await data.user(ctx);
      // The first save of a new case study creates its draft, with this answer in it.
      const saved = await data.attempt(() =>
        loaded.isNew
          ? data.api().create(user, toApiBody(current, values))
          : data.api().update(user, loaded.view.id, { ...toApiBody(current, values), version })
      );
      if (saved.problem?.status === 409) {
        const stale = fieldError(current.fields[0].name, saved.problem.message);
        return renderQuestion(ctx, loaded, current, values, [stale], loaded.view.version);
      }
      if (saved.problem) {
        const errors = problemFields(saved.problem).map(({ path, message }) => {
          const field =
            current.fields.find((f) => path === f.apiPath || path.startsWith(`${f.apiPath}.`)) ??
            current.fields[0];
          return fieldError(field.name, `${field.label} ${message}`);
        });
        return renderQuestion(ctx, loaded, current, values, errors, version);
      }
      const id = saved.data.id;
      if (ctx.query.change === '1') return ctx.redirect(`${base(id)}/check`);
      const next = loaded.steps[loaded.steps.indexOf(current) + 1];
      ctx.redirect(next ? `${base(id)}/${next.slug}` : `${base(id)}/check`);
    },

    async check(ctx: Context) {
      const loaded = await data.loadOrNew(ctx, ctx.params.id);
      if (!editable(loaded)) return ctx.redirect(base(loaded.view.id));
      renderCheck(ctx, loaded, []);
    },

    async submit(ctx: Context) {
      const loaded = await data.loadOrNew(ctx, ctx.params.id);
      const problems = completenessProblems(loaded.template, loaded.view);
      if (problems.length)
        return renderCheck(ctx, loaded, linkedErrors(loaded, problems.map((p) => ({ path: p.field, message: p.message }))));
      const user = await data.user(ctx);
      const version = postedVersion(ctx, loaded);
      const done = await data.attempt(() => data.api().act(user, loaded.view.id, 'submit', { version }));
      if (done.problem) return renderCheck(ctx, loaded, linkedErrors(loaded, problemFields(done.problem)));
      ctx.redirect(`${base(loaded.view.id)}/confirmation`);
    },

    async confirmation(ctx: Context) {
      const loaded = await data.load(ctx, ctx.params.id);
      render(ctx, 'confirmation', { view: loaded.view });
    },

    async withdrawForm(ctx: Context) {
      const loaded = await data.load(ctx, ctx.params.id);
      if (!loaded.view.allowedActions.includes('withdraw')) return ctx.redirect(base(loaded.view.id));
      render(ctx, 'withdraw', { view: loaded.view, base: base(loaded.view.id), label: TRANSITIONS.withdraw.label });
    },

    async withdraw(ctx: Context) {
      const loaded = await data.load(ctx, ctx.params.id);
      const user = await data.user(ctx);
      const version = postedVersion(ctx, loaded);
      const done = await data.attempt(() => data.api().act(user, loaded.view.id, 'withdraw', { version }));
      if (done.problem)
        return render(ctx, 'withdraw', {
          view: loaded.view,
          base: base(loaded.view.id),
          label: TRANSITIONS.withdraw.label,
          errors: [{ href: '#withdraw', text: done.problem.message }],
        });
      ctx.redirect(`/submit/submissions${query({ withdrawn: loaded.view.reference ?? '' })}`);
    },
  };
}

/** The read-only page: its state, the live case study once published, open feedback, past feedback as history. */
function renderSubmission(ctx: Context, loaded: Loaded) {
  const link = loaded.view.caseStudy;
  render(ctx, 'submission', {
    view: loaded.view,
    rows: rows(loaded, false),
    liveUrl: link?.live && link.slug ? `/case-studies/${link.slug}` : undefined,
    pastFeedback: pastFeedback(loaded),
    canWithdraw: loaded.view.allowedActions.includes('withdraw'),
    base: base(loaded.view.id),
  });
}

function renderQuestion(ctx: Context, loaded: Loaded, step: Step, values: Values, errors: FieldError[], version: number) {
  const change = ctx.query.change === '1';
  render(ctx, 'question', {
    view: loaded.view,
    step,
    values,
    errors,
    version,
    comment: comment(loaded, step),
    action: `${base(loaded.view.id)}/${step.slug}${change ? '?change=1' : ''}`,
    backLink: change ? `${base(loaded.view.id)}/check` : base(loaded.view.id),
  });
}

function renderCheck(ctx: Context, loaded: Loaded, errors: FieldError[]) {
  render(ctx, 'check', {
    view: loaded.view,
    rows: rows(loaded, true),
    base: base(loaded.view.id),
    errors,
    submitLabel: TRANSITIONS.submit.label,
    action: `${base(loaded.view.id)}/check`,
    backLink: base(loaded.view.id),
  });
}
