'use strict';
/**
 * A realistic corpus, written straight into Strapi's tables with set-based INSERT ... unnest(...)
 * (one statement per 2,000 documents), in the shape the document service writes: a draft row and a
 * published row per case study, each with its own section components and relation links.
 */
const REGIONS = ['london', 'south_east', 'south_west', 'east_of_england', 'west_midlands', 'east_midlands',
  'yorkshire_and_the_humber', 'north_west', 'north_east'];
const TOPICS = ['Adult social care', 'Children and young people', 'Climate change', 'Community cohesion',
  'Culture and tourism', 'Devolution', 'Digital', 'Economic growth', 'Employment and skills', 'Environment',
  'Finance and business rates', 'Fire and rescue', 'Health', 'Housing and planning', 'Licensing',
  'Prevent', 'Public health', 'Transport', 'Waste', 'Workforce', 'Demand management', 'Safer communities',
  'Homelessness', 'Libraries', 'Procurement'];
const SUPPORT_TYPES = ['Funding and grants', 'Partnership working', 'Peer support', 'Research and insight', 'Training and guidance'];
const WORDS = ('council residents service community partners local support programme project housing care ' +
  'children families health school staff budget savings digital data team officers volunteers volunteering ' +
  'pilot scheme funding partnership outcomes impact challenge solution evaluation engagement wellbeing ' +
  'transport waste recycling climate energy homes tenants skills employment business town centre library ' +
  'safeguarding prevention early intervention demand cost board strategy commissioning providers network')
  .split(' ');

const slugify = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function prng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Zipf-like pick: early items far more often, as real topics and councils are. */
const skewed = (random, n) => Math.floor(n * random() ** 2);

function sentence(random, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[skewed(random, WORDS.length)]);
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return `${out.join(' ')}.`;
}
const paragraph = (random, bytes) => {
  let text = '';
  while (text.length < bytes) text += `${sentence(random, 8 + Math.floor(random() * 10))} `;
  return text.trim();
};

async function insertUnnest(client, table, columns, types, rows) {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  const params = columns.map((_, i) => rows.map((r) => r[i]));
  const unnest = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  await client.query(`INSERT INTO ${table} (${cols}) SELECT * FROM unnest(${unnest})`, params);
}

async function loadVocabularies(client, now) {
  const councils = [];
  for (let i = 0; i < 150; i++) {
    councils.push([i + 1, `bcouncil${i}`, `Council ${i + 1}`, `council-${i + 1}`, 'unitary', REGIONS[i % REGIONS.length], now, now, now]);
  }
  const named = (list) => list.map((name, i) => [i + 1, `bvocab${slugify(name)}`, name, slugify(name), now, now, now]);
  const cols = ['id', 'document_id', 'name', 'slug', 'created_at', 'updated_at', 'published_at'];
  const types = ['int', 'text', 'text', 'text', 'timestamp', 'timestamp', 'timestamp'];
  await insertUnnest(client, 'topics', cols, types, named(TOPICS));
  await insertUnnest(client, 'support_types', cols, types, named(SUPPORT_TYPES));
  await insertUnnest(client, 'councils', ['id', 'document_id', 'name', 'slug', 'kind', 'region', 'created_at', 'updated_at', 'published_at'],
    ['int', 'text', 'text', 'text', 'text', 'text', 'timestamp', 'timestamp', 'timestamp'], councils);
  for (const t of ['topics', 'support_types', 'councils']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`);
  }
}

/** Loads `size` case studies; returns what the benchmark asks about (a common topic, a keyword). */
async function loadCorpus(client, size, log) {
  const random = prng(size);
  const now = new Date();
  await loadVocabularies(client, now);
  const batch = 2000;
  let sectionId = 0;
  for (let start = 0; start < size; start += batch) {
    const studies = [], sections = [], cmps = [], topicLinks = [], supportLinks = [], councilLinks = [];
    for (let n = start; n < Math.min(size, start + batch); n++) {
      const title = `${sentence(random, 4 + Math.floor(random() * 5)).slice(0, -1)} in council ${n}`;
      const summary = paragraph(random, 200 + Math.floor(random() * 300));
      const date = new Date(Date.UTC(2010 + Math.floor(random() * 16), Math.floor(random() * 12), 1 + Math.floor(random() * 28)));
      const bodies = ['The challenge', 'The solution', 'The impact'].map((h) => [h, paragraph(random, 700 + Math.floor(random() * 600))]);
      const topics = [...new Set([skewed(random, TOPICS.length), skewed(random, TOPICS.length), Math.floor(random() * TOPICS.length)]
        .slice(0, 1 + Math.floor(random() * 3)))];
      const supports = [...new Set([skewed(random, SUPPORT_TYPES.length), Math.floor(random() * SUPPORT_TYPES.length)].slice(0, Math.floor(random() * 3)))];
      const councils = [...new Set([skewed(random, 150), Math.floor(random() * 150)].slice(0, 1 + Math.floor(random() * 2)))];
      for (const published of [false, true]) {
        const id = 2 * n + (published ? 2 : 1);
        studies.push([id, `bdoc${n}`, title, `${slugify(title)}-${n}`, summary, date, now, now, published ? now : null]);
        bodies.forEach(([heading, body], order) => {
          sectionId += 1;
          sections.push([sectionId, heading, body]);
          cmps.push([sectionId, id, sectionId, 'case-study.section', 'sections', order + 1]);
        });
        topics.forEach((t, o) => topicLinks.push([id, t + 1, o + 1]));
        supports.forEach((s, o) => supportLinks.push([id, s + 1, o + 1]));
        councils.forEach((c, o) => councilLinks.push([id, c + 1, o + 1]));
      }
    }
    await client.query('BEGIN');
    await insertUnnest(client, 'case_studies', ['id', 'document_id', 'title', 'slug', 'summary', 'publication_date', 'created_at', 'updated_at', 'published_at'],
      ['int', 'text', 'text', 'text', 'text', 'date', 'timestamp', 'timestamp', 'timestamp'], studies);
    await insertUnnest(client, 'components_case_study_sections', ['id', 'heading', 'body'], ['int', 'text', 'text'], sections);
    await insertUnnest(client, 'case_studies_cmps', ['id', 'entity_id', 'cmp_id', 'component_type', 'field', 'order'],
      ['int', 'int', 'int', 'text', 'text', 'float8'], cmps);
    await insertUnnest(client, 'case_studies_topics_lnk', ['case_study_id', 'topic_id', 'topic_ord'], ['int', 'int', 'float8'], topicLinks);
    await insertUnnest(client, 'case_studies_support_types_lnk', ['case_study_id', 'support_type_id', 'support_type_ord'], ['int', 'int', 'float8'], supportLinks);
    await insertUnnest(client, 'case_studies_councils_lnk', ['case_study_id', 'council_id', 'council_ord'], ['int', 'int', 'float8'], councilLinks);
    await client.query('COMMIT');
    if ((start / batch) % 10 === 0) log(`  loaded ${Math.min(size, start + batch)} / ${size}`);
  }
  for (const t of ['case_studies', 'components_case_study_sections', 'case_studies_cmps']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`);
  }
  // The index is built by set-based SQL when the server boots and finds it unbuilt.
  await client.query('UPDATE search_index_state SET built = false');
  await client.query('ANALYZE');
  return { topic: slugify(TOPICS[3]), keyword: 'volunteers', containsi: 'volunteer' };
}

module.exports = { loadCorpus };
