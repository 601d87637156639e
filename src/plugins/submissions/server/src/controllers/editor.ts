import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { STATES, type State } from '../../../shared/workflow';
import type { Actor } from '../access/rules';
import { fieldErrors } from '../errors';
import type { QueueQuery } from '../services/queue';
import { adminName } from '../services/views';
import { getService } from '../utils/get-service';
import { parseAction, parseCover, parseInvite, parseSettings, parseTemplate } from '../validation/input';
import { paging } from './paging';
import { attachmentIdOf, sendAttachment } from './send-file';

const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;

function editorOf(ctx: Context): Extract<Actor, { kind: 'admin' }> {
  const user = ctx.state.user;
  if (!user) throw new errors.UnauthorizedError('Sign in to the admin panel');
  const ability = ctx.state.userAbility;
  return {
    kind: 'admin',
    userId: user.id,
    name: adminName(user) ?? 'Editor',
    email: user.email,
    can: (action) => ability.can(action),
  };
}

function queueQuery(query: Record<string, unknown>): QueueQuery {
  const text = (name: string, max = 100) => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || value.length > max)
      throw fieldErrors([{ field: name, message: `must be text of at most ${max} characters` }]);
    return value;
  };
  const states = text('state', 200)?.split(',');
  const unknown = states?.filter((s) => !(STATES as readonly string[]).includes(s));
  if (unknown?.length)
    throw fieldErrors([
      { field: 'state', message: `unknown state ${unknown.join(', ')}; states are ${STATES.join(', ')}` },
    ]);
  const sort = text('sort') ?? 'waiting';
  if (!['waiting', 'activity', 'title'].includes(sort))
    throw fieldErrors([{ field: 'sort', message: 'must be waiting, activity or title' }]);
  const assigneeText = text('assignee');
  const assignee =
    assigneeText === undefined || assigneeText === 'me' || assigneeText === 'none'
      ? assigneeText
      : Number(assigneeText);
  if (typeof assignee === 'number' && !Number.isInteger(assignee))
    throw fieldErrors([{ field: 'assignee', message: 'must be me, none or an editor id' }]);
  const older = text('olderThanDays');
  const olderThanDays = older === undefined ? undefined : Number(older);
  if (olderThanDays !== undefined && !(Number.isInteger(olderThanDays) && olderThanDays >= 0)) {
    throw fieldErrors([{ field: 'olderThanDays', message: 'must be a whole number of days' }]);
  }
  return {
    states: states as State[] | undefined,
    council: text('council'),
    topic: text('topic'),
    assignee,
    olderThanDays,
    q: text('q'),
    sort: sort as QueueQuery['sort'],
    ...paging(query),
  };
}

/** The editors' API (admin API). Routes check the read permission; the workflow's rules check the rest. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings').get();
  return {
    queue: async (ctx: Context) => {
      const editor = editorOf(ctx);
      return {
        data: await getService(strapi, 'queue').list(queueQuery(ctx.query), editor, await settings()),
      };
    },

    findOne: async (ctx: Context) => {
      const editor = editorOf(ctx);
      const row = await getService(strapi, 'views').load(ctx.params.id);
      if (!row) throw new errors.NotFoundError('No such submission');
      const template = await getService(strapi, 'template').byVersion(row.templateVersion);
      return {
        data: { ...(await getService(strapi, 'views').full(row, editor, await settings())), template },
      };
    },

    byCaseStudy: async (ctx: Context) => {
      const editor = editorOf(ctx);
      const row = await strapi.db
        .query('plugin::submissions.submission')
        .findOne({ where: { caseStudyDocumentId: String(ctx.params.documentId) }, select: ['documentId'] });
      if (!row) return { data: null };
      const full = await getService(strapi, 'views').load(row.documentId);
      return { data: getService(strapi, 'views').summary(full!, editor, await settings()) };
    },

    act: async (ctx: Context) => {
      const editor = editorOf(ctx);
      return {
        data: await getService(strapi, 'workflow').act(
          editor,
          ctx.params.id,
          ctx.params.action,
          parseAction(body(ctx))
        ),
      };
    },

    downloadAttachment: async (ctx: Context) => {
      editorOf(ctx);
      const row = await getService(strapi, 'views').load(ctx.params.id);
      if (!row) throw new errors.NotFoundError('No such submission');
      const { attachment, stream } = await getService(strapi, 'attachments').open(
        row,
        attachmentIdOf(ctx.params.fileId)
      );
      sendAttachment(ctx, attachment, stream);
      return undefined;
    },

    /** A reviewer chooses (or clears) the image the published case study will have as its cover. */
    chooseCover: async (ctx: Context) => {
      const editor = editorOf(ctx);
      const row = await getService(strapi, 'attachments').chooseCover(
        editor,
        ctx.params.id,
        parseCover(body(ctx))
      );
      const template = await getService(strapi, 'template').byVersion(row.templateVersion);
      return {
        data: { ...(await getService(strapi, 'views').full(row, editor, await settings())), template },
      };
    },

    template: async () => ({
      data: {
        ...(await getService(strapi, 'template').forForm()),
        versions: await getService(strapi, 'template').versions(),
      },
    }),

    publishTemplate: async (ctx: Context) => {
      const editor = editorOf(ctx);
      const { sections } = parseTemplate(body(ctx));
      ctx.status = 201;
      return { data: await getService(strapi, 'template').publishNewVersion(sections, editor.name) };
    },

    getSettings: async () => ({ data: await settings() }),

    setSettings: async (ctx: Context) => ({
      data: await getService(strapi, 'settings').set(parseSettings(body(ctx))),
    }),

    invite: async (ctx: Context) => {
      const editor = editorOf(ctx);
      ctx.status = 201;
      return { data: await getService(strapi, 'accounts').invite(parseInvite(body(ctx)), editor.name) };
    },
  };
};
