// Fills a running app (this release's or the previous one's: the same API) with what an operator must
// never lose: two council officers, editors, a second template version, and submissions in every state
// with their history, comments, emails and attachments. Plain JavaScript, so that the upgrade fixture's
// maker can run it against the previous release too (tests/fixtures/upgrade/make-fixture.js).
'use strict';

const PASSWORD = 'Corr3ct-horse-battery';
const OFFICERS = ['alice@bristol.gov.uk', 'bea@calderdale.gov.uk'];
const EDITORS = [
  ['rita.reviewer@lga.test', 'Reviewer'],
  ['paul.publisher@lga.test', 'Publisher'],
];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function request(baseUrl, method, path, { token, body, form } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const json = await res.json().catch(() => null);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

function answers(topics, title, extra = {}) {
  return {
    title,
    summary: `${title}: libraries and schools ran a reading programme that reached new families.`,
    topics,
    contact: { name: 'Jo Bloggs', role: 'Libraries manager', email: 'jo.bloggs@bristol.gov.uk' },
    answers: {
      challenge: 'Too few children in two wards read for pleasure.',
      solution: 'Reading clubs in school holidays, run with the libraries.',
      impact: 'Borrowing by under-12s rose by a third in a year.',
      sustained: 'The clubs are now part of the library service plan.',
      lessons: 'Start with the schools; families followed.',
      ...extra,
    },
  };
}

/**
 * @param {{ strapi: any, baseUrl: string, attachments?: boolean }} options
 * @returns {Promise<{ password: string, officers: string[], editors: string[], submissions: Record<string, string> }>} ids by state
 */
async function fillWorld({ strapi, baseUrl, attachments = true }) {
  for (const email of OFFICERS) {
    await strapi
      .plugin('users-permissions')
      .service('user')
      .add({ username: email, email, password: PASSWORD, provider: 'local', confirmed: true });
  }
  for (const [email, roleName] of EDITORS) {
    const role = await strapi.db.query('admin::role').findOne({ where: { name: roleName } });
    await strapi.service('admin::user').create({
      email,
      firstname: roleName,
      lastname: email.split('@')[0],
      password: PASSWORD,
      isActive: true,
      roles: [role.id],
    });
  }
  const council = {};
  for (const email of OFFICERS) {
    council[email] = (
      await request(baseUrl, 'POST', '/api/auth/local', { body: { identifier: email, password: PASSWORD } })
    ).jwt;
  }
  const editor = {};
  for (const [email, role] of EDITORS) {
    editor[role] = (
      await request(baseUrl, 'POST', '/admin/login', { body: { email, password: PASSWORD } })
    ).data.token;
  }
  const topicList = (await request(baseUrl, 'GET', '/api/topics?pagination[pageSize]=100')).data;
  const topics = [topicList.find((t) => t.slug === 'children-and-young-people').documentId];

  const [alice, bea] = OFFICERS.map((e) => council[e]);
  const submissions = {};
  const create = async (token, title, extra) =>
    (await request(baseUrl, 'POST', '/api/submissions', { token, body: answers(topics, title, extra) })).data;
  const councilAct = async (token, id, action, v) =>
    (
      await request(baseUrl, 'POST', `/api/submissions/${id}/actions/${action}`, {
        token,
        body: { version: v },
      })
    ).data;
  const editorAct = async (role, id, action, body) =>
    (
      await request(baseUrl, 'POST', `/submissions/items/${id}/actions/${action}`, {
        token: editor[role],
        body,
      })
    ).data;
  const attach = async (token, id, name) => {
    const form = new FormData();
    form.append('file', new Blob([PDF, Buffer.from(`\n% ${name}\n`)], { type: 'application/pdf' }), name);
    return (await request(baseUrl, 'POST', `/api/submissions/${id}/attachments`, { token, form })).data;
  };
  /** Takes a new submission along the given actions; returns its final state. */
  const walk = async (token, title, steps, extra) => {
    const created = await create(token, title, extra);
    let current = created;
    if (attachments)
      current = await attach(token, created.id, `${title.toLowerCase().replace(/\W+/g, '-')}.pdf`);
    for (const [who, action, body] of steps) {
      current =
        who === 'council'
          ? await councilAct(token, created.id, action, current.version)
          : await editorAct(who, created.id, action, { version: current.version, ...body });
    }
    return current;
  };

  const review = [
    ['council', 'submit'],
    ['Reviewer', 'start_review'],
  ];
  const changes = [
    ...review,
    [
      'Reviewer',
      'request_changes',
      {
        message: 'Please add figures.',
        sectionComments: { impact: 'How many families?', lessons: 'What would you do differently?' },
      },
    ],
  ];
  const approved = [...review, ['Reviewer', 'approve']];
  const published = [...approved, ['Publisher', 'publish']];
  const plan = {
    draft: [alice, 'Bristol: a draft', []],
    submitted: [bea, 'Calderdale: submitted', [['council', 'submit']]],
    in_review: [alice, 'Bristol: in review', review],
    changes_requested: [bea, 'Calderdale: changes requested', changes],
    approved: [alice, 'Bristol: approved', approved],
    rejected: [
      bea,
      'Calderdale: rejected',
      [...review, ['Reviewer', 'reject', { message: 'This is not about a council service.' }]],
    ],
    published: [
      alice,
      'Bristol: published after changes',
      [
        ...changes,
        ['council', 'submit'],
        ['Reviewer', 'start_review'],
        ['Reviewer', 'approve'],
        ['Publisher', 'publish'],
      ],
    ],
    withdrawn: [
      bea,
      'Calderdale: withdrawn',
      [
        ['council', 'submit'],
        ['council', 'withdraw'],
      ],
    ],
    archived: [
      alice,
      'Bristol: archived',
      [...published, ['Publisher', 'archive', { message: 'Superseded by a newer case study.' }]],
    ],
  };
  for (const [state, [token, title, steps]] of Object.entries(plan)) {
    const result = await walk(token, title, steps);
    if (result.state !== state) throw new Error(`fill: ${title} ended ${result.state}, not ${state}`);
    submissions[state] = result.id;
  }

  // A second template version (with a new section); one submission starts on it.
  const template = (await request(baseUrl, 'GET', '/submissions/template', { token: editor.Publisher })).data;
  const sections = [
    ...template.sections.map(({ key, title, guidance, required, wordLimit }) => ({
      key,
      title,
      guidance,
      required,
      wordLimit,
    })),
    {
      key: 'funding',
      title: 'Funding',
      guidance: 'How was the work paid for?',
      required: false,
      wordLimit: 200,
    },
  ];
  await request(baseUrl, 'POST', '/submissions/template', { token: editor.Publisher, body: { sections } });
  submissions.submitted_on_template_2 = (
    await walk(bea, 'Calderdale: on the second template', [['council', 'submit']], {
      funding: 'A council grant.',
    })
  ).id;
  return { password: PASSWORD, officers: OFFICERS, editors: EDITORS.map(([email]) => email), submissions };
}

module.exports = { fillWorld, PASSWORD };
