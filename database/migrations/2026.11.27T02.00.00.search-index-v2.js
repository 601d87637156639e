'use strict';

const path = require('path');

/**
 * Search index, second version (issue 13): replaces the first version's index tables with the ones
 * src/search/schema.ts defines (the one place the index's tables, indexes and functions are written),
 * adds the data generation and its change log, and marks the index unbuilt: the index is derived
 * from Strapi's own tables, so on a database that already has studies the next boot rebuilds it.
 *
 * PostgreSQL needs the pg_trgm extension ("did you mean"): this runs CREATE EXTENSION IF NOT EXISTS,
 * which the database owner may do (a trusted extension since PostgreSQL 13); where that is refused,
 * create it once as a superuser.
 */
module.exports = {
  async up(knex, db) {
    // Strapi runs the built app: the schema module is compiled into dist/ with the rest of src/.
    const { schemaStatements } = require(path.join(strapi.dirs.dist.src, 'search', 'schema.js'));
    const dialect = db.dialect.client === 'postgres' ? 'postgres' : 'sqlite';
    for (const sql of schemaStatements(dialect)) {
      try {
        await knex.raw(sql);
      } catch (error) {
        if (sql.includes('EXTENSION'))
          error.message = `The search needs the pg_trgm extension: run "CREATE EXTENSION pg_trgm" in this database as a superuser (${error.message})`;
        throw error;
      }
    }
  },
  async down() {
    throw new Error('The search index migrations have no down step.');
  },
};
