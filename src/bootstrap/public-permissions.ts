import type { Core } from '@strapi/strapi';

/** What anyone may read without signing in: the published library and its vocabularies. */
export const PUBLIC_READ_ACTIONS = ['case-study', 'topic', 'support-type', 'council']
  .flatMap((name) => ['find', 'findOne'].map((verb) => `api::${name}.${name}.${verb}`))
  .concat('api::case-study.case-study.search', 'api::case-study.case-study.suggest');

/** Grants the Public role its read actions; checks first so that every boot does not add rows again. */
export async function grantPublicRead(strapi: Core.Strapi): Promise<void> {
  const roleQuery = strapi.db.query('plugin::users-permissions.role');
  const permissionQuery = strapi.db.query('plugin::users-permissions.permission');
  const publicRole = await roleQuery.findOne({ where: { type: 'public' } });
  if (!publicRole) throw new Error('users-permissions Public role is missing');

  const granted = await permissionQuery.findMany({
    where: { role: publicRole.id, action: { $in: PUBLIC_READ_ACTIONS } },
    select: ['action'],
  });
  const have = new Set(granted.map((p: { action: string }) => p.action));
  for (const action of PUBLIC_READ_ACTIONS.filter((a) => !have.has(a))) {
    await permissionQuery.create({ data: { action, role: publicRole.id } });
  }
}
