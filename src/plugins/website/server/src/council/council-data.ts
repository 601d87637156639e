import type { Context } from 'koa';
import type { TemplateSection } from '../../../../submissions/shared/template';
import { api, query } from '../pages/api';
import { PageStop } from '../pages/errors';
import { buildSteps, type Step, type SubmissionView, type Vocabulary } from './steps';

export interface Template {
  version: number;
  sections: TemplateSection[];
}


export const token = (ctx: Context): string => {
  const t = (ctx.state as { siteToken?: string }).siteToken;
  if (!t) throw new PageStop(401);
  return t;
};

/** A council API call whose 401/403/404 ends the page the same way everywhere. */
export async function councilApi(
  ctx: Context,
  path: string,
  options: { method?: string; body?: unknown } = {}
) {
  const res = await api(ctx, path, { ...options, token: token(ctx) });
  if (res.status === 401) throw new PageStop(401);
  if (res.status === 403 || res.status === 404) throw new PageStop(404);
  return res;
}

/** The current template, or the version a submission started on. */
export async function template(ctx: Context, version?: number): Promise<Template> {
  return (await api(ctx, `/api/submissions/template${version ? `?version=${version}` : ''}`)).body.data;
}

async function vocabulary(ctx: Context): Promise<Vocabulary> {
  const list = async (path: string) =>
    (
      (await api(ctx, `${path}${query({ sort: 'name', 'pagination[pageSize]': 100, 'fields[0]': 'name' })}`))
        .body.data as { documentId: string; name: string }[]
    ).map((t) => ({ value: t.documentId, text: t.name }));
  const [topics, supportTypes] = await Promise.all([list('/api/topics'), list('/api/support-types')]);
  return { topics, supportTypes };
}

export interface Loaded {
  view: SubmissionView;
  steps: Step[];
  template: Template;
}

/** One submission with the steps of its form. */
export async function loadSubmission(ctx: Context, id: string): Promise<Loaded> {
  if (!/^[A-Za-z0-9]{1,64}$/.test(id)) throw new PageStop(404);
  const [res, vocab] = await Promise.all([councilApi(ctx, `/api/submissions/${id}`), vocabulary(ctx)]);
  // A submission keeps the template version it started on, even after editors publish a new one.
  const tpl = await template(ctx, res.body.data.templateVersion);
  return { view: res.body.data, template: tpl, steps: buildSteps(tpl.sections, vocab) };
}
