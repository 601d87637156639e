import type { Core } from '@strapi/strapi';
import type { WorkflowSettings } from '../access/rules';

const DEFAULTS: WorkflowSettings = { singlePersonPublishing: false, reviewerEmails: [] };

/** Workflow settings editors change in the admin panel; kept in the database so every process sees the same. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: 'submissions', key: 'settings' });
  return {
    async get(): Promise<WorkflowSettings> {
      const saved = (await store().get({})) as Partial<WorkflowSettings> | null;
      return { ...DEFAULTS, ...(saved ?? {}) };
    },
    async set(settings: WorkflowSettings): Promise<WorkflowSettings> {
      await store().set({ value: settings });
      return settings;
    },
  };
};
