'use strict';
/**
 * A realistic corpus, written straight into Strapi's tables with set-based INSERT ... unnest(...)
 * (one statement per 2,000 documents), in the shape the document service writes: a draft row and a
 * published row per case study, each with its own section components and relation links.
 */
const V = require('./vocabulary');

const slugify = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function prng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Zipf sampler over n ranks (weight 1 / r^s): a few items common, a long tail rare. */
function zipf(n, s = 1) {
  const cumulative = [];
  let sum = 0;
  for (let r = 1; r <= n; r++) cumulative.push((sum += 1 / r ** s));
  return (random) => {
    const x = random() * sum;
    let lo = 0, hi = n - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  };
}
const picker = (list, s) => { const z = zipf(list.length, s); return (random) => list[z(random)]; };
const distinct = (random, draw, count) => { const out = new Set(); for (let i = 0; i < count * 3 && out.size < count; i++) out.add(draw(random)); return [...out]; };

/** ~300 councils: a region-weighted spread of generated place names (London ones are boroughs). */
function councilList() {
  const out = [];
  let i = 0;
  for (const [region, n] of V.REGIONS) {
    for (let k = 0; k < n; k++, i++) {
      const place = V.PLACE_START[i % V.PLACE_START.length] + V.PLACE_END[Math.floor(i / V.PLACE_START.length) % V.PLACE_END.length];
      const [suffix, kind] = region === 'london' ? ['Council', 'london_borough'] : V.COUNCIL_KINDS[i % 4];
      out.push({ name: `${place} ${suffix}`, kind, region });
    }
  }
  return out;
}
const COUNCILS = councilList();

const noun = picker(V.NOUNS, 1), verb = picker(V.VERBS, 1), adjective = picker(V.ADJECTIVES, 1), group = picker(V.GROUPS, 1);
const theme = zipf(V.THEMES.length, 1), topic = zipf(V.TOPICS.length, 0.9), support = zipf(V.SUPPORT_TYPES.length, 0.8);
const council = zipf(COUNCILS.length, 0.7);
const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** One sentence of case-study prose; `about` (the study's themes) is worked in now and then. */
function sentence(random, about, place) {
  const pick = (f) => f(random);
  const templates = [
    () => `The ${pick(noun)} team ${pick(verb)} a ${pick(adjective)} ${pick(noun)} with ${pick(noun)} and ${pick(group)}`,
    () => `${place} ${pick(verb)} its ${pick(noun)} ${pick(noun)} after ${pick(adjective)} ${pick(noun)} from ${pick(group)}`,
    () => `Over ${2 + Math.floor(random() * 30)} months the ${pick(noun)} ${pick(verb)} ${pick(noun)} for ${Math.floor(random() * 900) + 40} ${pick(group)}`,
    () => `Costs fell by ${Math.floor(random() * 40) + 3} per cent and ${pick(adjective)} ${pick(noun)} ${pick(verb)} the ${pick(noun)}`,
    () => `${cap(pick(adjective))} ${pick(noun)} and ${pick(adjective)} ${pick(noun)} were ${pick(verb)} by ${pick(noun)} officers`,
    () => `A budget of £${(Math.floor(random() * 950) + 50) * 1000} ${pick(verb)} ${pick(adjective)} ${pick(noun)} across ${pick(noun)}`,
  ];
  if (about.length && random() < 0.18) return `The ${pick(noun)} focused on ${about[Math.floor(random() * about.length)][1]}.`;
  return `${templates[Math.floor(random() * templates.length)]()}.`;
}
function paragraph(random, bytes, about, place) {
  let text = '';
  while (text.length < bytes) text += `${sentence(random, about, place)} `;
  return text.trim();
}

/** One case study's fields, drawn from `random`; n makes the title and slug unique. */
function caseStudy(random, n) {
  const themes = distinct(random, theme, 1 + (random() < 0.5 ? 1 : 0)).map((t) => V.THEMES[t]);
  const councils = distinct(random, council, random() < 0.85 ? 1 : 2 + Math.floor(random() * 3));
  const place = COUNCILS[councils[0]].name;
  const title = `${themes[0][0]} in ${place.replace(/ (District|Borough|County|City)? ?Council$/, '')}`.slice(0, 190);
  const summary = `${place} ${themes[0][1]}. ${paragraph(random, 150 + Math.floor(random() * 250), [], place)}`.slice(0, 600);
  // Recent years are better covered, as in a real library.
  const year = 2026 - Math.floor(16 * random() ** 1.6);
  const date = new Date(Date.UTC(year, Math.floor(random() * 12), 1 + Math.floor(random() * 28)));
  const sections = ['The challenge', 'The solution', 'The impact', 'Lessons learned']
    .slice(0, 3 + (random() < 0.4 ? 1 : 0))
    .map((h, _, all) => [h, paragraph(random, Math.floor((2000 + random() * 2000) / all.length), themes, place)]);
  return { title, summary, date, sections, councils,
    topics: distinct(random, topic, 1 + Math.floor(random() * 3)),
    supports: distinct(random, support, Math.floor(random() * 3)) };
}

async function insertUnnest(client, table, columns, types, rows) {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  const params = columns.map((_, i) => rows.map((r) => r[i]));
  const unnest = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  await client.query(`INSERT INTO ${table} (${cols}) SELECT * FROM unnest(${unnest})`, params);
}

async function loadVocabularies(client, now) {
  const councils = COUNCILS.map((c, i) => [i + 1, `bcouncil${i}`, c.name, slugify(c.name), c.kind, c.region, now, now, now]);
  const named = (list) => list.map((name, i) => [i + 1, `bvocab${slugify(name)}`, name, slugify(name), now, now, now]);
  const cols = ['id', 'document_id', 'name', 'slug', 'created_at', 'updated_at', 'published_at'];
  const types = ['int', 'text', 'text', 'text', 'timestamp', 'timestamp', 'timestamp'];
  await insertUnnest(client, 'topics', cols, types, named(V.TOPICS));
  await insertUnnest(client, 'support_types', cols, types, named(V.SUPPORT_TYPES));
  await insertUnnest(client, 'councils', ['id', 'document_id', 'name', 'slug', 'kind', 'region', 'created_at', 'updated_at', 'published_at'],
    ['int', 'text', 'text', 'text', 'text', 'text', 'timestamp', 'timestamp', 'timestamp'], councils);
  for (const t of ['topics', 'support_types', 'councils']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`);
  }
}

/**
 * Loads `size` case studies; returns what the benchmark asks about: a common topic, and a keyword
 * that (by the theme's Zipf rank) matches a few per cent of studies. run.js measures both fractions.
 */
async function loadCorpus(client, size, log) {
  const random = prng(size);
  const now = new Date();
  await loadVocabularies(client, now);
  const batch = 2000;
  let sectionId = 0;
  for (let start = 0; start < size; start += batch) {
    const studies = [], sections = [], cmps = [], topicLinks = [], supportLinks = [], councilLinks = [];
    for (let n = start; n < Math.min(size, start + batch); n++) {
      const cs = caseStudy(random, n);
      for (const published of [false, true]) {
        const id = 2 * n + (published ? 2 : 1);
        studies.push([id, `bdoc${n}`, cs.title, `${slugify(cs.title)}-${n}`.slice(0, 220), cs.summary, cs.date, now, now, published ? now : null]);
        cs.sections.forEach(([heading, body], order) => {
          sectionId += 1;
          sections.push([sectionId, heading, body]);
          cmps.push([sectionId, id, sectionId, 'case-study.section', 'sections', order + 1]);
        });
        cs.topics.forEach((t, o) => topicLinks.push([id, t + 1, o + 1]));
        cs.supports.forEach((s, o) => supportLinks.push([id, s + 1, o + 1]));
        cs.councils.forEach((c, o) => councilLinks.push([id, c + 1, o + 1]));
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
  // The index is built by set-based SQL when the server boots and finds it unbuilt: without fresh
  // statistics its per-study section lookups are planned as scans and the build takes many minutes.
  // run.js runs VACUUM ANALYZE again once the index tables are filled.
  await client.query('UPDATE search_index_state SET built = false');
  await client.query('ANALYZE');
  return { topic: slugify(V.TOPICS[1]), keyword: 'volunteers', containsi: 'volunteers' };
}

/** What the bench's questions match: the keyword (full text, and stock's substring test) and the topic. */
async function matchFractions(client, q) {
  const one = async (sql, params) => Number((await client.query(sql, params)).rows[0].n);
  const published = await one('SELECT count(*) AS n FROM search_facts');
  return {
    published,
    keyword: (await one(`SELECT count(*) AS n FROM search_match WHERE tsv @@ plainto_tsquery('english', $1)`, [q.keyword])) / published,
    containsi: (await one(`SELECT count(*) AS n FROM case_studies WHERE published_at IS NOT NULL
      AND (title ILIKE '%' || $1 || '%' OR summary ILIKE '%' || $1 || '%')`, [q.containsi])) / published,
    topic: (await one(`SELECT count(*) AS n FROM search_facts WHERE topic_ids @> array(SELECT id FROM topics WHERE slug = $1)`, [q.topic])) / published,
  };
}

module.exports = { loadCorpus, matchFractions, caseStudy, prng };
