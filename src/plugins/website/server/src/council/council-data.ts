import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { CouncilApi, SubmissionView, TemplateForForm } from '../../../../submissions/shared/contracts';
import { attachmentLimitsText } from '../../../../submissions/shared/attachments';
import { STATE_LABELS } from '../../../../submissions/shared/workflow';
import { PageStop } from '../pages/errors';
import { buildSteps, type Step, type Vocabulary } from './steps';

export interface Loaded {
  /** Not saved yet: the form of a new case study, which its first save creates (its id is NEW_ID). */
  isNew?: boolean;
  view: SubmissionView;
  steps: Step[];
  template: TemplateForForm;
}

/** A refusal the page shows: the API's message, and each field it names. */
export interface Problem {
  status: number;
  message: string;
  fields: { path: string; message: string }[];
}

/** The address of a case study not saved yet: /submit/submissions/new. Never a documentId (those are 24 characters). */
export const NEW_ID = 'new';

/** The limits on attachments, the server's own (submissions plugin config), for the form to state. */
export interface AttachmentLimits {
  maxBytes: number;
  maxCount: number;
  types: string[];
  text: string;
}

/** What the form shows before the first save: nothing answered, nothing allowed but saving. */
function unsavedView(templateVersion: number): SubmissionView {
  return {
    id: NEW_ID,
    reference: null,
    title: null,
    state: 'draft',
    stateLabel: STATE_LABELS.draft,
    version: 0,
    council: null,
    assignee: null,
    submittedAt: null,
    lastActivityAt: null,
    createdAt: '',
    allowedActions: [],
    templateVersion,
    summary: null,
    answers: {},
    contact: {},
    topics: [],
    supportTypes: [],
    attachments: [],
    coverAttachment: null,
    author: null,
    caseStudy: null,
    feedback: null,
    history: [],
  };
}

type Thrown = { name?: string; message?: string; details?: { errors?: { path: (string | number)[]; message: string }[] } };

/** The council API's errors, as the pages need them: the session is over, not yours, or a problem to show. */
function problemOf(error: unknown): Problem {
  const e = error as Thrown;
  if (e?.name === 'UnauthorizedError') throw new PageStop(401);
  if (e?.name === 'NotFoundError' || e?.name === 'ForbiddenError') throw new PageStop(404);
  if (e?.name === 'ValidationError')
    return {
      status: 400,
      message: e.message ?? '',
      fields: (e.details?.errors ?? []).map((f) => ({ path: f.path.join('.'), message: f.message })),
    };
  if (e?.name === 'ConflictError') return { status: 409, message: e.message ?? '', fields: [] };
  throw error;
}

/** The council pages' data, read and written in-process through the submissions plugin's council API. */
export function councilData(strapi: Core.Strapi) {
  const api = () => strapi.plugin('submissions').service('councilApi') as CouncilApi;

  /** The signed-in officer (their session checked by the page middleware), or off to sign in. */
  async function user(ctx: Context): Promise<{ id: number }> {
    const { siteUserId } = ctx.state as { siteUserId?: number };
    if (!siteUserId) throw new PageStop(401);
    return { id: siteUserId };
  }

  /** Runs a council API call: its data, or the problem to show (a 401/404 ends the page). */
  async function attempt<T>(call: () => Promise<T>): Promise<{ data: T; problem?: undefined } | { problem: Problem }> {
    try {
      return { data: await call() };
    } catch (error) {
      return { problem: problemOf(error) };
    }
  }

  /** Reads that may only fail as 401/404. */
  async function read<T>(call: () => Promise<T>): Promise<T> {
    const result = await attempt(call);
    if (result.problem) throw new PageStop(404);
    return result.data;
  }

  /** The choices for topics and support types: the public vocabularies, read through the Document Service. */
  async function vocabulary(): Promise<Vocabulary> {
    const list = async (uid: 'api::topic.topic' | 'api::support-type.support-type') =>
      (
        (await strapi.documents(uid).findMany({ sort: 'name:asc', fields: ['name'], limit: 100 })) as unknown as {
          documentId: string;
          name: string;
        }[]
      ).map((t) => ({ value: t.documentId, text: t.name }));
    const [topics, supportTypes] = await Promise.all([
      list('api::topic.topic'),
      list('api::support-type.support-type'),
    ]);
    return { topics, supportTypes };
  }

  function attachmentLimits(): AttachmentLimits {
    const config = strapi.config.get('plugin::submissions') as {
      attachmentMaxBytes: number;
      attachmentMaxCount: number;
      attachmentTypes: string[];
    };
    return {
      maxBytes: config.attachmentMaxBytes,
      maxCount: config.attachmentMaxCount,
      types: config.attachmentTypes,
      text: attachmentLimitsText(config.attachmentMaxCount, config.attachmentMaxBytes),
    };
  }

  /** One submission of the officer's council, with the steps of its form. */
  async function load(ctx: Context, id: string): Promise<Loaded> {
    if (!/^[A-Za-z0-9]{1,64}$/.test(id)) throw new PageStop(404);
    const who = await user(ctx);
    const [view, vocab] = await Promise.all([read(() => api().get(who, id)), vocabulary()]);
    // A submission keeps the template version it started on, even after editors publish a new one.
    const template = await read(() => api().template(view.templateVersion));
    return { view, template, steps: buildSteps(template.sections, vocab, attachmentLimits().text) };
  }

  return {
    user,
    attempt,
    api,
    attachmentLimits,
    load,
    template: (version?: number) => read(() => api().template(version)),

    /** As load, or for NEW_ID the empty form of the current template (nothing is created until a save). */
    async loadOrNew(ctx: Context, id: string): Promise<Loaded> {
      if (id !== NEW_ID) return load(ctx, id);
      await user(ctx);
      const [template, vocab] = await Promise.all([read(() => api().template()), vocabulary()]);
      return {
        isNew: true,
        view: unsavedView(template.version),
        template,
        steps: buildSteps(template.sections, vocab, attachmentLimits().text),
      };
    },
  };
}

export type CouncilData = ReturnType<typeof councilData>;
