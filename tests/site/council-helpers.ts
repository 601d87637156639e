import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/** Shared by the page tests and the browser journeys: accounts, tokens and the sample data's expectations. */

export const PASSWORD = 'Correct-horse-battery-9';

/** A confirmed council officer (the council follows from the email domain, as for any sign-up). */
export async function createOfficer(strapi: Core.Strapi, email: string, password = PASSWORD) {
  return strapi.plugin('users-permissions').service('user').add({
    username: email,
    email,
    password,
    provider: 'local',
    confirmed: true,
    blocked: false,
  });
}

/** An admin user with the named role (Reviewer, Publisher), and its admin API token. */
export async function editorToken(strapi: Core.Strapi, baseUrl: string, roleName = 'Reviewer'): Promise<string> {
  const role = await strapi.db.query('admin::role').findOne({ where: { name: roleName } });
  const email = `${roleName.toLowerCase()}-${Date.now()}@example.org`;
  const password = 'Editor-password-1';
  await strapi.service('admin::user').create({
    email,
    firstname: roleName,
    lastname: 'Editor',
    password,
    isActive: true,
    roles: [role.id],
  });
  const res = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return ((await res.json()) as { data: { token: string } }).data.token;
}

export const reviewerToken = (strapi: Core.Strapi, baseUrl: string) => editorToken(strapi, baseUrl, 'Reviewer');

/** An editor's workflow action on a submission, at its current version. */
export async function editorAction(
  baseUrl: string,
  token: string,
  id: string,
  action: string,
  body: Record<string, unknown> = {}
) {
  const current = await fetch(`${baseUrl}/submissions/items/${id}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const { data } = (await current.json()) as { data: { version: number } };
  const res = await fetch(`${baseUrl}/submissions/items/${id}/actions/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ version: data.version, ...body }),
  });
  if (res.status >= 300) throw new Error(`${action}: ${res.status} ${await res.text()}`);
}

/** A reviewer starts a review and asks for changes, with comments on answers (by question key: shared/comments.ts). */
export async function requestChanges(baseUrl: string, token: string, id: string, comments: Record<string, string>) {
  await editorAction(baseUrl, token, id, 'start_review');
  await editorAction(baseUrl, token, id, 'request_changes', { message: 'Please give numbers for the impact.', comments });
}

export const csrfOf = (html: string): string => {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
};

interface SampleCaseStudy {
  slug: string;
  title: string;
  summary: string;
  topics: string[];
  supportTypes?: string[];
}

export const sample = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'database', 'seed', 'sample-data.json'), 'utf8')
) as { caseStudies: SampleCaseStudy[]; topics: { slug: string; name: string }[] };

/** What the library should list for these filters, computed from the sample data. */
export function expectedSlugs(filters: { topics?: string[]; supportTypes?: string[]; q?: string }): string[] {
  return sample.caseStudies
    .filter((c) => !filters.topics?.length || c.topics.some((t) => filters.topics!.includes(t)))
    .filter(
      (c) =>
        !filters.supportTypes?.length || (c.supportTypes ?? []).some((t) => filters.supportTypes!.includes(t))
    )
    .filter((c) => !filters.q || `${c.title}\n${c.summary}`.toLowerCase().includes(filters.q.toLowerCase()))
    .map((c) => c.slug)
    .sort();
}

export const listedSlugs = (html: string): string[] =>
  // A result's link may carry the search it came from (?back=…).
  [...html.matchAll(/href="\/case-studies\/([a-z0-9-]+)(?:\?[^"]*)?"/g)].map((m) => m[1]).sort();
