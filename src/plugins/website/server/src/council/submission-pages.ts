import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { completenessProblems } from '../../../../submissions/shared/template';
import { EDITABLE_STATES, TRANSITIONS, type State } from '../../../../submissions/shared/workflow';
import { fieldError, formBody } from '../pages/forms';
import { PageStop } from '../pages/errors';
import { longDate, render, type FieldError } from '../pages/render';
import { query } from '../pages/query';
import { councilData, type Loaded, type Problem } from './council-data';
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

const base = (id: string) => `/submit/submissions/${id}`;
const editable = (loaded: Loaded) => EDITABLE_STATES.includes(loaded.view.state as State);
const comment = (loaded: Loaded, step: Step) =>
  step.sectionKey ? loaded.view.feedback?.sectionComments?.[step.sectionKey] : undefined;

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
    comment: comment(loaded, step),
    href: withLinks ? `${base(loaded.view.id)}/${step.slug}?change=1` : undefined,
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

    async create(ctx: Context) {
      const user = await data.user(ctx);
      const result = await data.attempt(() => data.api().create(user, {}));
      if (result.problem) throw new PageStop(404);
      ctx.redirect(base(result.data.id));
    },

    async taskList(ctx: Context) {
      const loaded = await data.load(ctx, ctx.params.id);
      const problems = completenessProblems(loaded.template, loaded.view);
      const missing = new Set(problems.map((p) => locate(loaded.steps, p.field)?.step.slug));
      render(ctx, editable(loaded) ? 'task-list' : 'submission', {
        view: loaded.view,
        rows: rows(loaded, false).map((r) => ({ ...r, done: Boolean(r.value) && !missing.has(r.step.slug) })),
        canWithdraw: loaded.view.allowedActions.includes('withdraw'),
        base: base(loaded.view.id),
      });
    },

    async question(ctx: Context) {
      const loaded = await data.load(ctx, ctx.params.id);
      const current = step(loaded, ctx.params.step);
      if (!editable(loaded)) return ctx.redirect(base(loaded.view.id));
      renderQuestion(ctx, loaded, current, currentValues(current, loaded.view), [], loaded.view.version);
    },

    async saveQuestion(ctx: Context) {
      const loaded = await data.load(ctx, ctx.params.id);
      const current = step(loaded, ctx.params.step);
      const values = postedValues(current, formBody(ctx));
      const version = postedVersion(ctx, loaded);
      const local = stepErrors(current, values).map((p) => fieldError(p.field.name, p.message));
      if (local.length) return renderQuestion(ctx, loaded, current, values, local, version);
      const user = await data.user(ctx);
      const saved = await data.attempt(() =>
        data.api().update(user, loaded.view.id, { ...toApiBody(current, values), version })
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
      if (ctx.query.change === '1') return ctx.redirect(`${base(loaded.view.id)}/check`);
      const next = loaded.steps[loaded.steps.indexOf(current) + 1];
      ctx.redirect(next ? `${base(loaded.view.id)}/${next.slug}` : `${base(loaded.view.id)}/check`);
    },

    async check(ctx: Context) {
      const loaded = await data.load(ctx, ctx.params.id);
      if (!editable(loaded)) return ctx.redirect(base(loaded.view.id));
      renderCheck(ctx, loaded, []);
    },

    async submit(ctx: Context) {
      const loaded = await data.load(ctx, ctx.params.id);
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
    errors,
    submitLabel: TRANSITIONS.submit.label,
    action: `${base(loaded.view.id)}/check`,
    backLink: base(loaded.view.id),
  });
}
