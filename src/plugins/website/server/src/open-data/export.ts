import { pipeline, Readable } from 'stream';
import { stringify } from 'csv-stringify';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { openDataConfig } from '../../../../../open-data/config';
import { csvHeader, csvRow, sectionHeadings } from '../../../../../open-data/csv-columns';
import { publishedCaseStudies, publishedSectionHeadings } from '../../../../../open-data/reader';
import { toOpenRecord, type OpenDataDocument } from '../../../../../open-data/record';
import { siteUrl, websiteConfig } from '../config';
import { filterParams, parseFilters } from './filters';

/** Headers every open-data download carries: its licence (RFC 8288 `license` link), and no caching of stale data. */
export function licenceHeaders(strapi: Core.Strapi, ctx: Context): void {
  const { licence } = openDataConfig(strapi);
  if (licence.url) ctx.set('Link', `<${licence.url}>; rel="license"; title="${licence.name.replace(/"/g, "'")}"`);
  ctx.set('Cache-Control', 'public, max-age=300');
}

/** Streams a body; a failure half-way is logged (the status has gone) and ends the response. */
function streamed(strapi: Core.Strapi, ctx: Context, source: Readable, through?: NodeJS.ReadWriteStream) {
  const failed = (error: Error | null) => {
    if (error) strapi.log.error(`open data ${ctx.path}: ${error.message}`);
  };
  ctx.body = through ? pipeline(source, through, failed) : source.on('error', failed);
}

/**
 * GET /case-studies/export.csv and .json: the published library (or the finder's filtered part of it)
 * as open data, streamed a batch at a time, so the whole library is never in memory.
 */
export function exportActions(strapi: Core.Strapi) {
  const read = (ctx: Context) => {
    const query = parseFilters(ctx.query as Record<string, unknown>);
    const origin = siteUrl(strapi, ctx.origin);
    const batches = publishedCaseStudies(strapi, query, openDataConfig(strapi).exportBatchSize);
    return { query, origin, batches };
  };
  return {
    async csv(ctx: Context) {
      const { origin, batches } = read(ctx);
      const headings = sectionHeadings(await publishedSectionHeadings(strapi));
      async function* rows() {
        yield csvHeader(headings);
        for await (const batch of batches) for (const study of batch) yield csvRow(toOpenRecord(study, origin), headings);
      }
      licenceHeaders(strapi, ctx);
      ctx.attachment('case-studies.csv');
      ctx.type = 'text/csv; charset=utf-8';
      // A byte-order mark so spreadsheets read UTF-8; CRLF line ends (RFC 4180); quotes only where needed.
      streamed(strapi, ctx, Readable.from(rows()), stringify({ bom: true, record_delimiter: 'windows' }));
    },

    async json(ctx: Context) {
      const { query, origin, batches } = read(ctx);
      const { licence } = openDataConfig(strapi);
      const meta: OpenDataDocument['meta'] = {
        title: `Case studies: ${websiteConfig(strapi).siteName}`,
        licence,
        source: `${origin}/case-studies`,
        filters: filterParams(query),
      };
      async function* text() {
        yield `{"meta":${JSON.stringify(meta)},\n"data":[`;
        let first = true;
        for await (const batch of batches) {
          for (const study of batch) {
            yield `${first ? '\n' : ',\n'}${JSON.stringify(toOpenRecord(study, origin))}`;
            first = false;
          }
        }
        yield '\n]}\n';
      }
      licenceHeaders(strapi, ctx);
      ctx.attachment('case-studies.json');
      ctx.type = 'application/json; charset=utf-8';
      streamed(strapi, ctx, Readable.from(text(), { objectMode: false }));
    },
  };
}
