import { SealCheck } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { CaseStudySubmissionPanel } from './components/CaseStudySubmissionPanel';
import { PERMISSIONS, PLUGIN_ID } from './pluginId';

const label = (id: string, defaultMessage: string) => ({ id: `${PLUGIN_ID}.${id}`, defaultMessage });

/** The editors' review desk: the queue and submission pages, settings, a case-study panel, a homepage widget. */
export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: SealCheck,
      intlLabel: label('menu', 'Submissions'),
      permissions: PERMISSIONS.read,
      Component: () => import('./pages/App').then((mod) => ({ default: mod.App })),
      position: 3,
    });
    app.widgets.register({
      id: 'waiting',
      pluginId: PLUGIN_ID,
      icon: SealCheck,
      title: label('widget.title', 'Waiting for review'),
      component: () => import('./components/WaitingWidget').then((mod) => mod.WaitingWidget),
      link: { label: label('widget.link', 'Open the queue'), href: `/plugins/${PLUGIN_ID}` },
      permissions: PERMISSIONS.read,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Submissions' });
  },

  bootstrap(app: StrapiApp) {
    app.addSettingsLink({ id: PLUGIN_ID, intlLabel: label('settings', 'Submissions') }, [
      {
        id: 'template',
        to: `${PLUGIN_ID}/template`,
        intlLabel: label('settings.template', 'Case study template'),
        permissions: PERMISSIONS.manageTemplate,
        Component: () =>
          import('./settings/TemplateSettingsPage').then((mod) => ({ default: mod.TemplateSettingsPage })),
      },
      {
        id: 'workflow',
        to: `${PLUGIN_ID}/workflow`,
        intlLabel: label('settings.workflow', 'Review workflow'),
        permissions: PERMISSIONS.manageSettings,
        Component: () =>
          import('./settings/WorkflowSettingsPage').then((mod) => ({ default: mod.WorkflowSettingsPage })),
      },
    ]);
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel: (panels: unknown[]) => void };
    };
    contentManager.apis.addEditViewSidePanel([CaseStudySubmissionPanel]);
  },

  registerTrads() {
    return Promise.resolve([]);
  },
};
