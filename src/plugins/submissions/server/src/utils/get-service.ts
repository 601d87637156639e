import type { Core } from '@strapi/strapi';
import type services from '../services';

type Services = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export function getService<K extends keyof Services>(strapi: Core.Strapi, name: K): Services[K] {
  return strapi.plugin('submissions').service(name) as Services[K];
}

export const UIDS = {
  submission: 'plugin::submissions.submission',
  event: 'plugin::submissions.review-event',
  template: 'plugin::submissions.template',
  outbox: 'plugin::submissions.outbox-message',
  caseStudy: 'api::case-study.case-study',
  council: 'api::council.council',
  user: 'plugin::users-permissions.user',
  role: 'plugin::users-permissions.role',
} as const;
