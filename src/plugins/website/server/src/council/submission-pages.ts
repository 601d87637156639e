import type { Context } from 'koa';
import { completenessProblems } from '../../../../submissions/shared/template';
import { EDITABLE_STATES, TRANSITIONS, type State } from '../../../../submissions/shared/workflow';
import { apiErrors, query } from '../pages/api';
import { councilApi, loadSubmission, template, type Loaded } from './council-data';
import { PageStop } from '../pages/errors';
import { fieldError, formBody } from '../pages/forms';
import { longDate, render, type FieldError } from '../pages/render';
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
export const submissionPages = {
  async start(ctx: Context) {
    render(ctx, 'start', { template: await template(ctx), signedOut: ctx.query.signedOut === '1' });
  },

  async list(ctx: Context) {
    const page = Math.max(1, Number(ctx.query.page) || 1);
    const res = await councilApi(ctx, `/api/submissions${query({ page, pageSize: 20 })}`);
    render(ctx, 'submissions', {
      submissions: res.body.data.map((row: { lastActivityAt?: string | null }) => ({
        ...row,
        lastChanged: row.lastActivityAt ? longDate(row.lastActivityAt) : '',
      })),
      pagination: res.body.meta.pagination,
      // Only a reference goes into the notice: no free text from the address bar.
      notice: /^[A-Z0-9-]{1,40}$/.test(String(ctx.query.withdrawn ?? ''))
        ? `${ctx.query.withdrawn} has been withdrawn`
        : undefined,
    });
  },

  async create(ctx: Context) {
    const res = await councilApi(ctx, '/api/submissions', { method: 'POST', body: {} });
    ctx.redirect(base(res.body.data.id));
  },

  async taskList(ctx: Context) {
    const loaded = await loadSubmission(ctx, ctx.params.id);
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
    const loaded = await loadSubmission(ctx, ctx.params.id);
    const step = loaded.steps.find((s) => s.slug === ctx.params.step);
    if (!step) throw new PageStop(404);
    if (!editable(loaded)) return ctx.redirect(base(loaded.view.id));
    renderQuestion(ctx, loaded, step, currentValues(step, loaded.view), [], loaded.view.version);
  },

  async saveQuestion(ctx: Context) {
    const loaded = await loadSubmission(ctx, ctx.params.id);
    const step = loaded.steps.find((s) => s.slug === ctx.params.step);
    if (!step) throw new PageStop(404);
    const body = formBody(ctx);
    const values = postedValues(step, body);
    const version = Number(body.version) || loaded.view.version;
    const local = stepErrors(step, values).map((p) => fieldError(p.field.name, p.message));
    if (local.length) return renderQuestion(ctx, loaded, step, values, local, version);
    const res = await councilApi(ctx, `/api/submissions/${loaded.view.id}`, {
      method: 'PUT',
      body: { ...toApiBody(step, values), version },
    });
    if (res.status === 409) {
      const stale = fieldError(step.fields[0].name, `${res.body.error.message}`);
      return renderQuestion(ctx, loaded, step, values, [stale], loaded.view.version);
    }
    if (res.status >= 400) {
      const errors = apiErrors(res.body).map(({ path, message }) => {
        const field =
          step.fields.find((f) => path === f.apiPath || path.startsWith(`${f.apiPath}.`)) ?? step.fields[0];
        return fieldError(field.name, `${field.label} ${message}`);
      });
      return renderQuestion(ctx, loaded, step, values, errors, version);
    }
    if (ctx.query.change === '1') return ctx.redirect(`${base(loaded.view.id)}/check`);
    const next = loaded.steps[loaded.steps.indexOf(step) + 1];
    ctx.redirect(next ? `${base(loaded.view.id)}/${next.slug}` : `${base(loaded.view.id)}/check`);
  },

  async check(ctx: Context) {
    const loaded = await loadSubmission(ctx, ctx.params.id);
    if (!editable(loaded)) return ctx.redirect(base(loaded.view.id));
    renderCheck(ctx, loaded, []);
  },

  async submit(ctx: Context) {
    const loaded = await loadSubmission(ctx, ctx.params.id);
    const problems = completenessProblems(loaded.template, loaded.view);
    if (problems.length)
      return renderCheck(
        ctx,
        loaded,
        linkedErrors(
          loaded,
          problems.map((p) => ({ path: p.field, message: p.message }))
        )
      );
    const res = await councilApi(ctx, `/api/submissions/${loaded.view.id}/actions/submit`, {
      method: 'POST',
      body: { version: Number(formBody(ctx).version) || loaded.view.version },
    });
    if (res.status >= 400) return renderCheck(ctx, loaded, linkedErrors(loaded, apiErrors(res.body)));
    ctx.redirect(`${base(loaded.view.id)}/confirmation`);
  },

  async confirmation(ctx: Context) {
    const loaded = await loadSubmission(ctx, ctx.params.id);
    render(ctx, 'confirmation', { view: loaded.view });
  },

  async withdrawForm(ctx: Context) {
    const loaded = await loadSubmission(ctx, ctx.params.id);
    if (!loaded.view.allowedActions.includes('withdraw')) return ctx.redirect(base(loaded.view.id));
    render(ctx, 'withdraw', {
      view: loaded.view,
      base: base(loaded.view.id),
      label: TRANSITIONS.withdraw.label,
    });
  },

  async withdraw(ctx: Context) {
    const loaded = await loadSubmission(ctx, ctx.params.id);
    const res = await councilApi(ctx, `/api/submissions/${loaded.view.id}/actions/withdraw`, {
      method: 'POST',
      body: { version: Number(formBody(ctx).version) || loaded.view.version },
    });
    if (res.status >= 400)
      return render(ctx, 'withdraw', {
        view: loaded.view,
        base: base(loaded.view.id),
        label: TRANSITIONS.withdraw.label,
        errors: [{ href: '#withdraw', text: res.body.error.message }],
      });
    ctx.redirect(`/submit/submissions${query({ withdrawn: loaded.view.reference })}`);
  },
};

function renderQuestion(
  ctx: Context,
  loaded: Loaded,
  step: Step,
  values: Values,
  errors: FieldError[],
  version: number
) {
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
