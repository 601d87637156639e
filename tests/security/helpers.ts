import supertest from 'supertest';
import type { Core } from '@strapi/strapi';
import { csrfOf, PASSWORD } from '../site/council-helpers';

/** A super admin's token for the admin panel's API (the media library, the content manager). */
export async function superAdminToken(strapi: Core.Strapi, baseUrl: string): Promise<string> {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  await strapi.service('admin::user').create({
    email: 'root@lga.test',
    firstname: 'Root',
    lastname: 'Admin',
    password: PASSWORD,
    isActive: true,
    roles: [role.id],
  });
  const res = await supertest(baseUrl)
    .post('/admin/login')
    .send({ email: 'root@lga.test', password: PASSWORD });
  return res.body.data.token;
}

/** Signs a council-site browser out, with the form's CSRF token. */
export async function signOut(browser: supertest.Agent): Promise<void> {
  const list = await browser.get('/submit/submissions').expect(200);
  await browser
    .post('/submit/sign-out')
    .type('form')
    .send({ _csrf: csrfOf(list.text) })
    .expect(302);
}
