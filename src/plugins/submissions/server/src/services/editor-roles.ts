import type { Core } from '@strapi/strapi';
import { EDITOR_ROLES } from '../config/admin-actions';
import { UIDS } from '../utils/get-service';

const CASE_STUDY_READ = { action: 'plugin::content-manager.explorer.read', subject: UIDS.caseStudy };

/**
 * The Reviewer and Publisher admin roles, created if absent. Must run after the admin panel's own
 * bootstrap: that creates Super Admin, Editor and Author only while no role at all exists, so roles
 * made before it would leave a new database without a Super Admin role. Strapi runs plugin bootstraps
 * before the admin's, hence the app's bootstrap (src/index.ts) calls this.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensure(): Promise<void> {
    const roles = strapi.service('admin::role');
    for (const definition of EDITOR_ROLES) {
      if (await strapi.db.query('admin::role').findOne({ where: { name: definition.name } })) continue;
      const role = await roles.create({ name: definition.name, description: definition.description });
      await roles.assignPermissions(role.id, [
        ...definition.actions.map((action) => ({ action })),
        CASE_STUDY_READ,
      ]);
    }
  },
});
