'use strict';

/**
 * The website's rate limits (rate-limiter-flexible): one row per counter, shared by every process.
 * The columns are those rate-limiter-flexible's PostgreSQL and SQLite stores expect; the table is
 * created here, once, rather than by each process at boot (two processes racing on CREATE TABLE
 * IF NOT EXISTS can fail on PostgreSQL). Expired rows are removed by the limiter every hour.
 */
module.exports = {
  async up(knex, db) {
    const postgres = db.dialect.client === 'postgres';
    await knex.raw(
      postgres
        ? `CREATE TABLE IF NOT EXISTS site_rate_limits (
             key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`
        : `CREATE TABLE IF NOT EXISTS site_rate_limits (
             key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)`
    );
    await knex.raw('CREATE INDEX IF NOT EXISTS site_rate_limits_expire ON site_rate_limits (expire)');
  },
  async down(knex) {
    await knex.raw('DROP TABLE IF EXISTS site_rate_limits');
  },
};
